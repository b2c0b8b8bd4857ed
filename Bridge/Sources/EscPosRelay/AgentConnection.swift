import EscPosBridgeProtocol
import Foundation
import HTTPTypes
import HummingbirdWebSocket
import Logging
import NIOWebSocket

/// One agent's WebSocket session: authenticates it, reconciles its spool, offers its site's jobs and
/// records what it reports.
struct AgentConnection: Sendable {
    let store: any RelayStore
    let hub: AgentHub
    let configuration: RelayConfiguration
    let logger: Logger

    /// Serializes writes to the socket: the offer pump and the message loop both write.
    actor Writer {
        let outbound: WebSocketOutboundWriter
        var closed = false
        init(_ outbound: WebSocketOutboundWriter) { self.outbound = outbound }

        func send(_ message: RelayMessage) async throws {
            guard !closed else { throw CancellationError() }
            try await outbound.write(.text(try MessageCoding.encode(message)))
        }

        func close(_ code: BridgeCloseCode, _ reason: String) async {
            guard !closed else { return }
            closed = true
            try? await outbound.close(.unknown(code.rawValue), reason: reason)
        }
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, request: HTTPRequest) async {
        let writer = Writer(outbound)
        let protocols =
            request.headerFields[.secWebSocketProtocol]?.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            } ?? []
        guard protocols.contains(BridgeProtocol.subprotocol) else {
            await writer.close(.unsupportedVersion, "this relay speaks \(BridgeProtocol.subprotocol)")
            return
        }
        guard let authorization = request.headerFields[.authorization], authorization.hasPrefix("Bearer "),
            let siteId = try? await store.site(agentCredential: String(authorization.dropFirst(7)))
        else {
            await writer.close(.unauthorized, "the credential is unknown or revoked; enroll the agent again")
            return
        }
        var logger = logger
        logger[metadataKey: "site"] = "\(siteId)"
        // Messages up to twice the limit are read, so one over the limit is refused with 4013 (the WebSocket
        // layer itself would answer 1009, which says less).
        var messages = inbound.messages(maxSize: 2 * BridgeProtocol.defaultMaximumFrameBytes).makeAsyncIterator()
        do {
            // The first message must be hello.
            guard let first = try await messages.next() else { return }
            guard case .text(let text) = first else {
                await writer.close(.protocolError, "frames are JSON text")
                return
            }
            let framed: MessageCoding.Framed<AgentMessage>
            do {
                framed = try MessageCoding.decodeAgentMessage(text)
            } catch {
                await writer.close(error.closeCode, error.message)
                return
            }
            guard case .hello(let hello) = framed.message else {
                await writer.close(.protocolError, "the first message must be hello")
                return
            }
            let epoch = try await store.beginSession(
                siteId: siteId,
                agentVersion: hello.agentVersion,
                agentInstance: hello.agentInstance
            )
            logger[metadataKey: "epoch"] = "\(epoch)"
            let sessionId = BridgeID.make()
            let (wakeups, wakeContinuation) = AsyncStream.makeStream(
                of: Void.self,
                bufferingPolicy: .bufferingNewest(1)
            )
            await hub.register(
                siteId: siteId,
                session: AgentHub.Session(
                    id: sessionId,
                    epoch: epoch,
                    send: { try await writer.send($0) },
                    close: { code, reason in await writer.close(code, reason) },
                    wake: { wakeContinuation.yield() }
                )
            )
            logger.info("agent connected", metadata: ["agentVersion": "\(hello.agentVersion)"])
            defer { wakeContinuation.finish() }
            do {
                try await serve(
                    hello,
                    siteId: siteId,
                    epoch: epoch,
                    messages: &messages,
                    writer: writer,
                    wakeups: wakeups,
                    wake: { wakeContinuation.yield() },
                    logger: logger
                )
            } catch {
                logger.warning("agent session failed", metadata: ["error": "\(error)"])
            }
            // However the session ended, it is no longer the site's (unless a newer one replaced it).
            await hub.unregister(siteId: siteId, sessionId: sessionId)
            try? await store.touch(siteId: siteId)
            logger.info("agent disconnected")
        } catch {
            logger.warning("agent session failed", metadata: ["error": "\(error)"])
        }
    }

    /// The session after `hello`: welcome, reconcile, then offers and the agent's messages until it ends.
    private func serve(
        _ hello: Hello,
        siteId: String,
        epoch: Int,
        messages: inout WebSocketInboundMessageStream.AsyncIterator,
        writer: Writer,
        wakeups: AsyncStream<Void>,
        wake: @escaping @Sendable () -> Void,
        logger: Logger
    ) async throws {
        do {
            try await writer.send(
                .welcome(
                    Welcome(
                        sessionEpoch: epoch,
                        siteId: siteId,
                        serverTime: Date(),
                        heartbeatSeconds: Int(configuration.heartbeat.components.seconds),
                        maximumJobBytes: configuration.maximumJobBytes,
                        window: configuration.window
                    )
                )
            )
            try await reconcile(hello, siteId: siteId, writer: writer, logger: logger)
            let sessionLogger = logger
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await pumpOffers(
                        siteId: siteId,
                        epoch: epoch,
                        wakeups: wakeups,
                        writer: writer,
                        logger: sessionLogger
                    )
                }
                group.addTask {
                    // Re-checks for offers that timed out, and wakes the pump at least once a second.
                    while !Task.isCancelled {
                        wake()
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
                do {
                    while let message = try await messages.next() {
                        guard case .text(let text) = message else {
                            await writer.close(.protocolError, "frames are JSON text")
                            break
                        }
                        do {
                            let framed = try MessageCoding.decodeAgentMessage(text)
                            try await handle(
                                framed.message,
                                siteId: siteId,
                                writer: writer,
                                wake: wake,
                                logger: logger
                            )
                        } catch let error as MessageError {
                            logger.warning("agent message refused", metadata: ["error": "\(error.message)"])
                            await writer.close(error.closeCode, error.message)
                            break
                        }
                    }
                } catch {
                    logger.debug("agent session ended", metadata: ["error": "\(error)"])
                }
                group.cancelAll()
            }
        }
    }

    /// Brings the relay and the agent's spool into agreement after (re)connecting.
    private func reconcile(_ hello: Hello, siteId: String, writer: Writer, logger: Logger) async throws {
        var entries: [Reconcile.Entry] = []
        var listed = Set<String>()
        for entry in hello.spool {
            listed.insert(entry.jobId)
            guard BridgeID.isWellFormed(entry.jobId),
                let state = try await store.state(siteId: siteId, jobId: entry.jobId)
            else {
                entries.append(Reconcile.Entry(jobId: entry.jobId, state: nil))
                continue
            }
            if let result = entry.result, result.jobId == entry.jobId {
                _ = try await store.recordResult(siteId: siteId, result: result)
                FaultPoint.afterResultCommitBeforeAck.reached()
                try await writer.send(.resultAck(ResultAck(jobId: entry.jobId)))
            } else if state == .queued || state == .offered {
                try await store.accept(siteId: siteId, jobId: entry.jobId, agentInstance: hello.agentInstance)
                if entry.state == .printing || entry.state == .waiting {
                    try await store.updateState(siteId: siteId, jobId: entry.jobId, state: entry.state, reason: nil)
                }
            } else if entry.state == .printing || entry.state == .waiting {
                try await store.updateState(siteId: siteId, jobId: entry.jobId, state: entry.state, reason: nil)
            }
            entries.append(
                Reconcile.Entry(jobId: entry.jobId, state: try await store.state(siteId: siteId, jobId: entry.jobId))
            )
        }
        // A job an agent accepted is never handed to another: if this agent does not list it, nobody can
        // say whether it printed.
        for (jobId, instance) in try await store.acceptedJobs(siteId: siteId) where !listed.contains(jobId) {
            let detail =
                instance == hello.agentInstance
                ? "the agent that accepted it no longer lists it in its spool"
                : "accepted by another agent instance (\(instance ?? "unknown")), which is gone"
            try await store.markInDoubt(siteId: siteId, jobId: jobId, detail: detail)
            logger.warning("job in doubt after reconnect", metadata: ["job": "\(jobId)"])
        }
        try await writer.send(.reconcile(Reconcile(jobs: entries)))
    }

    private func pumpOffers(
        siteId: String,
        epoch: Int,
        wakeups: AsyncStream<Void>,
        writer: Writer,
        logger: Logger
    ) async {
        for await _ in wakeups {
            do {
                let open = try await store.unacceptedCount(siteId: siteId, epoch: epoch)
                let offers = try await store.takeOffers(
                    siteId: siteId,
                    epoch: epoch,
                    limit: configuration.window - open,
                    acceptTimeout: configuration.acceptTimeout,
                    now: Date()
                )
                for offer in offers {
                    try await writer.send(.jobOffer(offer))
                    FaultPoint.afterOfferWrite.reached()
                    logger.debug("job offered", metadata: ["job": "\(offer.jobId)", "attempt": "\(offer.attempt)"])
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("offering jobs failed", metadata: ["error": "\(error)"])
            }
        }
    }

    private func handle(
        _ message: AgentMessage,
        siteId: String,
        writer: Writer,
        wake: @Sendable () -> Void,
        logger: Logger
    ) async throws {
        switch message {
        case .hello:
            throw MessageError(.invalidEnvelope, "hello is sent once, first")
        case .printers(let list):
            let valid = list.printers.filter { PrinterDescription.isValidID($0.printerId) }
            try await store.replacePrinters(siteId: siteId, printers: Array(valid.prefix(100)))
            wake()
        case .status(let report):
            try await store.updateStatus(siteId: siteId, printerId: report.printerId, status: report.status)
        case .jobAccepted(let accepted):
            try await store.accept(siteId: siteId, jobId: accepted.jobId, agentInstance: accepted.agentInstance)
            FaultPoint.afterAcceptCommit.reached()
            wake()
        case .jobState(let update):
            try await store.updateState(siteId: siteId, jobId: update.jobId, state: update.state, reason: update.reason)
        case .jobResult(let result):
            if try await store.recordResult(siteId: siteId, result: result) {
                FaultPoint.afterResultCommitBeforeAck.reached()
                logger.info(
                    "job finished",
                    metadata: ["job": "\(result.jobId)", "outcome": "\(result.outcome.rawValue)"]
                )
            }
            // Acknowledged even when unknown here, so the agent stops resending a result nobody can use.
            try await writer.send(.resultAck(ResultAck(jobId: result.jobId)))
        case .testResult(let result):
            await hub.finishTest(result.testId, siteId: siteId, result: result)
        case .heartbeat:
            try await store.touch(siteId: siteId)
        case .unknown(let type):
            logger.debug("unknown agent message ignored", metadata: ["type": "\(type)"])
        }
    }
}
