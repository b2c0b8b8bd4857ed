import EscPosBridgeProtocol
import EscPosPrinting
import EscPosTransports
import Foundation
import HTTPTypes
import Logging
import NIOWebSocket
import WSClient

/// How an agent runs.
public struct AgentConfiguration: Sendable {
    /// Holds `credential.json` and `spool.sqlite`.
    public var stateDirectory: String
    /// The printers given by name.
    public var printers: [ConfiguredPrinter]
    /// Whether USB printers and CUPS queues found on this machine are added too.
    public var discover: Bool
    /// A PEM CA the relay's certificate may chain to, besides the system's.
    public var caFile: String?
    /// How often an idle printer's status is read.
    public var statusPollInterval: Duration
    /// How often the agent pings and sends `heartbeat`.
    public var heartbeat: Duration
    /// Reconnect backoff: full jitter between the minimum and a doubling cap up to the maximum.
    public var reconnectMinimum: Duration
    public var reconnectMaximum: Duration
    /// How long to stay away after a newer session of the site replaced this one (4001).
    public var supersededDelay: Duration

    public init(
        stateDirectory: String,
        printers: [ConfiguredPrinter] = [],
        discover: Bool = true,
        caFile: String? = nil,
        statusPollInterval: Duration = .seconds(2),
        heartbeat: Duration = .seconds(30),
        reconnectMinimum: Duration = .seconds(1),
        reconnectMaximum: Duration = .seconds(60),
        supersededDelay: Duration = .seconds(30)
    ) {
        self.stateDirectory = stateDirectory
        self.printers = printers
        self.discover = discover
        self.caFile = caFile
        self.statusPollInterval = statusPollInterval
        self.heartbeat = heartbeat
        self.reconnectMinimum = reconnectMinimum
        self.reconnectMaximum = reconnectMaximum
        self.supersededDelay = supersededDelay
    }
}

