// swift-format-ignore-file: AmbiguousTrailingClosureOverload
// `reportingErrors(_:)` has an `async` twin on purpose: the caller's context picks one, and both do the same.

import ArgumentParser
import EscPos
import EscPosTemplates
import EscPosTransports
import Foundation
import Logging

@main
struct EscPosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escpos",
        abstract: "Compile, print, decode and inspect ESC/POS receipts.",
        discussion: """
            Examples:
              escpos render --sample --listing              compile the sample receipt and show its commands
              escpos render --template sales-receipt --data order.json --profile 58mm -o receipt.bin
              escpos render --template test-page --profile epson-tm-t88vi --listing
              escpos print receipt.json --printer tcp://192.168.1.50 --profile epson-tm-t20iii --check-status
              escpos print --template kitchen-ticket --data ticket.json --printer usb://04b8:0e28 --copies 2
              escpos print receipt.bin --printer file:///dev/usb/lp0 --open-drawer
              escpos status --printer tcp://192.168.1.50
              escpos discover                               USB printers and CUPS queues
              escpos decode receipt.bin                     list the commands in any ESC/POS byte stream
              escpos profiles                               list built-in printer profiles

            Printer URIs: tcp://HOST[:PORT], usb://VID:PID[?serial=…], cups://QUEUE, file:///PATH,
            serial:///dev/ttyUSB0?baud=19200.

            Exit codes:
              0   success
              64  bad command line (unknown option, missing argument, malformed printer URI)
              65  invalid input: a document, template data or profile that is malformed or does not add up
              66  an input file does not exist
              69  printer unavailable: not found, refused, unreachable, busy or not answering
              74  input/output error: reading or writing a file, or a job that failed while sending
              75  printer not ready (paper out, cover open, offline); try again after fixing it
              77  permission denied opening the printer

            Shell completions: escpos --generate-completion-script bash|zsh|fish
            """,
        version: "0.1.0",
        subcommands: [
            RenderCommand.self, PrintCommand.self, StatusCommand.self, DiscoverCommand.self, DecodeCommand.self,
            ProfilesCommand.self, PreviewCommand.self, EmulateCommand.self,
        ]
    )
}

/// `--verbose`, shared by every command that talks to printers.
struct LoggingOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Log what happens (connections, bytes sent, replies) to standard error.")
    var verbose = false

    /// Sets up swift-log for this process and returns the tool's logger. Only the CLI bootstraps logging.
    func bootstrap() -> Logger {
        let level: Logger.Level = verbose ? .debug : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "escpos")
        logger.logLevel = level
        return logger
    }
}

/// Options shared by commands that need a printer profile.
struct ProfileOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "A built-in profile name (see `escpos profiles`) or a profile JSON file (default: the document's \"profile\", else generic-80mm).",
        completion: .list(PrinterProfile.builtIn.map(\.id))
    )
    var profile: String?

    /// The profile named by `--profile`, else `documentProfile` (a JSON document's `"profile"`), else generic 80 mm.
    func load(documentProfile: String? = nil) throws -> PrinterProfile {
        let name = profile ?? documentProfile ?? "generic-80mm"
        if name.hasSuffix(".json") {
            let data = try readFile(name)
            do {
                return try JSONDecoder().decode(PrinterProfile.self, from: data)
            } catch let error as DecodingError {
                throw CLIError.invalid(EscPosError(error).description, file: name)
            } catch let error as EscPosError {
                throw CLIError.invalid(error.description, file: name)
            }
        }
        do {
            return try PrinterProfile.named(name)
        } catch {
            let source = profile == nil && documentProfile != nil ? "the document's \"profile\": " : ""
            throw CLIError.invalid(source + String(describing: error), file: nil)
        }
    }
}

/// Errors the tool reports with a documented exit code.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case invalid(String, file: String?)
    case fileNotFound(String)
    case io(String)
    case transport(TransportError)

    var description: String {
        switch self {
        case .usage(let message): return message
        case .invalid(let message, let file): return file.map { "\($0): \(message)" } ?? message
        case .fileNotFound(let path): return "no such file: \(path)"
        case .io(let message): return message
        // Words for people: the stable code and the lower-level cause are in --json and in --verbose logs.
        case .transport(let error): return error.uri.map { "\(error.message) (\($0))" } ?? error.message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .usage: return ExitCode(64)
        case .invalid: return ExitCode(65)
        case .fileNotFound: return ExitCode(66)
        case .io: return ExitCode(74)
        case .transport(let error):
            switch error.code {
            case .invalidURI: return ExitCode(64)
            case .printerNotReady: return ExitCode(75)
            case .accessDenied: return ExitCode(77)
            case .deviceNotFound, .connectionRefused, .hostUnreachable, .timeout, .busy, .disconnected:
                return ExitCode(69)
            default: return ExitCode(74)
            }
        }
    }
}

