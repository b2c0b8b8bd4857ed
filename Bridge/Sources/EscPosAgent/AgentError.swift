/// Why the agent cannot go on: each with a message that says what to do.
public struct AgentError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case notEnrolled
        case enrollmentRefused
        case relayUnreachable
        /// The relay refused the credential (4003): enroll again.
        case credentialRefused
        /// No protocol version in common (4009): update the agent.
        case unsupportedVersion
        case protocolError
        case invalidArgument
        case io
        case spool
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