/// The on-site agent: holds the session to the relay, spools offered jobs and prints them.
///
/// ```swift
/// let agent = try await Agent(configuration: AgentConfiguration(stateDirectory: "/var/lib/escpos-agent",
///     printers: [ConfiguredPrinter(id: "kitchen", uri: try PrinterURI("tcp://192.168.1.50"), profile: .epsonTMT88VI)]))
/// try await agent.run()   // until cancelled, or the relay refuses the credential
/// ```
public actor Agent {
    /// This agent's version, sent in `hello`.
    public static let version = "0.1.0"

    public let configuration: AgentConfiguration
    public let credential: AgentCredential
    public let spool: Spool
    private let relay: RelayAddress
    private let logger: Logger
    private var workers: [String: PrinterWorker] = [:]
    private var session: Session?
    /// Relay clock minus ours, from `welcome`.
    private var clockOffset: TimeInterval = 0

    /// The socket of the current session; messages sent while there is none are dropped (results are kept
    /// in the spool and sent again on the next `hello`).
    actor Session {
        let outbound: WebSocketOutboundWriter
        init(_ outbound: WebSocketOutboundWriter) { self.outbound = outbound }
        func send(_ message: AgentMessage) async throws {
            try await outbound.write(.text(try MessageCoding.encode(message)))
        }
    }

    public init(configuration: AgentConfiguration, logger: Logger = Logger(label: "escpos-agent")) async throws {
        self.configuration = configuration
        credential = try AgentCredential.load(stateDirectory: configuration.stateDirectory)
        relay = try RelayAddress(credential.relayURL)
        spool = try Spool(stateDirectory: configuration.stateDirectory)
        var logger = logger
        logger[metadataKey: "site"] = "\(credential.siteId)"
        self.logger = logger
    }

    /// Runs until the task is cancelled; throws ``AgentError`` when the relay refuses the credential or
    /// speaks no common version.
    public func run() async throws {
        for result in try await spool.recoverInterruptedJobs() {
            logger.warning("job in doubt after a restart", metadata: ["job": "\(result.jobId)"])
        }
        try await spool.prune()
        var printers = configuration.printers
        if configuration.discover { printers += await discoveredPrinters(excluding: printers) }
        try await spool.setMeta(
            "printers",
            printers.map { "\($0.id)=\($0.uri) (\($0.profile.name))" }.joined(separator: "\n")
        )
        for printer in printers {
            workers[printer.id] = PrinterWorker(
                printer: printer,
                spool: spool,
                stateDirectory: configuration.stateDirectory,
                statusPollInterval: configuration.statusPollInterval,
                send: { [weak self] message in await self?.send(message) },
                relayNow: { [weak self] in await self?.relayNow() ?? Date() },
                logger: logger
            )
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in workers.values { group.addTask { await worker.run() } }
            group.addTask { try await self.holdSession() }
            try await group.next()
            group.cancelAll()
        }
    }

    private func discoveredPrinters(excluding configured: [ConfiguredPrinter]) async -> [ConfiguredPrinter] {
        let found = await PrinterDiscovery.discover()
        return found.printers.compactMap { printer -> ConfiguredPrinter? in
            let id: String
            switch printer.uri.endpoint {
            case .cups(let queue, _): id = queue
            case .usb: id = "usb-" + "\(printer.uri)".filter { $0.isLetter || $0.isNumber }.suffix(20)
            default: return nil
            }
            guard PrinterDescription.isValidID(id),
                !configured.contains(where: { $0.id == id || $0.uri == printer.uri })
            else { return nil }
            logger.info("found a printer", metadata: ["printer": "\(id)", "uri": "\(printer.uri)"])
            return ConfiguredPrinter(id: id, uri: printer.uri, profile: .generic80mm)
        }
    }

    func relayNow() -> Date { Date().addingTimeInterval(clockOffset) }

    func send(_ message: AgentMessage) async {
        guard let session else { return }
        do {
            try await session.send(message)
        } catch {
            logger.debug("message not sent", metadata: ["type": "\(message.type)", "error": "\(error)"])
        }
    }

    // MARK: The session

    private func holdSession() async throws {
        var attempt = 0
        while !Task.isCancelled {
            let started = ContinuousClock.now
            var delay: Duration?
            do {
                let close = try await connectOnce()
                session = nil
                switch close.flatMap({ code -> UInt16? in
                    if case .unknown(let value) = code { return value }
                    return nil
                }).flatMap(BridgeCloseCode.init(rawValue:)) {
                case .unauthorized?:
                    throw AgentError(
                        .credentialRefused,
                        "the relay refused this agent's credential (revoked or unknown); enroll again with `escpos-agent enroll`"
                    )
                case .unsupportedVersion?:
                    throw AgentError(
                        .unsupportedVersion,
                        "the relay speaks another protocol version; update escpos-agent"
                    )
                case .superseded?:
                    logger.warning("another agent of this site connected; staying away a while")
                    delay = configuration.supersededDelay
                default:
                    logger.warning("disconnected from the relay", metadata: ["close": "\(String(describing: close))"])
                }
            } catch let error as AgentError {
                throw error
            } catch {
                session = nil
                logger.warning("cannot reach the relay", metadata: ["error": "\(error)"])
            }
            try? await spool.setMeta("session", "disconnected since \(Date().formatted(.iso8601))")
            if ContinuousClock.now - started > .seconds(10) { attempt = 0 }
            attempt += 1
            try await Task.sleep(for: delay ?? backoff(attempt))
        }
    }

    /// Full jitter: a random time between the minimum and min(maximum, minimum × 2^attempt).
    private func backoff(_ attempt: Int) -> Duration {
        let minimum =
            Double(configuration.reconnectMinimum.components.seconds)
            + Double(configuration.reconnectMinimum.components.attoseconds) / 1e18
        let maximum = Double(configuration.reconnectMaximum.components.seconds)
        let cap = min(maximum, minimum * pow(2, Double(min(attempt, 16))))
        return .milliseconds(Int64(Double.random(in: minimum...max(minimum, cap)) * 1000))
    }

    private func connectOnce() async throws -> WebSocketErrorCode? {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(credential.credential)"
        headers[.secWebSocketProtocol] = BridgeProtocol.subprotocol
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: 2 * BridgeProtocol.defaultMaximumFrameBytes,
            additionalHeaders: headers,
            closeTimeout: .seconds(5),
            autoPing: .enabled(timePeriod: self.configuration.heartbeat)
        )
        let tls = relay.usesTLS ? try RelayAddress.tlsConfiguration(caFile: self.configuration.caFile) : nil
        let close = try await WebSocketClient.connect(
            url: relay.webSocketURL,
            configuration: configuration,
            tlsConfiguration: tls,
            logger: logger
        ) { inbound, outbound, _ in
            try await self.serve(inbound: inbound, outbound: outbound)
        }
        return close?.closeCode
    }

    private func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let current = Session(outbound)
        session = current
        let spooled = try await spool.unreported()
        try await current.send(
            .hello(
                Hello(
                    agentVersion: Self.version,
                    agentInstance: spool.agentInstance,
                    protocols: [BridgeProtocol.subprotocol],
                    clock: Date(),
                    spool: spooled.map {
                        Hello.SpoolEntry(jobId: $0.jobId, state: $0.state.jobState, result: $0.result)
                    }
                )
            )
        )
        try await current.send(.printers(PrinterList(printers: workers.values.map { $0.printer.description })))
        for worker in workers.values { await worker.reportStatus() }
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: configuration.heartbeat)
                try await current.send(.heartbeat(Heartbeat(queueDepth: (try? await spool.queueDepth()) ?? 0)))
            }
        }
        defer { heartbeat.cancel() }
        for try await message in inbound.messages(maxSize: 2 * BridgeProtocol.defaultMaximumFrameBytes) {
            guard case .text(let text) = message else { continue }
            let framed: MessageCoding.Framed<RelayMessage>
            do {
                framed = try MessageCoding.decodeRelayMessage(text)
            } catch {
                logger.warning("relay message not understood", metadata: ["error": "\(error.message)"])
                continue
            }
            try await handle(framed.message, session: current)
        }
    }

    private func handle(_ message: RelayMessage, session: Session) async throws {
        switch message {
        case .welcome(let welcome):
            clockOffset = welcome.serverTime.timeIntervalSinceNow
            logger.info(
                "connected to the relay",
                metadata: ["relay": "\(relay.httpURL)", "epoch": "\(welcome.sessionEpoch)"]
            )
            FileHandle.standardError.write(
                Data(
                    "connected to \(relay.httpURL) as site \(welcome.siteId) (session epoch \(welcome.sessionEpoch))\n"
                        .utf8
                )
            )
            try? await spool.setMeta(
                "session",
                "connected since \(Date().formatted(.iso8601)) (session epoch \(welcome.sessionEpoch))"
            )
        case .reconcile(let reconcile):
            for entry in reconcile.jobs { try await spool.reconcile(jobId: entry.jobId, relayState: entry.state) }
        case .jobOffer(let offer):
            try await receive(offer, session: session)
        case .resultAck(let ack):
            try await spool.markReported(ack.jobId)
        case .jobCancel(let cancel):
            if try await spool.cancel(cancel.jobId) {
                logger.info("job canceled by the relay", metadata: ["job": "\(cancel.jobId)"])
            }
        case .printerTest(let test):
            guard let worker = workers[test.printerId] else {
                try await session.send(
                    .testResult(
                        TestResult(
                            testId: test.testId,
                            printerId: test.printerId,
                            success: false,
                            detail: "no such printer"
                        )
                    )
                )
                return
            }
            Task { await self.send(.testResult(await worker.test(test))) }
        case .statusRequest:
            for worker in workers.values { await worker.reportStatus() }
        case .unknown(let type):
            logger.debug("unknown relay message ignored", metadata: ["type": "\(type)"])
        }
    }

    /// Spools an offer (or recognises it), then accepts it.
    private func receive(_ offer: JobOffer, session: Session) async throws {
        FaultPoint.afterOfferReceived.reached()
        guard let worker = workers[offer.printerId] else {
            try await session.send(
                .jobResult(
                    JobResult(
                        jobId: offer.jobId,
                        outcome: .failed,
                        bytesSent: 0,
                        errorCode: "unknownPrinter",
                        detail: "this agent has no printer \(offer.printerId)"
                    )
                )
            )
            return
        }
        guard let bytes = offer.content.bytes, Secrets.sha256(bytes) == offer.sha256 else {
            try await session.send(
                .jobResult(
                    JobResult(
                        jobId: offer.jobId,
                        outcome: .failed,
                        bytesSent: 0,
                        errorCode: "checksumMismatch",
                        detail: "the job's body does not match its SHA-256"
                    )
                )
            )
            return
        }
        let (entry, isNew) = try await spool.receive(offer)
        FaultPoint.afterSpoolSync.reached()
        try await session.send(.jobAccepted(JobAccepted(jobId: offer.jobId, agentInstance: spool.agentInstance)))
        if isNew {
            await worker.wake()
        } else if let result = entry.result {
            // A job already printed (or failed) is never printed again: its result goes instead.
            try await session.send(.jobResult(result))
        }
    }
}
