import ArgumentParser
import EscPos
import EscPosEmulator
import EscPosImaging
import EscPosTemplates
import Foundation

struct EmulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "Run a virtual network printer that saves each job as .bin, .png and a listing.",
        discussion: """
            Listens like a printer on port 9100: each connection is one job, written to --out as job-NNNN.bin,
            job-NNNN.png, job-NNNN.listing.txt and job-NNNN.txt; only the last --keep-jobs jobs' files are kept.
            Jobs print one at a time in arrival order; up to 256 more connections wait their turn (a connection
            beyond that is closed at once). DLE EOT, GS a, GS r and GS I are answered at any time, also while
            a job renders. A job ends when its client closes the connection, after --idle-timeout seconds of
            silence, or after --job-timeout seconds in all (what arrived is printed).
            With --paper-out, --cover-open or --offline it reports that state and refuses jobs. Change the
            state while it runs through --control-port:  printf 'set paper-out on\\n' | nc 127.0.0.1 9101
            (commands: status, clear, set paper-near-end|paper-out|cover-open|offline on|off).
            """
    )

    @Option(name: .long, help: "The printer port.")
    var port = 9100

    @Option(name: .long, help: "A port for state changes (line protocol), none by default.")
    var controlPort: Int?

    @Option(name: .long, help: "The address to listen on; 0.0.0.0 accepts jobs from other machines.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The directory for the job files.")
    var out: String

    @Option(name: .long, help: "Write the port listened on to this file (useful with --port 0 in scripts).")
    var portFile: String?

    @OptionGroup var profileOptions: ProfileOptions

    @Option(name: .long, help: "Exit after this many printed jobs (for scripts).")
    var jobs: Int?

    @Option(name: .long, help: "Seconds a connection being served may stay silent before its job ends.")
    var idleTimeout = 30.0

    @Option(name: .long, help: "Seconds one job may take to arrive before the connection is cut.")
    var jobTimeout = 300.0

    @Option(name: .long, help: "How many of the last jobs keep their files in --out; older ones are deleted.")
    var keepJobs = VirtualPrinterServer.keptJobCount

    @Flag(name: .long, help: "Report the paper roll as nearly used up (still prints).")
    var paperNearEnd = false

    @Flag(name: .long, help: "Report the paper as out and refuse jobs.")
    var paperOut = false

    @Flag(name: .long, help: "Report the cover as open and refuse jobs.")
    var coverOpen = false

    @Flag(name: .long, help: "Report the printer as offline and refuse jobs.")
    var offline = false

    func validate() throws {
        for (name, value) in [("--idle-timeout", idleTimeout), ("--job-timeout", jobTimeout)]
        where !(0.01...86_400).contains(value) {
            throw ValidationError("\(name) must be 0.01–86400 seconds")
        }
        if !(1...1_000_000).contains(keepJobs) { throw ValidationError("--keep-jobs must be 1–1000000") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for (name, value) in [("--port", port), ("--control-port", controlPort)] {
            if let value, !(0...65535).contains(value) {
                throw ValidationError("\(name) must be 0–65535 (0 picks a free port)")
            }
        }
    }

    func run() throws {
        try reportingErrors {
            let profile = try profileOptions.load()
            var configuration = VirtualPrinterServer.Configuration(
                host: host,
                port: port,
                controlPort: controlPort,
                profile: profile,
                outputDirectory: out,
                condition: PrinterCondition(
                    paperNearEnd: paperNearEnd,
                    paperOut: paperOut,
                    coverOpen: coverOpen,
                    offline: offline
                ),
                idleTimeout: .milliseconds(Int64(idleTimeout * 1000)),
                jobTimeout: .milliseconds(Int64(jobTimeout * 1000)),
                keptJobCount: keepJobs,
                printedJobLimit: jobs
            )
            configuration.didFinishJob = { job in writeStandardError(Self.line(for: job)) }
            if UnifontFont.installed == nil {
                writeStandardError(
                    "warning: GNU Unifont not found; text is drawn as boxes (install the `unifont` package)"
                )
            }
            let outcome = BlockingOutcome()
            let semaphore = DispatchSemaphore(value: 0)
            Task {
                do {
                    let server = try await VirtualPrinterServer.start(configuration)
                    if let portFile {
                        guard FileManager.default.createFile(atPath: portFile, contents: Data("\(server.port)\n".utf8))
                        else {
                            throw CLIError.io("--port-file: cannot write \(portFile)")
                        }
                    }
                    let control = server.controlPort.map { ", control port \($0)" } ?? ""
                    writeStandardError(
                        "virtual \(profile.name) listening on \(host):\(server.port)\(control); jobs go to \(out) (Ctrl-C stops)"
                    )
                    try await server.run()
                } catch {
                    outcome.set("cannot run the virtual printer: \(error)")
                }
                semaphore.signal()
            }
            semaphore.wait()
            if let message = outcome.message { throw CLIError.io(message) }
        }
    }
}

