import Dispatch
import EscPosTransports
import Foundation
import Testing

@testable import EscPosDeviceFileTransport

#if canImport(Glibc)
import Glibc
#endif

@Suite(.tags(.serial), .timeLimit(.minutes(1)))
struct DeviceFileTransportTests {
    @Test func serialDeliversBytesExactly() async throws {
        let pty = try PseudoTerminal()
        let job = TCPTransportTests.everyByte
        try await withPrinterTransport(PrinterURI("serial://\(pty.devicePath)?baud=19200")) { transport in
            try await transport.write(job)
            #expect(pty.readFromHost(count: job.count) == job)
        }
    }

    struct LineCase: Sendable, CustomTestStringConvertible {
        var query: String
        var speed: Int32
        var parityEnabled: Bool
        var parityOdd: Bool
        var rtscts: Bool
        var xonxoff: Bool
        var testDescription: String { query }
    }

    static let lineCases: [LineCase] = [
        LineCase(
            query: "baud=19200&flow=rtscts&parity=none",
            speed: B19200,
            parityEnabled: false,
            parityOdd: false,
            rtscts: true,
            xonxoff: false
        ),
        LineCase(
            query: "baud=115200&flow=xonxoff&parity=even",
            speed: B115200,
            parityEnabled: true,
            parityOdd: false,
            rtscts: false,
            xonxoff: true
        ),
        LineCase(
            query: "baud=9600&flow=none&parity=odd",
            speed: B9600,
            parityEnabled: true,
            parityOdd: true,
            rtscts: false,
            xonxoff: false
        ),
    ]

    @Test(arguments: lineCases)
    func serialAppliesLineSettings(_ line: LineCase) async throws {
        let pty = try PseudoTerminal()
        try await withPrinterTransport(PrinterURI("serial://\(pty.devicePath)?\(line.query)")) { _ in
            let fd = open(pty.devicePath, O_RDWR | O_NOCTTY)
            defer { close(fd) }
            var settings = termios()
            #expect(tcgetattr(fd, &settings) == 0)
            #expect(cfgetospeed(&settings) == speed_t(line.speed))
            #expect(cfgetispeed(&settings) == speed_t(line.speed))
            #expect((settings.c_cflag & tcflag_t(CSIZE)) == tcflag_t(CS8))
            #expect((settings.c_cflag & tcflag_t(CRTSCTS) != 0) == line.rtscts)
            #expect((settings.c_iflag & tcflag_t(IXON) != 0) == line.xonxoff)
            #expect(settings.c_oflag & tcflag_t(OPOST) == 0, "raw output: no newline translation")
        }
    }

    /// The pty driver forces 8N1 whatever is asked, so parity is checked on the settings the transport
    /// hands to `tcsetattr`, and speed and flow control on the real line above.
    @Test(arguments: lineCases)
    func lineSettingsRequested(_ line: LineCase) throws {
        guard case .serial(_, let options) = try PrinterURI("serial:///dev/ttyS0?\(line.query)").endpoint else {
            Issue.record("not a serial URI")
            return
        }
        var settings = termios()
        settings.c_cflag = tcflag_t(PARENB | PARODD) | tcflag_t(CRTSCTS)
        settings.c_iflag = tcflag_t(IXON | IXOFF)
        DeviceFileTransport.applyLineSettings(options, to: &settings)
        #expect(cfgetospeed(&settings) == speed_t(line.speed))
        #expect((settings.c_cflag & tcflag_t(PARENB) != 0) == line.parityEnabled)
        #expect((settings.c_cflag & tcflag_t(PARODD) != 0) == line.parityOdd)
        #expect((settings.c_cflag & tcflag_t(CRTSCTS) != 0) == line.rtscts)
        #expect((settings.c_iflag & tcflag_t(IXON | IXOFF) != 0) == line.xonxoff)
        #expect(settings.c_cflag & tcflag_t(CSTOPB) == 0)
        #expect(settings.c_cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
    }

