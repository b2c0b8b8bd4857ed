import ArgumentParser
import EscPos
import EscPosTemplates
import EscPosTransports
import Foundation
import Logging

struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a JSON document, a template with JSON data, or a raw .bin file.",
        discussion: """
            The whole job is compiled before the printer is contacted, so a bad document never leaves half a \
            receipt. Raw files (anything not ending in .json) are sent unchanged.

            "sent" counts the bytes handed to the connection (for TCP, taken by the local socket), not what \
            the printer printed; use --check-status before, or `escpos status` after, to ask the printer. \
            Exits 69 when the printer cannot be reached, 74 when the job fails while sending (the error says \
            how many bytes were handed over by then), 75 when --check-status finds it not ready.

            Examples:
              escpos print receipt.json --printer tcp://192.168.1.50 --profile epson-tm-t20iii
              escpos print --template sales-receipt --data order.json --printer cups://Receipts --check-status
              escpos print --template test-page --profile 58mm --printer serial:///dev/ttyUSB0?baud=9600
              escpos print receipt.bin --printer file:///dev/usb/lp0 --copies 2 --open-drawer
            """)

    @OptionGroup var input: JobInput

    @Option(name: .long, help: "Where to print: tcp://, usb://, cups://, file:// or serial:// (default: $ESCPOS_PRINTER).")
    var printer: String?

    @OptionGroup var profileOptions: ProfileOptions

    @Option(name: .long, help: "How many copies to print (1–99).")
    var copies = 1

    @Flag(name: .long, help: "Ask the printer for its status first and print nothing unless it is ready.")
    var checkStatus = false

    @Flag(name: .long, help: "Pulse the cash drawer (pin 2) after printing.")
    var openDrawer = false

    @Flag(name: .long, help: "Treat warnings (replaced characters, adapted cuts) as errors.")
    var strict = false

    @Option(name: .long, help: "Seconds the printer may take to connect, accept data or answer a status request.")
    var timeout = 10

    @Flag(name: .long, inversion: .prefixedNo, help: "Show a progress line while sending (default: for jobs over 32 KiB on a terminal).")
    var progress: Bool?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if !(1...99).contains(copies) { throw ValidationError("--copies must be 1–99") }
        if !(1...600).contains(timeout) { throw ValidationError("--timeout must be 1–600 seconds") }
        if printer == nil, ProcessInfo.processInfo.environment["ESCPOS_PRINTER"] == nil {
            throw ValidationError("give --printer URI (or set ESCPOS_PRINTER)")
        }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        try await reportingErrors {
            let uri = try parsePrinterURI(printer ?? ProcessInfo.processInfo.environment["ESCPOS_PRINTER"] ?? "")
            let (profile, job) = try compileJob()
            logger.debug("compiled \(job.count) bytes for \(profile.id); \(copies) cop\(copies == 1 ? "y" : "ies") to \(uri)")
            let progress = Progress(total: job.count * copies, enabled: self.progress ?? (job.count * copies > 32 * 1024 && isatty(2) == 1))
            let options = TransportOptions(connectTimeout: .seconds(timeout))
            try await withPrinterTransport(uri, options: options, logger: logger) { transport in
                let printer = Printer(
                    transport: transport, profile: profile,
                    options: Printer.Options(replyTimeout: .seconds(timeout), writeTimeout: .seconds(timeout)))
                if checkStatus {
                    let status = try await printer.status()
                    logger.debug("status before printing: \(status.problems.isEmpty ? "ready" : status.problems.joined(separator: ", "))")
                    guard status.canPrint else {
                        throw TransportError(
                            .printerNotReady,
                            "the printer reports \(status.problems.joined(separator: ", ")); fix that (load paper, close the cover) and print again; nothing was printed",
                            uri: uri, bytesDelivered: 0, status: status)
                    }
                }
                var handed = 0
                for _ in 0..<copies {
                    var offset = 0
                    while offset < job.count {
                        let end = min(job.count, offset + progress.chunkSize)
                        do {
                            try await printer.send(Array(job[offset..<end]))
                        } catch let error as TransportError {
                            progress.finish()
                            let handedNow = handed + (error.bytesDelivered ?? 0)
                            throw Self.sendingFailed(error, handed: handedNow, total: job.count * copies)
                        }
                        progress.advance(by: end - offset)
                        handed += end - offset
                        offset = end
                    }
                }
            }
            progress.finish()
            print("sent \(copies) cop\(copies == 1 ? "y" : "ies") (\(job.count) bytes each) to \(uri)")
        }
    }

    /// A job that failed while sending is an input/output error (74), whatever the transport's code: the
    /// printer was reached, and part of the receipt may have printed.
    private static func sendingFailed(_ error: TransportError, handed: Int, total: Int) -> CLIError {
        var message = error
        message.bytesDelivered = nil
        let part = handed == 0 ? "nothing can have printed" : "part of the receipt may have printed"
        return CLIError.io(
            "the job failed while sending: \(message); \(handed) of \(total) bytes had been handed to the "
                + "connection (not necessarily to the printer), so \(part)")
    }

    /// The bytes of one copy: compiled for the profile, or a raw file as is; plus the drawer pulse.
    private func compileJob() throws -> (PrinterProfile, [UInt8]) {
        var bytes: [UInt8]
        let profile: PrinterProfile
        if input.isRaw, let document = input.document {
            profile = try profileOptions.load()
            bytes = [UInt8](try readFile(document))
        } else {
            let compiled = try input.compile(profileOptions: profileOptions, strict: strict)
            profile = compiled.0
            bytes = compiled.1.bytes
        }
        if openDrawer {
            do {
                bytes += try ReceiptCompiler(profile: profile, options: CompileOptions(strict: true))
                    .compile(Receipt { DrawerPulse() }).bytes
            } catch let error as EscPosError {
                throw CLIError.invalid("--open-drawer: \(error.message)", file: nil)
            }
        }
        return (profile, bytes)
    }
}

/// A one-line progress display on standard error, redrawn in place.
final class Progress {
    let total: Int
    let enabled: Bool
    private var sent = 0

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    /// Progress is shown per chunk, so large jobs go out in 4 KiB pieces when it is on.
    var chunkSize: Int { enabled ? 4096 : Int.max }

    func advance(by count: Int) {
        sent += count
        guard enabled else { return }
        let percent = total == 0 ? 100 : sent * 100 / total
        writeStandardError("\rsending: \(percent)% (\(sent / 1024) of \(total / 1024) KiB)", terminator: "")
    }

    func finish() {
        if enabled { writeStandardError("") }
    }
}
