import ArgumentParser
import EscPos
import EscPosAgent
import EscPosBridgeProtocol
import EscPosPrinting
import Foundation
import Logging

@main
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escpos-agent",
        abstract: "The on-site print agent: dials out to the relay, spools its site's jobs and prints them.",
        subcommands: [EnrollCommand.self, RunCommand.self, StatusCommand.self]
    )
}

struct StateOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: "The agent's directory: credential.json and spool.sqlite.")
    var stateDirectory: String
}

/// Prints an agent error in words and exits non-zero.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as AgentError {
        FileHandle.standardError.write(Data("escpos-agent: \(error.message)\n".utf8))
        throw ExitCode(error.code == .credentialRefused ? 77 : 1)
    }
}

struct EnrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Exchange a one-time enrollment token for this agent's credential."
    )

    @Option(name: .long, help: "The relay's URL (https://…; http:// only to loopback).") var relay: String
    @Option(name: .long, help: "The token from `escpos-relay admin site create`.") var token: String
    @OptionGroup var state: StateOptions
    @Option(name: .customLong("ca-file"), help: "A PEM CA to trust for the relay's certificate, besides the system's.")
    var caFile: String?

    func run() async throws {
        try await reportingErrors {
            let credential = try await Enrollment.enroll(
                relay: relay,
                token: token,
                stateDirectory: state.stateDirectory,
                caFile: caFile
            )
            print(
                "enrolled site \(credential.siteId) as agent \(credential.agentId); credential written to "
                    + "\(state.stateDirectory)/credential.json"
            )
        }
    }
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Hold the session to the relay and print the site's jobs (until SIGTERM or SIGINT)."
    )

    @OptionGroup var state: StateOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A printer, NAME=URI[;profile=P] (repeat for more).",
            discussion: "NAME is how the REST API names it (letters, digits, - _ .); URI as `escpos print` takes it "
                + "(tcp://, usb://, cups://, file://, serial://); `escpos profiles` lists the profiles."
        )
    )
    var printer: [String] = []

    @Flag(name: .customLong("no-discover"), help: "Do not add the USB printers and CUPS queues found on this machine.")
    var noDiscover = false

    @Option(name: .customLong("ca-file"), help: "A PEM CA to trust for the relay's certificate, besides the system's.")
    var caFile: String?

    @Option(name: .customLong("status-interval"), help: "Seconds between status reads of an idle printer.")
    var statusInterval = 2.0

    @Option(name: .long, help: "Seconds between heartbeats and pings.")
    var heartbeat = 30.0

    func validate() throws {
        _ = try printers()
        guard (0.1...3600).contains(statusInterval) else {
            throw ValidationError("--status-interval must be 0.1–3600 seconds")
        }
        guard (1...3600).contains(heartbeat) else { throw ValidationError("--heartbeat must be 1–3600 seconds") }
    }

    func printers() throws -> [ConfiguredPrinter] {
        var seen = Set<String>()
        return try printer.map { text in
            guard let equals = text.firstIndex(of: "=") else {
                throw ValidationError("--printer \(text): give NAME=URI, such as kitchen=tcp://192.168.1.50")
            }
            let name = String(text[..<equals])
            var rest = String(text[text.index(after: equals)...])
            var profileName = "generic-80mm"
            if let range = rest.range(of: ";profile=") {
                profileName = String(rest[range.upperBound...])
                rest = String(rest[..<range.lowerBound])
            }
            guard PrinterDescription.isValidID(name) else {
                throw ValidationError("--printer \(text): NAME must be 1–64 letters, digits, '-', '_' or '.'")
            }
            guard seen.insert(name).inserted else { throw ValidationError("--printer: \(name) is given twice") }
            let uri: PrinterURI
            do {
                uri = try PrinterURI(rest)
            } catch let error as TransportError {
                throw ValidationError("--printer \(name): \(error.message)")
            }
            let profile: PrinterProfile
            do {
                profile = try PrinterProfile.named(profileName)
            } catch let error as EscPosError {
                throw ValidationError("--printer \(name): \(error.message) (`escpos profiles` lists them)")
            }
            return ConfiguredPrinter(id: name, uri: uri, profile: profile)
        }
    }

    func run() async throws {
        var logger = Logger(label: "escpos-agent")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let configuration = AgentConfiguration(
            stateDirectory: state.stateDirectory,
            printers: try printers(),
            discover: !noDiscover,
            caFile: caFile,
            statusPollInterval: .milliseconds(Int64(statusInterval * 1000)),
            heartbeat: .milliseconds(Int64(heartbeat * 1000))
        )
        try await reportingErrors {
            let agent = try await Agent(configuration: configuration, logger: logger)
            let task = Task { try await agent.run() }
            let signals = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number)
                source.setEventHandler { task.cancel() }
                source.resume()
                return source
            }
            defer { for source in signals { source.cancel() } }
            do {
                try await task.value
            } catch is CancellationError {
                FileHandle.standardError.write(Data("escpos-agent: stopped\n".utf8))
            }
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the agent's site, printers and spool."
    )

    @OptionGroup var state: StateOptions
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() async throws {
        try await reportingErrors {
            let credential = try AgentCredential.load(stateDirectory: state.stateDirectory)
            let spool = try Spool(stateDirectory: state.stateDirectory)
            let (counts, unreported) = try await spool.counts()
            let printers = (try await spool.meta("printers"))?.split(separator: "\n").map(String.init) ?? []
            let session = try await spool.meta("session") ?? "never connected"
            if json {
                var object: [String: JSONValue] = [
                    "relay": .string(credential.relayURL), "siteId": .string(credential.siteId),
                    "agentId": .string(credential.agentId), "agentInstance": .string(spool.agentInstance),
                    "printers": .array(printers.map { .string($0) }), "unreportedResults": .integer(Int64(unreported)),
                    "session": .string(session),
                ]
                object["spool"] = .object(
                    Dictionary(
                        uniqueKeysWithValues: Spool.State.allCases.map {
                            ($0.rawValue, JSONValue.integer(Int64(counts[$0] ?? 0)))
                        }
                    )
                )
                print(try JSONValue.object(object).jsonText())
            } else {
                print("relay \(credential.relayURL)\nsite \(credential.siteId), agent \(credential.agentId)")
                print("session: \(session) (as the last `escpos-agent run` recorded it)")
                print("printers (last run):" + (printers.isEmpty ? " none" : ""))
                for printer in printers { print("  \(printer)") }
                print(
                    "spool: "
                        + Spool.State.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
                        + "; \(unreported) results not yet acknowledged by the relay"
                )
            }
        }
    }
}
