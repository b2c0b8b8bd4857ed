import ArgumentParser
import EscPos
import EscPosTemplates
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Compile a receipt to ESC/POS bytes without printing.",
        discussion: """
            Writes the bytes to --output (or standard output), warnings to standard error.

            Examples:
              escpos render receipt.json --profile 58mm --output receipt.bin
              escpos render --template sales-receipt --data Examples/receipts/sales-order.json --listing
              escpos render --template test-page --profile epson-tm-t88vi -o test.bin
            """
    )

    @OptionGroup var input: JobInput

    @OptionGroup var profileOptions: ProfileOptions

    @Option(name: [.short, .long], help: "Write the bytes to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Print the decoded listing instead of the bytes (with --output, as well as).")
    var listing = false

    @Flag(name: .long, help: "Treat warnings (replaced characters, adapted cuts) as errors.")
    var strict = false

    @Flag(name: .long, help: "Print profile, byte count, warnings and the bytes (base64, unless --output) as JSON.")
    var json = false

    func validate() throws {
        if json && listing { throw ValidationError("--json and --listing are two outputs; choose one") }
        if input.isRaw {
            throw ValidationError(
                "render compiles JSON documents and templates; \(input.document ?? "") is already bytes (see `escpos decode`)"
            )
        }
    }

    /// What `render --json` prints.
    struct RenderReport: Encodable {
        var profile: String
        var byteCount: Int
        var warnings: [CompileWarning]
        /// The bytes in base64, when they were not written to `output`.
        var bytes: String?
        var output: String?
    }

    func run() throws {
        try reportingErrors(json: json) {
            let (profile, result) = try input.compile(profileOptions: profileOptions, strict: strict)
            if let output {
                do {
                    try Data(result.bytes).write(to: URL(fileURLWithPath: output))
                } catch {
                    let folder = (output as NSString).deletingLastPathComponent
                    let reason =
                        FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder)
                        ? "check that it is writable" : "the folder \(folder) does not exist"
                    throw CLIError.io("cannot write \(output): \(reason)")
                }
            }
            if json {
                try printJSON(
                    RenderReport(
                        profile: profile.id,
                        byteCount: result.bytes.count,
                        warnings: result.warnings,
                        bytes: output == nil ? Data(result.bytes).base64EncodedString() : nil,
                        output: output
                    )
                )
            } else if listing {
                print(CommandListing(CommandDecoder(profile: profile).decode(result.bytes)).text, terminator: "")
            } else if output == nil {
                guard isatty(STDOUT_FILENO) == 0 else {
                    throw CLIError.usage(
                        "render writes ESC/POS bytes, which a terminal would garble; give --output FILE or "
                            + "--listing, or pipe it (escpos render … | nc printer 9100)"
                    )
                }
                FileHandle.standardOutput.write(Data(result.bytes))
            }
        }
    }
}

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "List the commands in an ESC/POS byte stream, one per line.",
        discussion:
            "Columns: byte offset, bytes, command, meaning. Exits 65 if the stream has unknown or truncated commands."
    )

    @Argument(help: "A file of ESC/POS bytes, or - for standard input.")
    var file: String

    @OptionGroup var profileOptions: ProfileOptions

    @Flag(name: .long, help: "Print the commands as JSON lines: {offset, length, command} per command.")
    var json = false

    /// One line of `decode --json`.
    struct DecodedLine: Encodable {
        var offset: Int
        var length: Int
        var command: String
        var problem: Bool
    }

    func run() throws {
        try reportingErrors(json: json) {
            let profile = try profileOptions.load()
            if profileOptions.profile == nil {
                // Code-page numbers differ by vendor: a Star stream read with Epson's pages prints "Cafل".
                writeStandardError(
                    "note: text is read with Epson's code-page numbering (generic-80mm); for another maker's "
                        + "printer give --profile (star-tsp100, citizen-ct-s310ii, …; see `escpos profiles`)"
                )
            }
            let data = file == "-" ? try InputFile.readStandardInput() : try readFile(file)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // The listing streams: one command is decoded, listed and written at a time, in 64 KiB writes.
            var problemCount = 0
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            for decoded in CommandDecoder(profile: profile).commands(in: [UInt8](data)) {
                if decoded.command.isProblem { problemCount += 1 }
                if json {
                    // JSON Lines, so a long stream is never one huge document in memory.
                    buffer += try encoder.encode(
                        DecodedLine(
                            offset: decoded.offset,
                            length: decoded.bytes.count,
                            command: CommandListing.line(decoded),
                            problem: decoded.command.isProblem
                        )
                    )
                } else {
                    CommandListing.appendLine(decoded, to: &buffer)
                }
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 {
                    FileHandle.standardOutput.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(buffer))
            if problemCount > 0 {
                throw CLIError.invalid("\(problemCount) unknown or truncated command(s) in the input", file: file)
            }
        }
    }
}

struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the built-in printer profiles, or show one as JSON."
    )

    @Argument(help: "A profile to show in full.")
    var name: String?

    @Flag(name: .long, help: "Without a name: print every built-in profile in full as a JSON array.")
    var json = false

    func run() throws {
        try reportingErrors(json: json) {
            guard let name else {
                if json {
                    try printJSON(PrinterProfile.builtIn)
                    return
                }
                for profile in PrinterProfile.builtIn {
                    let columns = profile.columns(for: .a) ?? 0
                    let id = profile.id.padding(toLength: 20, withPad: " ", startingAt: 0)
                    print("\(id) \(profile.name) — \(profile.dotWidth) dots, \(columns) columns")
                }
                return
            }
            let profile: PrinterProfile
            do {
                profile = try PrinterProfile.named(name)
            } catch {
                throw CLIError.invalid(String(describing: error), file: nil)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(profile)
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
