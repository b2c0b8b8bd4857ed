// EscPosUSBHarness: runs one USB scenario through EscPosTransports and prints the outcome as one JSON
// line. The USB tests start it under scripts/harness/usb/fakeprinter.py (umockdev's LD_PRELOAD), so the
// emulated printer exists for this process only and never for the test runner itself.
//
//   EscPosUSBHarness discover
//   EscPosUSBHarness print URI COUNT [TIMEOUT_MS]   payload byte i = (i * 7 + 3) & 0xFF
//   EscPosUSBHarness status URI [TIMEOUT_MS]
//   EscPosUSBHarness read URI TIMEOUT_MS            a bare bulk IN read
//   EscPosUSBHarness cancel URI COUNT DELAY_MS      cancel a slow write after DELAY_MS
import EscPosTransports
import Foundation

struct Outcome: Encodable {
    var ok: Bool
    var printers: [USBPrinter]?
    var status: PrinterStatus?
    var bytes: [UInt8]?
    var printer: USBPrinter?
    var error: TransportError?
}

func emit(_ outcome: Outcome) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(outcome)) ?? Data(#"{"ok":false}"#.utf8)
    print(String(decoding: data, as: UTF8.self))
}

func payload(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
}

func milliseconds(_ text: String?, default value: Int) -> Duration {
    .milliseconds(text.flatMap(Int.init) ?? value)
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "discover":
        emit(Outcome(ok: true, printers: try await USBTransport.printers()))
    case "print" where arguments.count >= 3:
        let uri = try PrinterURI(arguments[1])
        let bytes = payload(Int(arguments[2]) ?? 0)
        let timeout = milliseconds(arguments.count > 3 ? arguments[3] : nil, default: 5000)
        let printer = try await withPrinterTransport(uri, options: TransportOptions(chunkSize: 1024)) { transport in
            try await transport.write(bytes, timeout: timeout)
            return (transport as? USBTransport)?.printer
        }
        emit(Outcome(ok: true, printer: printer))
    case "status" where arguments.count >= 2:
        let timeout = milliseconds(arguments.count > 2 ? arguments[2] : nil, default: 1000)
        let status = try await withPrinterTransport(PrinterURI(arguments[1])) { transport in
            try await Printer(transport: transport, options: .init(replyTimeout: timeout)).status()
        }
        emit(Outcome(ok: true, status: status))
    case "read" where arguments.count >= 3:
        let bytes = try await withPrinterTransport(PrinterURI(arguments[1])) { transport in
            try await transport.read(upTo: 64, timeout: milliseconds(arguments[2], default: 300))
        }
        emit(Outcome(ok: true, bytes: bytes))
    case "cancel" where arguments.count >= 4:
        let uri = try PrinterURI(arguments[1])
        let bytes = payload(Int(arguments[2]) ?? 0)
        let task = Task {
            try await withPrinterTransport(uri) { transport in
                try await transport.write(bytes, timeout: .seconds(30))
            }
        }
        try await Task.sleep(for: milliseconds(arguments[3], default: 300))
        task.cancel()
        try await task.value
        emit(Outcome(ok: true))
    default:
        FileHandle.standardError.write(Data("usage: EscPosUSBHarness discover|print|status|read|cancel ...\n".utf8))
        exit(64)
    }
} catch let error as TransportError {
    emit(Outcome(ok: false, error: error))
} catch {
    emit(Outcome(ok: false, error: TransportError(.ioError, "\(error)")))
}
