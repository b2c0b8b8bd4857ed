import EscPosBridgeProtocol
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOSSL
import ServiceLifecycle

/// The print relay: the REST API for backends and the WebSocket agents dial out to, on one port.
///
/// Embed it in a Swift backend, or run `escpos-relay serve`:
///
/// ```swift
/// let store = try SQLiteRelayStore(path: "relay.sqlite")
/// let relay = Relay(configuration: RelayConfiguration(port: 8080), store: store)
/// try await relay.run()
/// ```
public struct Relay: Sendable {
    public let configuration: RelayConfiguration
    public let store: any RelayStore
    let hub = AgentHub()
    let logger: Logger

    public init(
        configuration: RelayConfiguration,
        store: any RelayStore,
        logger: Logger = Logger(label: "escpos-relay")
    ) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
    }

    /// Closes the live session of a site whose credential was revoked (4003).
    public func disconnect(siteId: String) async {
        await hub.close(siteId: siteId, code: .unauthorized, reason: "the site was revoked")
    }

    /// The Hummingbird application, for running it in your own service group.
    /// - Parameter onListening: Called with the port once the server listens.
    public func application(
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws
        -> some ApplicationProtocol
    {
        let router = Router(context: BasicRequestContext.self)
        RESTRoutes(store: store, hub: hub, configuration: configuration).add(to: router)
        let agentRouter = Router(context: BasicWebSocketRequestContext.self)
        let connection = AgentConnection(store: store, hub: hub, configuration: configuration, logger: logger)
        agentRouter.ws(RouterPath(BridgeProtocol.agentPath)) { request, _ in
            // The subprotocol is echoed when offered; the session closes with 4009 otherwise, so the agent
            // learns why instead of seeing a failed handshake.
            let offered =
                request.headers[.secWebSocketProtocol]?.split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                } ?? []
            return offered.contains(BridgeProtocol.subprotocol)
                ? .upgrade([.secWebSocketProtocol: BridgeProtocol.subprotocol]) : .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            await connection.run(inbound: inbound, outbound: outbound, request: context.request.head)
        }
        let webSocket = WebSocketServerConfiguration(
            maxFrameSize: 2 * BridgeProtocol.defaultMaximumFrameBytes,
            autoPing: .enabled(timePeriod: configuration.heartbeat),
            closeTimeout: .seconds(5)
        )
        var server: HTTPServerBuilder = .http1WebSocketUpgrade(
            webSocketRouter: agentRouter,
            configuration: HTTP1WebSocketUpgradeChannel.Configuration(ws: webSocket)
        )
        if let certificate = configuration.tlsCertificateFile, let key = configuration.tlsKeyFile {
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            )
            server = try .tls(server, tlsConfiguration: tls)
        }
        return Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "escpos-relay"
            ),
            services: [ExpirySweeper(store: store, hub: hub, logger: logger)],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Runs until SIGTERM or SIGINT.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(onListening: onListening).runService()
    }
}

/// Twice a second: expires queued and offered jobs whose time is up, and closes revoked sites' sessions.
struct ExpirySweeper: Service {
    let store: any RelayStore
    let hub: AgentHub
    let logger: Logger

    func run() async throws {
        var lastRevocationCheck = Date()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await store.expireDueJobs(now: Date())
                // Revocations may come from `escpos-relay admin site revoke` in another process.
                let now = Date()
                for siteId in try await store.sitesRevoked(since: lastRevocationCheck.addingTimeInterval(-2)) {
                    await hub.close(siteId: siteId, code: .unauthorized, reason: "the site was revoked")
                }
                lastRevocationCheck = now
            } catch {
                logger.warning("expiring jobs failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(500)) }
        }
    }
}
