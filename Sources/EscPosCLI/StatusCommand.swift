import ArgumentParser
import EscPos
import EscPosTransports
import Foundation
import Logging

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Ask a printer for its status and show it decoded.",
        discussion: """
            Exits 0 when the printer can print, 75 when it reports a problem (paper out, cover open, offline, \
            error), 69 when it cannot be reached or does not answer within --timeout, 74 when it answers with \
            bytes that are not status replies (every reply byte must have the fixed bits 0xx1xx10).

            Examples:
              escpos status --printer tcp://192.168.1.50
              escpos status --printer cups://Receipts --json
            """
    )

    @Option(name: .long, help: "The printer: tcp://, usb://, cups://, file:// or serial:// (default: $ESCPOS_PRINTER).")
    var printer: String?

    @Flag(name: .long, help: "Print the status as JSON: uri, ready, problems and the decoded status.")
    var json = false

    @Option(name: .long, help: "Seconds to wait for the connection and each reply.")
    var timeout = 5

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if !(1...600).contains(timeout) { throw ValidationError("--timeout must be 1–600 seconds") }
        if printer == nil, ProcessInfo.processInfo.environment["ESCPOS_PRINTER"] == nil {
            throw ValidationError("give --printer URI (or set ESCPOS_PRINTER)")
        }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        var ready = true
        try await reportingErrors(json: json) {
            let uri = try parsePrinterURI(printer ?? ProcessInfo.processInfo.environment["ESCPOS_PRINTER"] ?? "")
            let options = TransportOptions(connectTimeout: .seconds(timeout))
            let status = try await withPrinterTransport(uri, options: options, logger: logger) { transport in
                try await Printer(transport: transport, options: Printer.Options(replyTimeout: .seconds(timeout)))
                    .status()
            }
            ready = status.canPrint
            if json {
                try printJSON(StatusReport(uri: uri, ready: status.canPrint, problems: status.problems, status: status))
            } else {
                print(Self.describe(status, uri: uri))
            }
        }
        if !ready { throw ExitCode(75) }
    }

    /// What `status --json` prints.
    struct StatusReport: Encodable {
        var uri: PrinterURI
        var ready: Bool
        var problems: [String]
        var status: PrinterStatus
    }

    static func describe(_ status: PrinterStatus, uri: PrinterURI) -> String {
        func flag(_ name: String, _ value: Bool?) -> String? {
            value.map { "  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \($0 ? "yes" : "no")" }
        }
        var lines = [
            "\(uri): \(status.canPrint ? "ready" : "NOT READY (\(status.problemDescriptions.joined(separator: ", ")))")"
        ]
        lines += [
            flag("online", status.isOnline), flag("cover open", status.isCoverOpen),
            flag("paper near end", status.isPaperNearEnd), flag("paper out", status.isPaperOut),
            flag("drawer sensor high", status.isDrawerSensorHigh), flag("error", status.hasError),
            flag("cutter error", status.hasCutterError), flag("unrecoverable error", status.hasUnrecoverableError),
        ].compactMap { $0 }
        if let queueState = status.queueState { lines.append("  queue state            \(queueState)") }
        if !status.stateReasons.isEmpty {
            lines.append("  reasons                \(status.stateReasons.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}

struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "List USB receipt printers and CUPS queues, with the URI to print to each.",
        discussion: """
            Examples:
              escpos discover
              escpos discover --no-usb --cups-server print.example.com --json
            """
    )

    @Flag(name: .long, inversion: .prefixedNo, help: "Look for USB printers.")
    var usb = true

    @Flag(name: .long, inversion: .prefixedNo, help: "List CUPS queues.")
    var cups = true

    @Option(name: .long, help: "The CUPS server to ask (default: the local one).")
    var cupsServer: String?

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if !usb && !cups { throw ValidationError("--no-usb and --no-cups together leave nothing to search") }
        if cupsServer != nil && !cups { throw ValidationError("--cups-server needs CUPS; drop --no-cups") }
    }

    func run() async throws {
        _ = logging.bootstrap()
        let result = await PrinterDiscovery.discover(includeUSB: usb, cupsServer: cupsServer, includeCUPS: cups)
        if json {
            try printJSON(result)
        } else {
            if result.printers.isEmpty { print("no printers found") }
            for printer in result.printers {
                let name = [printer.make, printer.model].compactMap { $0 }.joined(separator: " ")
                let detail = printer.detail.map { " (\($0))" } ?? ""
                print("\(printer.uri)  \(name)\(detail)")
            }
        }
        for failure in result.failures { writeStandardError("warning: \(failure)") }
    }
}