extension EmulateCommand {
    /// One line per job on standard error: printed or refused (with the reason), its size, how it ended and
    /// the files written.
    static func line(for job: VirtualPrinterServer.Job) -> String {
        let outcome = job.refusalReason.map { "refused (\($0))" } ?? "printed"
        let files = job.files.map { ($0 as NSString).lastPathComponent }
        return "job \(job.number): \(outcome), \(job.byteCount) bytes, ended by \(job.ending.rawValue)"
            + (files.isEmpty ? "" : "; wrote \(files.joined(separator: ", "))")
    }
}

/// Carries an error message from the server task back to the synchronous command.
private final class BlockingOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var message: String? { lock.withLock { stored } }
    func set(_ message: String) { lock.withLock { stored = message } }
}

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render a receipt as the virtual printer would print it, without a printer.",
        discussion: """
            DOCUMENT is a receipt in the JSON format, or ESC/POS bytes (a file ending in .bin). Writes a PNG with
            --png and prints the plain-text rendering (and notes on anything not emulated) to standard output.
            """
    )

    @Argument(help: "A receipt JSON document or a .bin file of ESC/POS bytes.")
    var document: String?

    @Flag(name: .long, help: "Preview the built-in sample receipt instead of a document.")
    var sample = false

    @Option(name: .customLong("image-dir"), help: "Image paths in the document must be inside this folder.")
    var imageDirectory: String?

    @OptionGroup var profileOptions: ProfileOptions

    @Option(name: .long, help: "Write the page as a PNG image to this file.")
    var png: String?

    @Flag(name: .long, help: "Do not print the text rendering.")
    var quiet = false

    func validate() throws {
        if sample == (document != nil) {
            throw ValidationError("give either a DOCUMENT or --sample")
        }
    }

    func run() throws {
        try reportingErrors {
            let profile = try profileOptions.load()
            let bytes: [UInt8]
            if let document, document.hasSuffix(".bin") {
                bytes = [UInt8](try readFile(document))
            } else {
                let receipt = try document.map(loadReceipt) ?? Receipt { SampleReceipt() }
                do {
                    let options = CompileOptions(imageDecoder: ImageDecoder(), imageDirectory: imageDirectory)
                    let result = try ReceiptCompiler(profile: profile, options: options).compile(receipt)
                    for warning in result.warnings { writeStandardError("warning: \(warning)") }
                    bytes = result.bytes
                } catch let error as EscPosError {
                    throw CLIError.invalid(error.description, file: document)
                }
            }
            let rendered = ReceiptRenderer(profile: profile).render(bytes)
            if let png {
                do {
                    try Data(rendered.page.pngData()).write(to: URL(fileURLWithPath: png))
                } catch {
                    throw CLIError.io("cannot write \(png): \(error)")
                }
            }
            if !quiet { print(rendered.text, terminator: "") }
            for note in rendered.notes { writeStandardError("note: \(note)") }
        }
    }
}
