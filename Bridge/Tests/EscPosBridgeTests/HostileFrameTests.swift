import AsyncHTTPClient
import EscPosBridgeProtocol
import EscPosEmulator
import Foundation
import HTTPTypes
import Logging
import NIOCore
import Testing
import WSClient

/// What arrives on `/v1/agent` is hostile until validated: frames are fuzzed into the decoder, and a real
/// relay is sent broken sessions, each closed with its documented code, while the relay stays up.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct HostileFrameTests {
    /// Mutations of valid frames (bytes flipped, cut, spliced, duplicated): every one decodes or throws a
    /// `MessageError`, never traps.
    @Test func a100000MutatedFramesDecodeOrThrowTypedErrors() throws {
        var generator = SplitMix64(seed: 0x5EED_B41D)
        let seeds = try ProtocolSchemaTests.everyMessage().map { Array($0.utf8) }
        var decoded = 0
        var refused = 0
        for _ in 0..<100_000 {
            var bytes = seeds[Int(generator.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + generator.next() % 4) {
                let position = Int(generator.next() % UInt64(max(bytes.count, 1)))
                switch generator.next() % 5 {
                case 0 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes = Array(bytes.prefix(position))
                case 2 where !bytes.isEmpty: bytes.insert(contentsOf: bytes[position...].prefix(16), at: position)
                case 3:
                    bytes.insert(contentsOf: Array("\"\\u0000{[1e999,".utf8).shuffled(using: &generator), at: position)
                default: if !bytes.isEmpty { bytes.remove(at: position) }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try MessageCoding.decodeAgentMessage(text)
                _ = try MessageCoding.decodeRelayMessage(text)
                decoded += 1
            } catch {
                refused += 1
            }
        }
        #expect(decoded + refused == 100_000)
        #expect(refused > 10_000, "the mutations reach the error paths")
    }

    /// A connection that sends `frames` and reports how the relay closed it.
    static func session(
        url: String,
        credential: String?,
        subprotocol: String? = BridgeProtocol.subprotocol,
        frames: [String],
        closeAfter: Duration? = nil
    ) async throws -> UInt16? {
        // A session the relay fails to close ends the test with a clear failure instead of a hang.
        try await withThrowingTaskGroup(of: UInt16?.self) { group in
            group.addTask {
                try await Self.run(
                    url: url,
                    credential: credential,
                    subprotocol: subprotocol,
                    frames: frames,
                    closeAfter: closeAfter
                )
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                Issue.record("the relay did not close the session within 30 s")
                return 0
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    private static func run(
        url: String,
        credential: String?,
        subprotocol: String?,
        frames: [String],
        closeAfter: Duration?
    ) async throws -> UInt16? {
        var headers = HTTPFields()
        if let credential { headers[.authorization] = "Bearer \(credential)" }
        if let subprotocol { headers[.secWebSocketProtocol] = subprotocol }
        let close = try await WebSocketClient.connect(
            url: url,
            configuration: WebSocketClientConfiguration(maxFrameSize: 4 << 20, additionalHeaders: headers),
            logger: Logger(label: "hostile")
        ) { inbound, outbound, _ in
            for frame in frames { try await outbound.write(.text(frame)) }
            if let closeAfter {
                // Reading goes on meanwhile in the client, so a close from the relay still ends the session.
                try await Task.sleep(for: closeAfter)
                try? await outbound.close(.normalClosure, reason: "done")
            }
            for try await _ in inbound.messages(maxSize: 4 << 20) {}
        }
        if case .unknown(let code) = close?.closeCode { return code }
        return nil
    }

    @Test func brokenSessionsCloseWithTheDocumentedCodesAndTheRelayStaysUp() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        let site = try await harness.admin(["site", "create", "--tenant", harness.tenantId, "Hostile"])
        var request = HTTPClientRequest(url: harness.relayURL + "/v1/enroll")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: #"{"token":"\#(site["enrollmentToken"] ?? "")"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 16)
        let credential = try BridgeJSON.decoder().decode(EnrollResponse.self, from: Data(body.readableBytesView))
            .credential
        let url = "ws://127.0.0.1:\(harness.relayPort)/v1/agent"
        let hello = try MessageCoding.encode(
            AgentMessage.hello(Hello(agentVersion: "test", agentInstance: "x", protocols: [], clock: Date(), spool: []))
        )

        #expect(try await Self.session(url: url, credential: credential, subprotocol: nil, frames: [hello]) == 4009)
        #expect(try await Self.session(url: url, credential: "nope", frames: [hello]) == 4003)
        #expect(try await Self.session(url: url, credential: nil, frames: [hello]) == 4003)
        let forged = String(credential.prefix(37)) + String(repeating: "0", count: 64)
        #expect(try await Self.session(url: url, credential: forged, frames: [hello]) == 4003)
        #expect(
            try await Self.session(
                url: url,
                credential: credential,
                frames: [#"{"v":1,"type":"heartbeat","mid":"m","queueDepth":1}"#]
            ) == 4004
        )
        #expect(try await Self.session(url: url, credential: credential, frames: [hello, "{not json"]) == 4004)
        #expect(
            try await Self.session(url: url, credential: credential, frames: [#"{"v":9,"type":"hello","mid":"m"}"#])
                == 4009
        )
        let huge =
            #"{"v":1,"type":"heartbeat","mid":"m","queueDepth":1,"pad":""# + String(repeating: "x", count: 2_000_000)
            + "\"}"
        #expect(try await Self.session(url: url, credential: credential, frames: [hello, huge]) == 4013)
        // Unknown types and fields are tolerated: the session stays open until the client leaves.
        let tolerated = try await Self.session(
            url: url,
            credential: credential,
            frames: [
                hello, #"{"v":1,"type":"printer:discovered","mid":"m","x":[1,2]}"#,
                #"{"v":1,"type":"heartbeat","mid":"m","queueDepth":0,"later":{"a":1}}"#,
            ],
            closeAfter: .seconds(2)
        )
        #expect(tolerated == nil, "the relay did not close a session that sent only unknown types and fields")
        // Another site's agent names this site's job in every message it can: nothing changes for the job.
        try await harness.startAgent()
        harness.printer.setCondition(PrinterCondition(coverOpen: true))
        let victim = try await harness.client.submit(
            BridgeHarness.receipt(marker: "VICTIM"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "victim"
        ).job
        let forgedFrames = try [
            AgentMessage.jobAccepted(JobAccepted(jobId: victim.id, agentInstance: "intruder")),
            .jobState(JobStateUpdate(jobId: victim.id, state: .printing)),
            .jobResult(JobResult(jobId: victim.id, outcome: .failed, bytesSent: 0, detail: "forged")),
            .status(StatusReport(printerId: "front", status: PrinterState(online: false, paper: .out))),
        ].map { try MessageCoding.encode($0) }
        var before = try await harness.client.job(victim.id)
        for _ in 0..<100 where before.state != .waiting {
            try await Task.sleep(for: .milliseconds(100))
            before = try await harness.client.job(victim.id)
        }
        #expect(before.state == .waiting)
        #expect(
            try await Self.session(
                url: url,
                credential: credential,
                frames: [hello] + forgedFrames,
                closeAfter: .seconds(1)
            ) == nil
        )
        let after = try await harness.client.job(victim.id)
        #expect(after.state == before.state && after.result == nil, "another site's agent changed this site's job")
        #expect(try await harness.client.printers(site: harness.siteId).first?.status?.paper != .out)
        harness.printer.setCondition(PrinterCondition())
        #expect(try await harness.waitUntilFinished(victim.id).state == .printed)

        // One live session per site: a second one with the same credential replaces the first (4001).
        let superseded = try await withThrowingTaskGroup(of: UInt16?.self) { group in
            group.addTask { try await Self.session(url: url, credential: credential, frames: [hello]) }
            try await Task.sleep(for: .seconds(1))
            group.addTask {
                try await Self.session(url: url, credential: credential, frames: [hello], closeAfter: .seconds(1))
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(superseded == 4001)

        // Secrets are stored only as hashes: none of the key, the credential or a token is in the database.
        let database =
            try Data(contentsOf: URL(fileURLWithPath: harness.directory + "/relay.sqlite"))
            + ((try? Data(contentsOf: URL(fileURLWithPath: harness.directory + "/relay.sqlite-wal"))) ?? Data())
        for secret in [harness.apiKey, credential, site["enrollmentToken"] ?? "", harness.enrollmentToken] {
            let secretPart = Data((secret.split(whereSeparator: { $0 == "." || $0 == "_" }).last ?? "").utf8)
            #expect(!secretPart.isEmpty && database.range(of: secretPart) == nil, "a secret is stored in clear")
        }

        var health = HTTPClientRequest(url: harness.relayURL + "/healthz")
        health.method = .GET
        #expect(try await HTTPClient.shared.execute(health, timeout: .seconds(5)).status == .ok)
        #expect(harness.relay?.isRunning == true)
    }
}

/// A small deterministic generator, so a failing mutation can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
