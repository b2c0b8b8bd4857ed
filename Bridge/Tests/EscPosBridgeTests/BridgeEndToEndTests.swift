import EscPos
import EscPosBridgeClient
import EscPosBridgeProtocol
import EscPosEmulator
import Foundation
import Testing

/// The bridge end to end: a real relay and agent process, the virtual printer, the REST API.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct BridgeEndToEndTests {
    @Test func aReceiptPrintsOnceConfirmedByTheProcessIDAndEveryTransitionIsRecorded() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        let created = try await harness.client.submit(
            BridgeHarness.receipt(marker: "E2E-1"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "order-e2e-1"
        )
        #expect(!created.replayed)
        #expect(created.job.state == .queued)
        let job = try await harness.waitUntilFinished(created.job.id)
        #expect(job.state == .printed)
        #expect(job.result?.confirmation == .processID)
        #expect(harness.printedCount(of: "E2E-1") == 1)
        let states = try await harness.client.events(job.id).map(\.to)
        #expect(states == [.queued, .offered, .accepted, .printing, .printed])

        // `escpos-agent status` reads the spool beside the running agent.
        let status = try await runToEnd(
            BridgeHarness.agentExecutable,
            ["status", "--state-dir", harness.agentStateDirectory, "--json"]
        )
        #expect(status.status == 0, "\(status.error)")
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(status.output.utf8))
        guard case .object(let fields) = report, case .object(let spool)? = fields["spool"] else {
            Issue.record("not a status object: \(status.output)")
            return
        }
        #expect(spool["printed"] == .integer(1))
        #expect(fields["siteId"] == .string(harness.siteId))
        #expect(fields["session"].map { "\($0)".contains("connected since") } == true)
    }

    @Test func overTLSTheAgentTrustsTheRelayThroughItsCAFileAndPrints() async throws {
        let harness = try await BridgeHarness.start(tls: true)
        defer { Task { await harness.stop() } }
        #expect(harness.relayURL.hasPrefix("https://"))
        try await harness.startAgent()
        let job = try await harness.client.submit(
            BridgeHarness.receipt(marker: "TLS-1"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "tls-1"
        ).job
        #expect(try await harness.waitUntilFinished(job.id).state == .printed)
        #expect(harness.printedCount(of: "TLS-1") == 1)
        // Plain HTTP to the TLS port gets no answer.
        await #expect(throws: (any Error).self) {
            _ = try await BridgeClient(
                relay: "http://127.0.0.1:\(harness.relayPort)",
                apiKey: harness.apiKey,
                timeout: .seconds(3)
            ).sites()
        }
    }

    @Test func fiftyConcurrentRequestsWithOneKeyMakeOneJobAndIdenticalAnswers() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        let client = harness.client
        let site = harness.siteId
        let answers = try await withThrowingTaskGroup(of: (Job, Bool).self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await client.submit(
                        BridgeHarness.receipt(marker: "DUP"),
                        site: site,
                        printer: "front",
                        idempotencyKey: "same-key"
                    )
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(
            Set(answers.map(\.0)).count == 1,
            "every answer is the same job, as first created: \(Set(answers.map(\.0)))"
        )
        #expect(answers.filter { !$0.1 }.count == 1, "exactly one 201")
        let job = try await harness.waitUntilFinished(answers[0].0.id)
        #expect(job.state == .printed)
        #expect(harness.printedCount(of: "DUP") == 1)
        #expect(try await client.jobs(site: site).jobs.count == 1)

        await #expect {
            _ = try await client.submit(
                BridgeHarness.receipt(marker: "OTHER"),
                site: site,
                printer: "front",
                idempotencyKey: "same-key"
            )
        } throws: {
            ($0 as? BridgeClientError)?.status == 422
                && ($0 as? BridgeClientError)?.error.code == "idempotencyKeyReused"
        }

        await #expect {
            _ = try await client.submit(
                BridgeHarness.receipt(marker: "NOKEY"),
                site: site,
                printer: "front",
                idempotencyKey: ""
            )
        } throws: {
            ($0 as? BridgeClientError)?.status == 400
                && ($0 as? BridgeClientError)?.error.code == "missingIdempotencyKey"
        }
    }

    @Test func aDocumentThatDoesNotValidateIsRefusedWithItsPathBeforeAnythingIsQueued() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        let bad = CreateJobRequest(
            document: .object([
                "schemaVersion": .integer(1),
                "blocks": .array([
                    .object([
                        "type": .string("columns"),
                        "columns": .array([
                            .object(["text": .string("a"), "width": .integer(Int64.max)]),
                            .object(["text": .string("b")]),
                        ]),
                    ])
                ]),
            ])
        )
        await #expect {
            _ = try await harness.client.submit(bad, site: harness.siteId, printer: "front", idempotencyKey: "bad-1")
        } throws: { error in
            guard let error = error as? BridgeClientError else { return false }
            return error.status == 422 && error.error.code == "invalidDocument"
                && error.error.path?.hasPrefix("document.blocks[0].columns[0]") == true
                && error.error.documentCode == "valueOutOfRange"
        }
        await #expect {
            _ = try await harness.client.submit(
                CreateJobRequest(raw: "not base64!"),
                site: harness.siteId,
                printer: "front",
                idempotencyKey: "bad-2"
            )
        } throws: { ($0 as? BridgeClientError)?.status == 422 }
        #expect(try await harness.client.jobs().jobs.isEmpty)
    }

    @Test func anotherTenantGetsNotFoundForEverythingAndAJobNeverReachesAnotherSitesAgent() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        let job = try await harness.client.submit(
            BridgeHarness.receipt(marker: "ISO-A"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "iso-1"
        ).job
        _ = try await harness.waitUntilFinished(job.id)

        // Tenant B with its own site and agent; its agent is connected, tenant A's is stopped.
        let tenantB = try await harness.admin(["tenant", "create", "Tenant B"])
        let clientB = BridgeClient(relay: harness.relayURL, apiKey: tenantB["apiKey"] ?? "")
        let siteB = try await harness.admin(["site", "create", "--tenant", tenantB["tenantId"] ?? "", "Branch B"])
        let printerB = try await VirtualPrinterServer.start(VirtualPrinterServer.Configuration(port: 0))
        Task { try? await printerB.run() }
        defer { Task { await printerB.shutdown() } }
        let stateB = harness.directory + "/agent-b"
        let enrolled = try await runToEnd(
            BridgeHarness.agentExecutable,
            ["enroll", "--relay", harness.relayURL, "--token", siteB["enrollmentToken"] ?? "", "--state-dir", stateB]
        )
        try #require(enrolled.status == 0, "\(enrolled.error)")
        let agentB = try ManagedProcess(
            name: "agent-b",
            executable: BridgeHarness.agentExecutable,
            arguments: [
                "run", "--state-dir", stateB, "--printer", "front=tcp://127.0.0.1:\(printerB.port)", "--no-discover",
            ],
            logDirectory: harness.directory
        )
        defer { agentB.kill() }
        harness.agent?.kill()

        let notFound: @Sendable (any Error) -> Bool = { ($0 as? BridgeClientError)?.status == 404 }
        await #expect(performing: { _ = try await clientB.job(job.id) }, throws: notFound)
        await #expect(performing: { _ = try await clientB.events(job.id) }, throws: notFound)
        await #expect(performing: { _ = try await clientB.cancel(job.id) }, throws: notFound)
        await #expect(performing: { _ = try await clientB.reprint(job.id) }, throws: notFound)
        await #expect(performing: { _ = try await clientB.site(harness.siteId) }, throws: notFound)
        await #expect(performing: { _ = try await clientB.printers(site: harness.siteId) }, throws: notFound)
        await #expect(
            performing: { _ = try await clientB.test(site: harness.siteId, printer: "front", kind: .connectivity) },
            throws: notFound
        )
        await #expect(
            performing: {
                _ = try await clientB.submit(
                    BridgeHarness.receipt(marker: "ISO-B"),
                    site: harness.siteId,
                    printer: "front",
                    idempotencyKey: "iso-b"
                )
            },
            throws: notFound
        )
        #expect(try await clientB.jobs().jobs.isEmpty)
        #expect(try await clientB.sites().map(\.id) == [siteB["siteId"] ?? ""])

        // The old system sent a job to any connected desktop client. Here, with only site B's agent
        // connected, a job for site A waits for site A's agent and never reaches B's printer.
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline,
            (try? await clientB.printers(site: siteB["siteId"] ?? ""))?.isEmpty ?? true
        {
            try await Task.sleep(for: .milliseconds(100))
        }
        let waiting = try await harness.client.submit(
            BridgeHarness.receipt(marker: "ISO-WAIT"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "iso-2"
        ).job
        try await Task.sleep(for: .seconds(3))
        #expect(try await harness.client.job(waiting.id).state == .queued)
        #expect(printerB.jobs.filter { $0.text.contains("ISO") }.isEmpty)
        #expect(harness.printedCount(of: "ISO-WAIT") == 0)
    }

    @Test func paperOutReachesTheAPIWithinTwoSecondsAndAJobWaitsThenPrints() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        harness.printer.setCondition(PrinterCondition(paperOut: true))
        let start = ContinuousClock.now
        var seen = false
        while ContinuousClock.now - start < .seconds(2) {
            if let printer = try await harness.client.printers(site: harness.siteId).first,
                printer.status?.paper == .out
            {
                seen = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(seen, "paper out reached GET …/printers within 2 s")
        let job = try await harness.client.submit(
            BridgeHarness.receipt(marker: "PAPER"),
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "paper-1"
        ).job
        var waited = false
        for _ in 0..<100 {
            let current = try await harness.client.job(job.id)
            if current.state == .waiting {
                #expect(current.waitingReason == .paperOut)
                waited = true
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(waited)
        #expect(harness.printedCount(of: "PAPER") == 0)
        harness.printer.setCondition(PrinterCondition())
        let printed = try await harness.waitUntilFinished(job.id)
        #expect(printed.state == .printed)
        #expect(harness.printedCount(of: "PAPER") == 1)
    }

    @Test func aJobThatExpiresWhileThePrinterIsOutOfPaperNeverPrints() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        harness.printer.setCondition(PrinterCondition(paperOut: true))
        try await Task.sleep(for: .seconds(1))
        var request = BridgeHarness.receipt(marker: "LATE")
        request.expiresIn = 2
        let job = try await harness.client.submit(
            request,
            site: harness.siteId,
            printer: "front",
            idempotencyKey: "late-1"
        ).job
        try await Task.sleep(for: .seconds(4))
        harness.printer.setCondition(PrinterCondition())
        let final = try await harness.waitUntilFinished(job.id)
        #expect(final.state == .expired)
        try await Task.sleep(for: .seconds(1))
        #expect(harness.printedCount(of: "LATE") == 0)
    }

    @Test func revokingTheSiteClosesTheAgentsSessionWithinASecondOrTwo() async throws {
        let harness = try await BridgeHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.startAgent()
        _ = try await harness.admin(["site", "revoke", harness.siteId])
        let start = ContinuousClock.now
        var disconnected = false
        while ContinuousClock.now - start < .seconds(3) {
            if let site = try? await harness.client.site(harness.siteId), !site.agentConnected {
                disconnected = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(disconnected)
        // The agent hears 4003 and stops, saying why.
        #expect(await harness.agent?.waitForExit(timeout: .seconds(10)) == true)
        #expect(harness.agent?.exit.status != 0)
        #expect(harness.agent?.log.contains("enroll") == true)
    }
}
