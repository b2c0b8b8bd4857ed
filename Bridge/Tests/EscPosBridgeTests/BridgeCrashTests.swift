import EscPosBridgeClient
import EscPosBridgeProtocol
import Foundation
import Testing

/// The delivery claims, proven by killing the agent or the relay (SIGKILL) at each fault point, starting it
/// again, and counting what the virtual printer got.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct BridgeCrashTests {
    /// What a kill at a point of the agent must lead to.
    struct AgentCase: Sendable, CustomTestStringConvertible {
        let point: String
        let state: JobState
        /// The prints allowed: exactly one, or none or one when the kill fell inside the print window.
        let prints: ClosedRange<Int>
        var testDescription: String { point }
    }

    static let agentCases = [
        AgentCase(point: "after_offer_recv", state: .printed, prints: 1...1),
        AgentCase(point: "after_spool_fsync", state: .printed, prints: 1...1),
        AgentCase(point: "before_first_byte", state: .inDoubt, prints: 0...0),
        AgentCase(point: "mid_stream", state: .inDoubt, prints: 0...1),
        AgentCase(point: "after_transport_before_fsync", state: .inDoubt, prints: 0...1),
        AgentCase(point: "after_printed_fsync", state: .printed, prints: 1...1),
        AgentCase(point: "after_result_sent", state: .printed, prints: 1...1),
    ]

    /// A job of more than one transport chunk (16 KiB), so a kill can fall between its chunks: the marker
    /// line, then `ESC @` (which prints nothing) many times, then a cut.
    static func longJob(marker: String) -> CreateJobRequest {
        let bytes =
            Array("ORDER \(marker)\n".utf8) + Array(repeating: [0x1B, 0x40], count: 20_000).flatMap { $0 }
            + [0x1D, 0x56, 0x00]
        return CreateJobRequest(raw: Data(bytes).base64EncodedString())
    }

    @Test(arguments: agentCases)
    func killingTheAgentPrintsOnceOrLeavesTheJobInDoubt(_ fault: AgentCase) async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent(fault: fault.point)
        let marker = "KILL-\(fault.point)"
        let request = fault.point == "mid_stream" ? Self.longJob(marker: marker) : BridgeHarness.receipt(marker: marker)
        let job = try await harness.client.submit(
            request,
            site: harness.siteId,
            printer: "front",
            idempotencyKey: marker
        ).job
        let died = await harness.agent?.waitForExit(timeout: .seconds(30)) ?? false
        try #require(died, "the agent did not reach \(fault.point): \(harness.agent?.log ?? "")")
        #expect(harness.agent?.exit.bySignal == true)
        try await harness.startAgent()
        let final = try await harness.waitUntilFinished(job.id)
        #expect(final.state == fault.state, "\(harness.agent?.log ?? "")")
        try await Task.sleep(for: .seconds(1))
        let prints = harness.printedCount(of: marker)
        #expect(fault.prints.contains(prints), "printed \(prints) times")
        // A job in doubt is never printed again by itself; a reprint is a new job that prints once.
        if final.state == .inDoubt {
            let reprint = try await harness.client.reprint(job.id)
            #expect(reprint.reprintOf == job.id)
            #expect(try await harness.waitUntilFinished(reprint.id).state == .printed)
            #expect(harness.printedCount(of: marker) == prints + 1)
        }
    }

    static let relayPoints = [
        "after_job_commit_before_201", "after_offer_write", "after_accept_commit", "after_result_commit_before_ack",
    ]

    @Test(arguments: relayPoints)
    func killingTheRelayAtAnyPointPrintsExactlyOnce(_ point: String) async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        harness.relay?.kill()
        try await harness.startRelay(fault: point)
        try await harness.waitForAgent()
        let marker = "RELAY-\(point)"
        let request = BridgeHarness.receipt(marker: marker)
        var jobId: String?
        do {
            jobId = try await harness.client.submit(
                request,
                site: harness.siteId,
                printer: "front",
                idempotencyKey: marker
            ).job.id
        } catch {
            // The relay died before answering: the backend retries with the same key below.
        }
        let died = await harness.relay?.waitForExit(timeout: .seconds(30)) ?? false
        try #require(died, "the relay did not reach \(point): \(harness.relay?.log ?? "")")
        try await harness.startRelay()
        try await harness.waitForAgent()
        let retried = try await harness.client.submit(
            request,
            site: harness.siteId,
            printer: "front",
            idempotencyKey: marker
        )
        #expect(retried.replayed, "the retry finds the job committed before the crash")
        if let jobId { #expect(retried.job.id == jobId) }
        let final = try await harness.waitUntilFinished(retried.job.id)
        #expect(final.state == .printed)
        try await Task.sleep(for: .seconds(1))
        #expect(harness.printedCount(of: marker) == 1)
        #expect(try await harness.client.jobs().jobs.count == 1)
    }
}
