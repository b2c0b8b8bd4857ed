import AsyncHTTPClient
import EscPos
import EscPosBridgeClient
import EscPosBridgeProtocol
import EscPosEmulator
import Foundation
import NIOSSL
import Testing

/// A relay and an agent as real processes, on SQLite in a temporary directory, with the virtual printer
/// (in this process, on loopback TCP) as the agent's printer: what the printer got is the truth the
/// tests count.
final class BridgeHarness: @unchecked Sendable {
    /// Where `escpos-relay` and `escpos-agent` are: `ESCPOS_BRIDGE_BIN`, or this package's debug build.
    static let binDirectory: String = {
        if let directory = ProcessInfo.processInfo.environment["ESCPOS_BRIDGE_BIN"] { return directory }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug").path
    }()
    static var relayExecutable: String { binDirectory + "/escpos-relay" }
    static var agentExecutable: String { binDirectory + "/escpos-agent" }

    let directory: String
    let database: String
    let printer: VirtualPrinterServer
    var relay: ManagedProcess?
    var relayPort = 0
    var agent: ManagedProcess?
    var tenantId = ""
    var apiKey = ""
    var siteId = ""
    var enrollmentToken = ""
    private var enrolled = false
    let agentStateDirectory: String
    /// With TLS: the CA the test generated (the agent trusts it with `--ca-file`) and an HTTP client that
    /// trusts it.
    var certificateAuthority: String?
    var tlsHTTPClient: HTTPClient?
    /// Over TLS the relay is named `localhost` (its certificate's name: a TLS server name cannot be an IP).
    var relayURL: String {
        certificateAuthority == nil ? "http://127.0.0.1:\(relayPort)" : "https://localhost:\(relayPort)"
    }
    var client: BridgeClient {
        BridgeClient(relay: relayURL, apiKey: apiKey, httpClient: tlsHTTPClient ?? .shared, timeout: .seconds(10))
    }
    private var caArguments: [String] { certificateAuthority.map { ["--ca-file", $0] } ?? [] }

    private init(directory: String, printer: VirtualPrinterServer) {
        self.directory = directory
        database = "sqlite:\(directory)/relay.sqlite"
        agentStateDirectory = "\(directory)/agent"
        self.printer = printer
    }

