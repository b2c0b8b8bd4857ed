import EscPos
import EscPosBridgeClient
import EscPosBridgeProtocol
import EscPosEmulator
import Foundation
import Testing

/// Priorities, copies, cancel, reprint, printer tests and dead-peer detection, against real processes.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct BridgeOperationsTests {
    @Test func aHighPriorityJobOvertakesTheQueuedOnesAndCopiesPrintAsOneJobEach() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        harness.printer.setCondition(PrinterCondition(coverOpen: true))
        try await Task.sleep(for: .seconds(1))
        var ids: [String] = []
        for index in 1...3 {
            var request = BridgeHarness.receipt(marker: "NORMAL-\(index)")
            if index == 1 { request.copies = 2 }
            ids.append(
                try await harness.client.submit(
                    request,
                    site: harness.siteId,
                    printer: "front",
                    idempotencyKey: "n\(index)"
                ).job.id
            )
        }
        var kitchen = BridgeHarness.receipt(marker: "KITCHEN")
        kitchen.priority = .high
        ids.append(
            try await harness.client.submit(kitchen, site: harness.siteId, printer: "front", idempotencyKey: "k").job.id
        )
        try await Task.sleep(for: .seconds(2))
        harness.printer.setCondition(PrinterCondition())
        for id in ids { #expect(try await harness.waitUntilFinished(id).state == .printed) }
        let order = harness.printer.jobs.compactMap { job in
            ["KITCHEN", "NORMAL-1", "NORMAL-2", "NORMAL-3"].first { job.text.contains("ORDER \($0)") }
        }
        // The first normal job may have started before the cover opened was seen; the kitchen ticket
        // goes before every normal job still waiting.
        #expect(order.first == "KITCHEN" || (order.first == "NORMAL-1" && order.dropFirst(2).first == "KITCHEN"))
        #expect(order.filter { $0 == "NORMAL-1" }.count == 2, "two copies")
        #expect(harness.printedCount(of: "NORMAL-2") == 1)
    }

    @Test func cancelWorksBeforeTheAgentHasTheJobAndReprintMakesANewJob() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        let printed = try await harness.client.submit(
            BridgeHarness.receipt(marker: "FIRST"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "c1"
        ).job
        #expect(try await harness.waitUntilFinished(printed.id).state == .printed)
        await #expect {
            _ = try await harness.client.cancel(printed.id)
        } throws: { ($0 as? BridgeClientError)?.status == 409 }

        harness.agent?.kill()
        let queued = try await harness.client.submit(
            BridgeHarness.receipt(marker: "CANCELED"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "c2"
        ).job
        #expect(try await harness.client.cancel(queued.id).state == .canceled)
        await #expect {
            _ = try await harness.client.reprint(BridgeID.make())
        } throws: { ($0 as? BridgeClientError)?.status == 404 }
        try await harness.startAgent()
        let reprint = try await harness.client.reprint(printed.id)
        #expect(reprint.id != printed.id && reprint.reprintOf == printed.id)
        #expect(try await harness.waitUntilFinished(reprint.id).state == .printed)
        try await Task.sleep(for: .seconds(1))
        #expect(harness.printedCount(of: "FIRST") == 2)
        #expect(harness.printedCount(of: "CANCELED") == 0)
        #expect(try await harness.client.job(queued.id).state == .canceled)
    }

    @Test func printerTestsAnswerWithTheOutcome() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        let connectivity = try await harness.client.test(site: harness.siteId, printer: "front", kind: .connectivity)
        #expect(connectivity.success)
        #expect(connectivity.status?.online == true)
        let before = harness.printer.jobs.count
        let page = try await harness.client.test(site: harness.siteId, printer: "front", kind: .page)
        #expect(page.success)
        #expect(harness.printer.jobs.count > before)
        await #expect {
            _ = try await harness.client.test(site: harness.siteId, printer: "nosuch", kind: .connectivity)
        } throws: { ($0 as? BridgeClientError)?.status == 404 }
    }

    @Test func aSilentAgentIsDeclaredGoneWithinTwoHeartbeatsAndFiveSecondsAndCatchesUpAfter() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        let pid = try #require(harness.agent?.process.processIdentifier)
        kill(pid, SIGSTOP)
        let stopped = ContinuousClock.now
        var gone = false
        // Heartbeat 2 s in the tests: gone within 2 × 2 + 5 = 9 s (and a second of polling).
        while ContinuousClock.now - stopped < .seconds(10) {
            if let site = try? await harness.client.site(harness.siteId), !site.agentConnected {
                gone = true
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(gone, "the relay still shows the stopped agent as connected")
        let job = try await harness.client.submit(
            BridgeHarness.receipt(marker: "AFTER-STOP"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "s1"
        ).job
        kill(pid, SIGCONT)
        #expect(try await harness.waitUntilFinished(job.id).state == .printed)
        #expect(harness.printedCount(of: "AFTER-STOP") == 1)
    }
}

/// A site's machine replaced (or its agent cloned) while a job was accepted: the job never moves to the
/// other agent instance: it goes in doubt, the new instance never prints it, and it prints at most once.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AgentInstanceTests {
    @Test func aJobAcceptedByOneAgentInstanceIsNeverPrintedByAnother() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        harness.printer.setCondition(PrinterCondition(coverOpen: true))
        let job = try await harness.client.submit(
            BridgeHarness.receipt(marker: "ACCEPTED-BY-A"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "a1"
        ).job
        var state = JobState.queued
        for _ in 0..<100 where state != .waiting {
            try await Task.sleep(for: .milliseconds(100))
            state = try await harness.client.job(job.id).state
        }
        try #require(state == .waiting, "agent A holds the job, waiting for the cover")
        harness.agent?.kill()

        // A new machine for the same site: a new token, a new spool (a new agent instance).
        let token = try await harness.admin(["site", "token", harness.siteId])
        let stateB = harness.directory + "/agent-b"
        let enrolled = try await runToEnd(
            BridgeHarness.agentExecutable,
            ["enroll", "--relay", harness.relayURL, "--token", token["enrollmentToken"] ?? "", "--state-dir", stateB]
        )
        try #require(enrolled.status == 0, "\(enrolled.error)")
        let agentB = try ManagedProcess(
            name: "agent-b",
            executable: BridgeHarness.agentExecutable,
            arguments: [
                "run", "--state-dir", stateB, "--printer", "front=tcp://127.0.0.1:\(harness.printer.port)",
                "--no-discover",
                "--status-interval", "0.5",
            ],
            logDirectory: harness.directory
        )
        #expect(try await harness.waitUntilFinished(job.id).state == .inDoubt)
        harness.printer.setCondition(PrinterCondition())
        try await Task.sleep(for: .seconds(2))
        agentB.kill()
        #expect(harness.printedCount(of: "ACCEPTED-BY-A") == 0, "agent B printed a job agent A had accepted")

        // Agent A comes back with the job still in its spool. It may print it from the spool before it is
        // connected (an agent finishes the jobs it has when the relay is away); its result then settles the
        // doubt. Either way the job prints at most once.
        try await harness.startAgent()
        let next = try await harness.client.submit(
            BridgeHarness.receipt(marker: "AFTER-A-BACK"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "a2"
        ).job
        #expect(try await harness.waitUntilFinished(next.id).state == .printed)
        try await Task.sleep(for: .seconds(1))
        let prints = harness.printedCount(of: "ACCEPTED-BY-A")
        #expect(prints <= 1)
        #expect(harness.printedCount(of: "AFTER-A-BACK") == 1)
        #expect(try await harness.client.job(job.id).state == (prints == 1 ? .printed : .inDoubt))
    }
}
