import EscPosBridgeProtocol

/// How a relay runs: where it listens, its limits and its delivery timing.
public struct RelayConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port; 0 picks a free one (see ``Relay/run(onListening:)``).
    public var port: Int
    /// PEM certificate chain and private key files; both or neither. Without them the relay speaks plain
    /// HTTP, for loopback or behind a TLS-terminating proxy.
    public var tlsCertificateFile: String?
    public var tlsKeyFile: String?
    /// How often each side sends a heartbeat and pings; a peer silent for 2 × this + 5 s is dead.
    public var heartbeat: Duration
    /// An offer not accepted within this is offered again.
    public var acceptTimeout: Duration
    /// At most this many offers per session are unaccepted at once.
    public var window: Int
    /// The largest job body (raw bytes, or a document's JSON text).
    public var maximumJobBytes: Int
    /// The largest receipt document, as JSON text.
    public var maximumDocumentBytes: Int
    /// How long a printer test waits for the agent's answer.
    public var testTimeout: Duration
    /// How long an enrollment token stays valid.
    public var enrollmentTokenLifetime: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        tlsCertificateFile: String? = nil,
        tlsKeyFile: String? = nil,
        heartbeat: Duration = .seconds(30),
        acceptTimeout: Duration = .seconds(10),
        window: Int = 8,
        maximumJobBytes: Int = BridgeProtocol.defaultMaximumJobBytes,
        maximumDocumentBytes: Int = BridgeProtocol.defaultMaximumDocumentBytes,
        testTimeout: Duration = .seconds(20),
        enrollmentTokenLifetime: Duration = .seconds(24 * 3600)
    ) {
        self.host = host
        self.port = port
        self.tlsCertificateFile = tlsCertificateFile
        self.tlsKeyFile = tlsKeyFile
        self.heartbeat = heartbeat
        self.acceptTimeout = acceptTimeout
        self.window = window
        self.maximumJobBytes = maximumJobBytes
        self.maximumDocumentBytes = maximumDocumentBytes
        self.testTimeout = testTimeout
        self.enrollmentTokenLifetime = enrollmentTokenLifetime
    }
}
