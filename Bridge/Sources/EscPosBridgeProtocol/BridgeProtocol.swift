/// Constants of the agent ⇄ relay protocol, version 1 (`Bridge/Docs/protocol.md` specifies every message).
public enum BridgeProtocol {
    /// The WebSocket subprotocol (`Sec-WebSocket-Protocol`) of this version. A new major version is a new
    /// subprotocol; a relay serves this one and the one before.
    public static let subprotocol = "escpos-bridge.v1"
    /// The `v` field of every message.
    public static let version = 1
    /// The path agents connect to.
    public static let agentPath = "/v1/agent"
    /// The largest text frame either side reads by default: a 1 MiB raw job in base64 plus its envelope.
    public static let defaultMaximumFrameBytes = 1_500_000
    /// The largest job body (raw ESC/POS bytes, or a document's JSON text) a relay accepts by default.
    public static let defaultMaximumJobBytes = 1 << 20
    /// The largest receipt document (JSON text) a relay accepts by default.
    public static let defaultMaximumDocumentBytes = 256 << 10
}

/// Why a relay or agent closed the WebSocket (the close frame's code).
public enum BridgeCloseCode: UInt16, Sendable, CaseIterable {
    /// A newer session of the same site replaced this one; the agent does not reconnect at once.
    case superseded = 4001
    /// The credential is unknown, revoked or malformed; the agent stops and asks to be enrolled again.
    case unauthorized = 4003
    /// A message broke the protocol (not JSON, no type, a field of the wrong kind).
    case protocolError = 4004
    /// The peer sent more than its share of messages.
    case rateLimited = 4008
    /// The peer speaks a version this side does not (`v`, or no common subprotocol).
    case unsupportedVersion = 4009
    /// A frame was larger than the limit.
    case frameTooLarge = 4013

    /// What the code means, in words, for logs and `escpos-agent status`.
    public var meaning: String {
        switch self {
        case .superseded: "a newer session of this site replaced this one"
        case .unauthorized: "the relay refused the credential (unknown, revoked or malformed)"
        case .protocolError: "a message broke the protocol"
        case .rateLimited: "too many messages"
        case .unsupportedVersion: "no protocol version in common"
        case .frameTooLarge: "a frame was larger than the limit"
        }
    }
}
