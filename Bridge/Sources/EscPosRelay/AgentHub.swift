import EscPosBridgeProtocol
import Foundation

/// The live agent sessions, one per site. Routing is by the site of the authenticated session, never "any
/// connected agent": a job of site A can only be written to site A's session.
actor AgentHub {
    /// One live session's handle.
    struct Session: Sendable {
        let id: String
        let epoch: Int
        let send: @Sendable (RelayMessage) async throws -> Void
        let close: @Sendable (BridgeCloseCode, String) async -> Void
        let wake: @Sendable () -> Void
    }

    private var sessions: [String: Session] = [:]
    private var pendingTests: [String: (siteId: String, continuation: CheckedContinuation<TestResult?, Never>)] = [:]

    /// Makes `session` the site's live one; the one it replaces is closed with 4001.
    func register(siteId: String, session: Session) async {
        let previous = sessions.updateValue(session, forKey: siteId)
        if let previous {
            await previous.close(.superseded, "a newer session of this site connected")
        }
    }

    /// Forgets a session that ended, unless a newer one replaced it already.
    func unregister(siteId: String, sessionId: String) {
        if sessions[siteId]?.id == sessionId { sessions[siteId] = nil }
    }

    func isConnected(_ siteId: String) -> Bool { sessions[siteId] != nil }

    func connectedSites() -> Set<String> { Set(sessions.keys) }

    /// Tells the site's session to look for jobs to offer.
    func wake(_ siteId: String) { sessions[siteId]?.wake() }

    /// Sends a message to the site's session, if it has one.
    func send(_ message: RelayMessage, to siteId: String) async {
        try? await sessions[siteId]?.send(message)
    }

    /// Closes the site's session (its credential was revoked).
    func close(siteId: String, code: BridgeCloseCode, reason: String) async {
        if let session = sessions.removeValue(forKey: siteId) { await session.close(code, reason) }
    }

    /// Asks the site's agent to test a printer and waits for its answer; `nil` when the agent is not
    /// connected or did not answer in time.
    func test(siteId: String, printerId: String, kind: PrinterTest.Kind, timeout: Duration) async -> TestResult? {
        guard let session = sessions[siteId] else { return nil }
        let testId = BridgeID.make()
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.finishTest(testId, siteId: siteId, result: nil)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            pendingTests[testId] = (siteId, continuation)
            Task {
                do {
                    try await session.send(.printerTest(PrinterTest(testId: testId, printerId: printerId, kind: kind)))
                } catch {
                    self.finishTest(testId, siteId: siteId, result: nil)
                }
            }
        }
    }

    /// Delivers a test's answer; only the session of the site the test went to can answer it.
    func finishTest(_ testId: String, siteId: String, result: TestResult?) {
        guard pendingTests[testId]?.siteId == siteId else { return }
        pendingTests.removeValue(forKey: testId)?.continuation.resume(returning: result)
    }
}