/// A regular file's contents, bounded (see ``InputFile/read(_:limit:)``).
func readFile(_ path: String) throws -> Data {
    path == "-" ? try InputFile.readStandardInput() : try InputFile.read(path)
}

func writeStandardError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

/// Writes `value` to standard output as pretty-printed JSON with sorted keys (the `--json` outputs).
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// What `--json` prints on standard output when a command fails: the exit code and the error, with the
/// stable `code` a program can switch on (the message on standard error stays as it is).
struct JSONFailure: Encodable {
    struct Failure: Encodable {
        /// `usage`, `invalidInput`, `fileNotFound`, `io` or `printer`.
        var kind: String
        /// The transport's or the compiler's stable code, when there is one.
        var code: String?
        var message: String
        /// The printer error as the library encodes it (status, bytes handed over, ...).
        var transportError: TransportError?
    }

    var exitCode: Int32
    var error: Failure

    init(_ error: CLIError) {
        exitCode = error.exitCode.rawValue
        switch error {
        case .usage(let message): self.error = Failure(kind: "usage", message: message)
        case .invalid: self.error = Failure(kind: "invalidInput", message: error.description)
        case .fileNotFound: self.error = Failure(kind: "fileNotFound", message: error.description)
        case .io(let message): self.error = Failure(kind: "io", message: message)
        case .transport(let transportError):
            self.error = Failure(
                kind: "printer",
                code: transportError.code.rawValue,
                message: transportError.message,
                transportError: transportError
            )
        }
    }
}

/// ``reportingErrors(_:)`` for commands with `--json`: a failure also prints a ``JSONFailure`` on standard
/// output, so a program never reads an empty output.
func reportingErrors(json: Bool, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        let failure = reported(error)
        if json, let cliError = cliError(for: error) { try? printJSON(JSONFailure(cliError)) }
        throw failure
    }
}

/// The synchronous twin of ``reportingErrors(json:_:)``.
func reportingErrors(json: Bool, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        let failure = reported(error)
        if json, let cliError = cliError(for: error) { try? printJSON(JSONFailure(cliError)) }
        throw failure
    }
}

/// Runs a command body, turning our errors into a message on standard error and an exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw reported(error)
    }
}

/// The asynchronous twin of ``reportingErrors(_:)`` for commands that talk to printers.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw reported(error)
    }
}

/// Writes our errors to standard error and returns the exit code to throw; other errors pass through.
private func reported(_ error: any Error) -> any Error {
    guard let cliError = cliError(for: error) else { return error }
    if case .transport(let transportError) = cliError {
        Logger(label: "escpos").debug("\(transportError)")
    }
    writeStandardError("error: \(cliError)")
    return cliError.exitCode
}

private func cliError(for error: any Error) -> CLIError? {
    switch error {
    case let error as CLIError: return error
    case let error as TransportError: return .transport(error)
    default: return nil
    }
}

/// Reads a receipt from a JSON file, with the path of any bad field in the error. A file that is a
/// template's order data rather than a document gets told which template takes it.
func loadReceipt(_ path: String) throws -> Receipt {
    do {
        return try decodeJSON(Receipt.self, from: path)
    } catch CLIError.invalid(let message, let file) {
        guard let template = templateTakingData(try? readFile(path)) else {
            throw CLIError.invalid(message, file: file)
        }
        throw CLIError.invalid(
            "this is order data for a template, not a receipt document; print it with --template "
                + "\(template.rawValue) --data \(path == "-" ? "FILE" : path)",
            file: file
        )
    }
}

/// The template whose data a JSON object looks like: an object without `blocks`, with `items`, is an order;
/// with `station` or `courses` as well, a kitchen order.
private func templateTakingData(_ data: Data?) -> TemplateName? {
    guard let data,
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
        object["blocks"] == nil, object["items"] is [Any]
    else { return nil }
    return object["station"] != nil || object["courses"] != nil ? .kitchenTicket : .salesReceipt
}

/// Decodes a JSON file, reporting a bad field with its path (`items[2].unitPrice`).
func decodeJSON<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
    let data = try readFile(path)
    do {
        return try JSONDecoder().decode(type, from: data)
    } catch let error as DecodingError {
        throw CLIError.invalid(EscPosError(error).description, file: path)
    } catch let error as EscPosError {
        throw CLIError.invalid(error.description, file: path)
    }
}

/// Parses a printer URI, as a usage error when it is malformed.
func parsePrinterURI(_ text: String) throws -> PrinterURI {
    do {
        return try PrinterURI(text)
    } catch let error as TransportError {
        throw CLIError.usage("--printer: \(error.message)")
    }
}