    @Test func statusOverSerial() async throws {
        nonisolated(unsafe) let pty = try PseudoTerminal()
        nonisolated(unsafe) var requests: [UInt8] = []
        let printerDone = DispatchSemaphore(value: 0)
        // The "printer" answers each DLE EOT request once it arrived (a reply sent before its request is
        // not taken for one): online, cover open, no error, paper near end.
        // A thread of its own: Dispatch's global queue is as wide as the machine has cores, and other suites'
        // blocking work can hold it for seconds on a 2-core machine.
        Thread {
            let replies: [UInt8] = [0x12, 0x16, 0x12, 0x1E]
            var answered = 0
            while answered < replies.count {
                // Up to a minute: in a full parallel run the host side may be slow to start asking.
                let received = pty.readFromHost(count: 3, timeoutMilliseconds: 60_000)
                if received.isEmpty { break }
                requests += received
                // Only whole requests are answered, each once.
                while answered < min(replies.count, requests.count / 3) {
                    pty.sendToHost([replies[answered]])
                    answered += 1
                }
            }
            printerDone.signal()
        }.start()
        let status = try await withPrinterTransport(PrinterURI("serial://\(pty.devicePath)")) { transport in
            // A generous reply timeout: the test is about the bytes, and a loaded CI machine is slow.
            try await Printer(transport: transport, options: .init(replyTimeout: .seconds(15))).status()
        }
        printerDone.wait()
        #expect(status.isOnline == true)
        #expect(status.isCoverOpen == true)
        #expect(status.isPaperNearEnd == true)
        #expect(status.isPaperOut == false)
        #expect(requests == [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4])
    }

    @Test func silentPrinterTimesOut() async throws {
        let pty = try PseudoTerminal()
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI("serial://\(pty.devicePath)")) { transport in
                try await Printer(transport: transport, options: .init(replyTimeout: .milliseconds(200))).status()
            }
        }
        #expect(error.code == .timeout)
    }

    @Test func printerThatStopsAcceptingDataTimesOut() async throws {
        let pty = try PseudoTerminal()
        let job = [UInt8](repeating: 0x41, count: 4 << 20)
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI("serial://\(pty.devicePath)?flow=none")) { transport in
                try await transport.write(job, timeout: .milliseconds(300))
            }
        }
        #expect(error.code == .timeout)
        let delivered = try #require(error.bytesDelivered)
        #expect(delivered > 0 && delivered < job.count)
    }

    @Test func cancellationStopsABlockedWrite() async throws {
        let pty = try PseudoTerminal()
        let uri = try PrinterURI("serial://\(pty.devicePath)")
        let task = Task {
            try await withPrinterTransport(uri) { transport in
                try await transport.write([UInt8](repeating: 0x41, count: 4 << 20), timeout: .seconds(50))
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let error = try await #require(throws: TransportError.self) { try await task.value }
        #expect(error.code == .cancelled)
        #expect(error.bytesDelivered != nil)
    }

    @Test func missingDeviceIsTyped() async throws {
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI("file:///dev/usb/lp-escpos-missing")) { _ in }
        }
        #expect(error.code == .deviceNotFound)
        #expect(error.message.contains("/dev/usb/lp-escpos-missing"))
    }

    @Test func serialOptionsOnANonTerminalAreRejected() async throws {
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI("serial:///dev/null")) { _ in }
        }
        #expect(error.code == .invalidURI)
    }

    @Test func deviceFileWrites() async throws {
        try await withPrinterTransport(PrinterURI("file:///dev/null")) { transport in
            try await transport.write([0x1B, 0x40])
        }
    }

    @Test func aFileURIToANewPathCreatesARegularFileThatGetsTheJob() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escpos-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("job.bin").path
        try await withPrinterTransport(PrinterURI("file://\(path)")) { transport in
            #expect(!transport.hasBackChannel, "a regular file cannot answer")
            try await transport.write([0x1B, 0x40, 0x41, 0x0A])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([0x1B, 0x40, 0x41, 0x0A]))
    }

    @Test func aMissingDeviceIsNotCreated() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI("file:///dev/escpos-no-such-printer")) { _ in }
        }
        #expect(error?.code == .deviceNotFound)
        #expect(!FileManager.default.fileExists(atPath: "/dev/escpos-no-such-printer"))
    }
}
