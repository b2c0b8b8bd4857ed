import ArgumentParser
import EscPos
import EscPosTemplates
import EscPosTransports
import Foundation
import Logging

struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a JSON document, a text file, an image, a template with data, quick forms or .bin bytes.",
        discussion: """
            The whole job is compiled before the printer is contacted, so a bad document never leaves half a \
            receipt. A .txt file is printed as text through the code pages, a .png or .jpg as an image; only .bin \
            files (or --raw) are sent unchanged. - reads a JSON document (with --raw: bytes) from standard input.

            After the last byte the printer is asked to confirm the job: Epson models with process ID responses \
            (GS ( H) answer once they have printed it, others answer a status request (DLE EOT) after taking \
            every byte. "printed" means the printer confirmed it; "sent" means the bytes were handed to the \
            connection (for TCP, taken by the local socket) but the printer could not confirm them (CUPS, files, \
            no answer within --timeout). Exits 69 when the printer cannot be reached, 74 when the job fails \
            while sending (the error says how many bytes were handed over by then), 75 "not printed" when the \
            printer reports paper out, cover open or an error, before (--check-status) or after taking the job.

            Examples:
              escpos print receipt.json --printer tcp://192.168.1.50 --profile epson-tm-t20iii
              escpos print --template sales-receipt --data order.json --printer cups://Receipts --check-status
              escpos print --template test-page --profile 58mm --printer serial:///dev/ttyUSB0?baud=9600
              escpos print receipt.bin --printer file:///dev/usb/lp0 --copies 2 --open-drawer
            """
    )

    @OptionGroup var input: JobInput

    @Option(
        name: .long,
        help: "Where to print: tcp://, usb://, cups://, file:// or serial:// (default: $ESCPOS_PRINTER)."
    )
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

    @Flag(
        name: .long,
        inversion: .prefixedNo,
        help:
            "After the job, ask the printer to confirm it processed it (GS ( H where the profile has it, else DLE EOT)."
    )
    var confirm = true

    @Flag(name: .long, help: "Print the result as JSON (result, confirmation, bytes, warnings), or the error.")
    var json = false

    @Flag(
        name: .long,
        inversion: .prefixedNo,
        help: "Show a progress line while sending (default: for jobs over 32 KiB on a terminal)."
    )
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
        try await reportingErrors(json: json) {
            let uri = try parsePrinterURI(printer ?? ProcessInfo.processInfo.environment["ESCPOS_PRINTER"] ?? "")
            let (profile, job, drawerPulse, warnings) = try compileJob()
            logger.debug(
                "compiled \(job.count) bytes for \(profile.id); \(copies) cop\(copies == 1 ? "y" : "ies") to \(uri)"
            )
            // The drawer opens once, after the last copy, however many copies are printed.
            let total = job.count * copies + drawerPulse.count
            let progress = Progress(
                total: total,
                enabled: self.progress ?? (total > 32 * 1024 && isatty(2) == 1)
            )
            // Progress is shown per piece, so large jobs go out in 4 KiB pieces when it is on.
            let options = TransportOptions(
                connectTimeout: .seconds(timeout),
                chunkSize: progress.enabled ? 4096 : 16384
            )
            let printerOptions = Printer.Options(
                checkStatusBeforePrinting: checkStatus,
                replyTimeout: .seconds(timeout),
                writeTimeout: .seconds(timeout),
                confirmJobs: confirm,
                confirmationTimeout: .seconds(timeout)
            )
            let deliveries = try await withPrinterTransport(uri, options: options, logger: logger) { transport in
                let printer = Printer(transport: transport, profile: profile, options: printerOptions)
                var deliveries: [Printer.Delivery] = []
                for copy in 0..<copies {
                    let bytes = copy == copies - 1 ? job + drawerPulse : job
                    let before = copy * job.count
                    do {
                        let result = try await printer.send(bytes) { progress.update(before + $0.bytesHandedOver) }
                        deliveries.append(result.delivery)
                    } catch let error as TransportError where error.code == .printerNotReady {
                        progress.finish()
                        throw Self.notPrinted(error, copy: copy)
                    } catch let error as TransportError {
                        progress.finish()
                        throw Self.sendingFailed(
                            error,
                            handed: before + (error.bytesDelivered ?? 0),
                            total: total
                        )
                    }
                }
                return deliveries
            }
            progress.finish()
            let copiesText = "\(copies) cop\(copies == 1 ? "y" : "ies") (\(job.count) bytes each)"
            if json {
                let confirmations = deliveries.compactMap { delivery -> String? in
                    if case .confirmed(let how) = delivery { return how.rawValue }
                    return nil
                }
                try printJSON(
                    PrintReport(
                        uri: uri,
                        profile: profile.id,
                        result: confirmations.count == copies ? "printed" : "sent",
                        confirmations: confirmations,
                        copies: copies,
                        bytes: total,
                        warnings: warnings
                    )
                )
            } else if let how = Self.confirmation(of: deliveries) {
                print("printed \(copiesText) on \(uri): confirmed by \(how)")
            } else {
                print(
                    "sent \(copiesText) to \(uri): the bytes were handed to the connection, but the printer did not "
                        + "confirm that it printed them (\(confirm ? "no back channel, or no answer in time" : "--no-confirm"))"
                )
            }
        }
    }

    /// What `print --json` prints.
    struct PrintReport: Encodable {
        var uri: PrinterURI
        var profile: String
        /// `printed` when the printer confirmed every copy, else `sent`.
        var result: String
        /// How each confirmed copy was confirmed (`processID`, `statusRoundTrip`).
        var confirmations: [String]
        var copies: Int
        /// All bytes handed to the connection, every copy and the drawer pulse.
        var bytes: Int
        var warnings: [CompileWarning]
    }

    /// How every copy was confirmed, or `nil` when one was only sent.
    private static func confirmation(of deliveries: [Printer.Delivery]) -> String? {
        var ways: Set<String> = []
        for delivery in deliveries {
            switch delivery {
            case .confirmed(.processID): ways.insert("the printer's process ID response (GS ( H)")
            case .confirmed(.statusRoundTrip): ways.insert("a status round trip after the job (DLE EOT)")
            case .sent: return nil
            }
        }
        return ways.sorted().joined(separator: " and ")
    }

    /// The printer refused the job, before it was sent (--check-status) or after it took the bytes: exit 75.
    private static func notPrinted(_ error: TransportError, copy: Int) -> CLIError {
        var error = error
        error.message = "not printed: " + error.message
        if copy > 0 { error.message += " (\(copy) earlier cop\(copy == 1 ? "y was" : "ies were") printed)" }
        return CLIError.transport(error)
    }

    /// A job that failed while sending is an input/output error (74), whatever the transport's code: the
    /// printer was reached, and part of the receipt may have printed.
    private static func sendingFailed(_ error: TransportError, handed: Int, total: Int) -> CLIError {
        var message = error
        message.bytesDelivered = nil
        let part = handed == 0 ? "nothing can have printed" : "part of the receipt may have printed"
        return CLIError.io(
            "the job failed while sending: \(message); \(handed) of \(total) bytes had been handed to the "
                + "connection (not necessarily to the printer), so \(part)"
        )
    }

    /// The bytes of one copy (compiled for the profile, or a raw file as is) and the drawer pulse, empty
    /// without --open-drawer.
    private func compileJob() throws -> (PrinterProfile, [UInt8], [UInt8], [CompileWarning]) {
        let bytes: [UInt8]
        let profile: PrinterProfile
        var warnings: [CompileWarning] = []
        if input.isRaw, let document = input.document {
            profile = try profileOptions.load()
            bytes = [UInt8](try readFile(document))
        } else {
            let compiled = try input.compile(profileOptions: profileOptions, strict: strict)
            profile = compiled.0
            bytes = compiled.1.bytes
            warnings = compiled.1.warnings
        }
        var drawerPulse: [UInt8] = []
        if openDrawer {
            do {
                drawerPulse = try ReceiptCompiler(profile: profile, options: CompileOptions(strict: true))
                    .compile(Receipt { DrawerPulse() }).bytes
            } catch let error as EscPosError {
                throw CLIError.invalid("--open-drawer: \(error.message)", file: nil)
            }
        }
        return (profile, bytes, drawerPulse, warnings)
    }
}

/// A one-line progress display on standard error, redrawn in place; updated from the printer's task.
final class Progress: Sendable {
    let total: Int
    let enabled: Bool

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ sent: Int) {
        guard enabled else { return }
        let percent = total == 0 ? 100 : sent * 100 / total
        writeStandardError("\rsending: \(percent)% (\(sent / 1024) of \(total / 1024) KiB)", terminator: "")
    }

    func finish() {
        if enabled { writeStandardError("") }
    }
}