    /// A relay with one tenant and one site, and a virtual Epson TM-T88VI (it confirms jobs by process ID).
    static func start(relayFault: String? = nil, tls: Bool = false) async throws -> BridgeHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bridge-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let printer = try await VirtualPrinterServer.start(
            VirtualPrinterServer.Configuration(
                port: 0,
                profile: try PrinterProfile.named("epson-tm-t88vi"),
                idleTimeout: .seconds(5)
            )
        )
        Task { try? await printer.run() }
        let harness = BridgeHarness(directory: directory, printer: printer)
        if tls { try await harness.makeCertificates() }
        try await harness.startRelay(fault: relayFault)
        let tenant = try await harness.admin(["tenant", "create", "Tenant A"])
        harness.tenantId = tenant["tenantId"] ?? ""
        harness.apiKey = tenant["apiKey"] ?? ""
        let site = try await harness.admin(["site", "create", "--tenant", harness.tenantId, "Branch A"])
        harness.siteId = site["siteId"] ?? ""
        harness.enrollmentToken = site["enrollmentToken"] ?? ""
        return harness
    }

    /// Runs `escpos-relay admin … --json` on this relay's database.
    func admin(_ arguments: [String]) async throws -> [String: String] {
        let result = try await runToEnd(
            Self.relayExecutable,
            ["admin"] + arguments + ["--database", database, "--json"]
        )
        try #require(
            result.status == 0,
            "escpos-relay admin \(arguments.joined(separator: " ")) failed: \(result.error)"
        )
        return try JSONDecoder().decode([String: String].self, from: Data(result.output.utf8))
    }

    /// Starts the relay (again on the same port after the first time), and waits until it listens.
    func startRelay(fault: String? = nil) async throws {
        let portFile = "\(directory)/relay.port"
        try? FileManager.default.removeItem(atPath: portFile)
        relay = try ManagedProcess(
            name: "relay",
            executable: Self.relayExecutable,
            arguments: [
                "serve", "--listen", "127.0.0.1:\(relayPort)", "--port-file", portFile, "--database", database,
                "--heartbeat", "2", "--accept-timeout", "3",
            ]
                + (certificateAuthority == nil
                    ? [] : ["--tls-cert", "\(directory)/relay.pem", "--tls-key", "\(directory)/relay.key"]),
            environment: fault.map { ["ESCPOS_BRIDGE_FAULT": $0] } ?? [:],
            logDirectory: directory
        )
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                relayPort = port
                return
            }
            try #require(relay?.isRunning == true, "the relay exited: \(relay?.log ?? "")")
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the relay did not start listening: \(relay?.log ?? "")")
        throw CancellationError()
    }

    /// Starts the agent with the virtual printer as `front`, and waits until the relay lists the printer.
    func startAgent(fault: String? = nil, waitUntilConnected: Bool = true) async throws {
        if !enrolled {
            let result = try await runToEnd(
                Self.agentExecutable,
                ["enroll", "--relay", relayURL, "--token", enrollmentToken, "--state-dir", agentStateDirectory]
                    + caArguments
            )
            try #require(result.status == 0, "escpos-agent enroll failed: \(result.error)")
            enrolled = true
        }
        agent = try ManagedProcess(
            name: "agent",
            executable: Self.agentExecutable,
            arguments: [
                "run", "--state-dir", agentStateDirectory, "--printer",
                "front=tcp://127.0.0.1:\(printer.port);profile=epson-tm-t88vi", "--no-discover", "--status-interval",
                "0.5", "--heartbeat", "2",
            ] + caArguments,
            environment: fault.map { ["ESCPOS_BRIDGE_FAULT": $0] } ?? [:],
            logDirectory: directory
        )
        if waitUntilConnected { try await waitForAgent() }
    }

    /// A CA and a certificate for 127.0.0.1 signed by it, made with the openssl tool.
    func makeCertificates() async throws {
        let d = directory
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=escpos test CA", "-keyout",
                "\(d)/ca.key", "-out", "\(d)/ca.pem",
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "\(d)/relay.key", "-out",
                "\(d)/relay.csr",
            ],
            [
                "x509", "-req", "-in", "\(d)/relay.csr", "-CA", "\(d)/ca.pem", "-CAkey", "\(d)/ca.key",
                "-CAcreateserial", "-days", "2", "-out", "\(d)/relay.pem", "-extfile", "\(d)/san.cnf",
            ],
        ]
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(
            toFile: "\(d)/san.cnf",
            atomically: true,
            encoding: .utf8
        )
        for step in steps {
            let result = try await runToEnd("/usr/bin/openssl", step)
            try #require(result.status == 0, "openssl \(step[0]) failed: \(result.error)")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file("\(d)/ca.pem")
        tlsHTTPClient = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(tlsConfiguration: tls)
        )
        certificateAuthority = "\(d)/ca.pem"
    }

    /// Waits until the site's agent is connected and has listed its printer.
    func waitForAgent(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let site = try? await client.site(siteId), site.agentConnected,
                let printers = try? await client.printers(site: siteId), printers.contains(where: { $0.id == "front" })
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the agent did not connect.\nagent: \(agent?.log ?? "")\nrelay: \(relay?.log ?? "")")
        throw CancellationError()
    }

    /// A receipt whose text carries a marker, so the printer's jobs can be counted per receipt.
    static func receipt(marker: String) -> CreateJobRequest {
        CreateJobRequest(
            document: .object([
                "schemaVersion": .integer(1),
                "blocks": .array([
                    .object(["type": .string("text"), "text": .string("ORDER \(marker)")]),
                    .object(["type": .string("cut")]),
                ]),
            ])
        )
    }

    /// How many printed jobs of the virtual printer show `marker`.
    func printedCount(of marker: String) -> Int {
        printer.jobs.filter { $0.refusalReason == nil && $0.text.contains("ORDER \(marker)") }.count
    }

    /// Polls a job until it is final.
    func waitUntilFinished(_ jobId: String, timeout: Duration = .seconds(40)) async throws -> Job {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let job = try? await client.job(jobId), job.state.isFinal { return job }
            try await Task.sleep(for: .milliseconds(100))
        }
        let job = try await client.job(jobId)
        Issue.record(
            "job \(jobId) is still \(job.state.rawValue).\nagent: \(agent?.log.suffix(3000) ?? "")\nrelay: \(relay?.log.suffix(3000) ?? "")"
        )
        return job
    }

    func stop() async {
        agent?.terminate()
        relay?.terminate()
        _ = await agent?.waitForExit(timeout: .seconds(5))
        _ = await relay?.waitForExit(timeout: .seconds(5))
        agent?.kill()
        relay?.kill()
        await printer.shutdown()
        try? await tlsHTTPClient?.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
