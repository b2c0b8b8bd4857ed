/// An error from a printer connection: what went wrong, on which printer, and how far the job got.
///
/// Every failure while connecting, sending, reading status or following a job is reported as a
/// `TransportError`. The ``code`` is a stable, machine-readable name (``Code/timeout``,
/// ``Code/accessDenied``, ...) that a print agent can send back to its backend; the ``description``
/// says what happened and what to do about it.
///
/// A job that fails after some bytes left the program reports them in ``bytesDelivered``: the bytes handed
/// to the connection (for TCP, taken by the local socket; for USB, acknowledged by the printer's
/// endpoint). They are not proof of delivery — a TCP printer may have read none of them — but 0 means
/// nothing of the job can have printed, and more means part of the receipt may have.
///
/// ```swift
/// do {
///     try await printer.send(bytes)
/// } catch let error as TransportError where error.code == .timeout {
///     print(error.bytesDelivered ?? 0, "bytes went out before the printer stopped reading")
/// }
/// ```
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public var code: Code
    /// A sentence saying what happened and how to fix it.
    public var message: String
    /// The printer, when the failure concerns one printer.
    public var uri: PrinterURI?
    /// How many bytes of the current job were handed to the connection before the failure: accepted by the
    /// local socket (TCP), the printer's endpoint (USB), the driver (files, serial lines); `nil` when no job
    /// was in progress. Despite the name, not a count of what the printer received.
    public var bytesDelivered: Int?
    /// The printer's state when that explains the failure, such as paper out for ``Code/printerNotReady``.
    public var status: PrinterStatus?
    /// The lower-level error that caused this one, such as a `LibUSBError`, an NIO `IOError` or an errno.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of failure this is.
    ///   - message: What happened and how to fix it.
    ///   - uri: The printer concerned.
    ///   - bytesDelivered: Bytes of the job handed to the connection before the failure.
    ///   - status: The printer's state, when it explains the failure.
    ///   - underlying: The lower-level error.
    public init(
        _ code: Code,
        _ message: String,
        uri: PrinterURI? = nil,
        bytesDelivered: Int? = nil,
        status: PrinterStatus? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.uri = uri
        self.bytesDelivered = bytesDelivered
        self.status = status
        self.underlying = underlying
    }

    /// The code, the printer, the message, the bytes handed to the connection and the cause, on one line.
    public var description: String {
        var text = "\(code.rawValue)"
        if let uri { text += " (\(uri))" }
        text += ": \(message)"
        if let bytesDelivered { text += " [\(bytesDelivered) bytes handed to the connection]" }
        if let underlying { text += " [cause: \(underlying)]" }
        return text
    }

    /// Returns a copy with ``uri`` set when it is still unset.
    package func with(uri: PrinterURI) -> TransportError {
        var copy = self
        if copy.uri == nil { copy.uri = uri }
        return copy
    }

    /// Returns a copy with ``bytesDelivered`` set.
    package func with(bytesDelivered: Int) -> TransportError {
        var copy = self
        copy.bytesDelivered = bytesDelivered
        return copy
    }
}

extension TransportError {
    /// A stable, machine-readable name for a kind of transport failure.
    ///
    /// An open set: new codes may be added, so `switch` statements need a `default:` case.
    /// The raw value is what ``TransportError`` encodes to JSON.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The stable name, such as `"timeout"`.
        public var rawValue: String

        /// Creates a code from its name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The name.
        public var description: String { rawValue }

        /// The printer did not accept or answer within the allowed time.
        public static let timeout = Code(rawValue: "timeout")
        /// No printer, device file or queue matches the URI.
        public static let deviceNotFound = Code(rawValue: "deviceNotFound")
        /// The operating system refused access to the device (permissions, udev rules, SELinux).
        public static let accessDenied = Code(rawValue: "accessDenied")
        /// Another program or a kernel driver is using the printer.
        public static let busy = Code(rawValue: "busy")
        /// The printer went away: unplugged, powered off, or the connection was reset.
        public static let disconnected = Code(rawValue: "disconnected")
        /// Nothing listens at the printer's network address.
        public static let connectionRefused = Code(rawValue: "connectionRefused")
        /// The host name or address could not be resolved or reached.
        public static let hostUnreachable = Code(rawValue: "hostUnreachable")
        /// The printer reports a state in which it cannot print, such as paper out or cover open.
        public static let printerNotReady = Code(rawValue: "printerNotReady")
        /// The print system (CUPS) accepted the job but then aborted or stopped it.
        public static let jobFailed = Code(rawValue: "jobFailed")
        /// The job was cancelled, by the caller's task or by someone on the print server.
        public static let cancelled = Code(rawValue: "cancelled")
        /// The printer URI is malformed or names an unknown scheme or option.
        public static let invalidURI = Code(rawValue: "invalidURI")
        /// The printer answered with bytes that are not a valid reply to the request.
        public static let invalidReply = Code(rawValue: "invalidReply")
        /// The transport cannot do this, such as reading status back through a CUPS queue.
        public static let unsupported = Code(rawValue: "unsupported")
        /// The connection was already closed when it was used.
        public static let closed = Code(rawValue: "closed")
        /// A failure that fits no other code; ``TransportError/underlying`` says more.
        public static let ioError = Code(rawValue: "ioError")
    }
}

extension TransportError: Codable {
    private enum CodingKeys: String, CodingKey {
        case code, message, uri, bytesDelivered, status, underlying
    }

    /// Decodes an error; the underlying error comes back as its text only.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.code = try container.decode(Code.self, forKey: .code)
        self.message = try container.decode(String.self, forKey: .message)
        self.uri = try container.decodeIfPresent(PrinterURI.self, forKey: .uri)
        self.bytesDelivered = try container.decodeIfPresent(Int.self, forKey: .bytesDelivered)
        self.status = try container.decodeIfPresent(PrinterStatus.self, forKey: .status)
        self.underlying = try container.decodeIfPresent(String.self, forKey: .underlying).map(UnderlyingErrorText.init)
    }

    /// Encodes the code, message, URI, bytes delivered, status and the underlying error's text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(uri, forKey: .uri)
        try container.encodeIfPresent(bytesDelivered, forKey: .bytesDelivered)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(underlying.map { String(describing: $0) }, forKey: .underlying)
    }
}

/// The text of an underlying error that crossed a JSON boundary.
public struct UnderlyingErrorText: Error, Hashable, Sendable, CustomStringConvertible {
    /// The error's description as it was encoded.
    public var description: String

    /// Wraps an error's text.
    public init(_ description: String) {
        self.description = description
    }
}
