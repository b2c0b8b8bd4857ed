import ArgumentParser
import EscPos
import EscPosTemplates
import Foundation

@main
struct EscPosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escpos",
        abstract: "Compile, decode and inspect ESC/POS receipts.",
        discussion: """
            Examples:
              escpos render --sample --listing              compile the sample receipt and show its commands
              escpos render receipt.json --profile epson-tm-t88vi --output receipt.bin
              escpos decode receipt.bin                     list the commands in any ESC/POS byte stream
              escpos profiles                               list built-in printer profiles

            Exit codes: 0 success, 64 bad command line, 65 invalid document or profile, 66 file not found,
            74 input/output error.
            """,
        subcommands: [RenderCommand.self, DecodeCommand.self, ProfilesCommand.self]
    )
}

/// Options shared by commands that need a printer profile.
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: "A built-in profile name (see `escpos profiles`) or a profile JSON file.")
    var profile: String = "generic-80mm"

    func load() throws -> PrinterProfile {
        if profile.hasSuffix(".json") {
            let data = try readFile(profile)
            do {
                return try JSONDecoder().decode(PrinterProfile.self, from: data)
            } catch let error as DecodingError {
                throw CLIError.invalid(EscPosError(error).description, file: profile)
            } catch let error as EscPosError {
                throw CLIError.invalid(error.description, file: profile)
            }
        }
        do {
            return try PrinterProfile.named(profile)
        } catch {
            throw CLIError.invalid(String(describing: error), file: nil)
        }
    }
}

/// Errors the tool reports with a documented exit code.
enum CLIError: Error, CustomStringConvertible {
    case invalid(String, file: String?)
    case fileNotFound(String)
    case io(String)

    var description: String {
        switch self {
        case .invalid(let message, let file): return file.map { "\($0): \(message)" } ?? message
        case .fileNotFound(let path): return "no such file: \(path)"
        case .io(let message): return message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .invalid: return ExitCode(65)
        case .fileNotFound: return ExitCode(66)
        case .io: return ExitCode(74)
        }
    }
}

func readFile(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else { throw CLIError.fileNotFound(path) }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw CLIError.io("cannot read \(path): \(error.localizedDescription)")
    }
}

func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs a command body, turning our errors into a message on standard error and an exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        writeStandardError("error: \(error)")
        throw error.exitCode
    }
}

/// Reads a receipt from a JSON file, with the path of any bad field in the error.
func loadReceipt(_ path: String) throws -> Receipt {
    let data = try readFile(path)
    do {
        return try JSONDecoder().decode(Receipt.self, from: data)
    } catch let error as DecodingError {
        throw CLIError.invalid(EscPosError(error).description, file: path)
    } catch let error as EscPosError {
        throw CLIError.invalid(error.description, file: path)
    }
}
