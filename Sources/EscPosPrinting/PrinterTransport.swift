/// A connection to one printer that moves bytes both ways.
///
/// Every transport (``TCPTransport``, ``USBTransport``, ``CUPSTransport``, ``DeviceFileTransport``) conforms.
/// Every call has a timeout and honours task cancellation; blocking system calls never run on Swift's
/// cooperative thread pool. Use a transport through ``withPrinterTransport(_:options:logger:isolation:_:)`` or
/// ``Printer``, which close it on every path out, or call ``close()`` yourself.
///
/// ```swift
/// try await withPrinterTransport(PrinterURI("tcp://10.0.0.5")) { transport in
///     try await transport.write([0x1B, 0x40, 0x48, 0x69, 0x0A])
/// }
/// ```
public protocol PrinterTransport: Sendable {
    /// The printer this transport talks to.
    var uri: PrinterURI { get }

    /// Sends bytes to the printer and returns once all of them were handed to the connection.
    ///
    /// "Handed to the connection" means accepted by the printer (USB) or by the operating system's buffer
    /// on the way to it (TCP, files, serial lines; for CUPS: the job completed). For TCP that does not mean
    /// the printer read them: ask its status to know.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to send, such as a compiled receipt.
    ///   - timeout: How long the printer may go without accepting more bytes.
    /// - Throws: ``TransportError``; ``TransportError/bytesDelivered`` says how many bytes were handed over first.
    func write(_ bytes: [UInt8], timeout: Duration) async throws

    /// Reads whatever the printer sent back, waiting at most `timeout` for the first byte.
    ///
    /// - Parameters:
    ///   - maxCount: The most bytes to return.
    ///   - timeout: How long to wait for the first byte.
    /// - Returns: At least one and at most `maxCount` bytes.
    /// - Throws: ``TransportError`` with ``TransportError/Code/timeout`` when nothing arrives in time,
    ///   ``TransportError/Code/unsupported`` for transports without a back channel.
    func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8]

    /// The printer's state as this transport sees it, or `nil` when the transport has no view of its own
    /// and the state must be asked with `DLE EOT` (as ``Printer/status()`` does).
    ///
    /// A CUPS queue answers with its printer state and state reasons.
    func queueStatus() async throws -> PrinterStatus?

    /// The options the transport was opened with; ``Printer`` splits jobs into pieces of
    /// ``TransportOptions/chunkSize`` bytes.
    var options: TransportOptions { get }

    /// Whether the printer can answer over this connection (`false` for a CUPS queue or a plain file).
    ///
    /// Without a back channel ``Printer`` cannot confirm that a job was processed and reports it as sent.
    var hasBackChannel: Bool { get }

    /// Closes the connection; later calls fail with ``TransportError/Code/closed``. Closing twice is harmless.
    func close() async
}

extension PrinterTransport {
    /// Sends bytes with a 10-second progress timeout.
    public func write(_ bytes: [UInt8]) async throws {
        try await write(bytes, timeout: .seconds(10))
    }

    /// The default options, for transports that were not opened with any.
    public var options: TransportOptions { TransportOptions() }

    /// A back channel by default.
    public var hasBackChannel: Bool { true }

    /// No queue view by default: ask the printer itself.
    public func queueStatus() async throws -> PrinterStatus? { nil }
}

/// Settings for opening a transport.
public struct TransportOptions: Sendable, Hashable {
    /// How long connecting (or opening the device, or reaching the print server) may take.
    public var connectTimeout: Duration
    /// How long a CUPS job may take from submission to completion.
    public var jobTimeout: Duration
    /// The largest piece written at once; ``Printer`` sends every job in pieces of this size, on every transport,
    /// and reports progress after each.
    public var chunkSize: Int

    /// Creates options.
    public init(connectTimeout: Duration = .seconds(5), jobTimeout: Duration = .seconds(60), chunkSize: Int = 16384) {
        self.connectTimeout = connectTimeout
        self.jobTimeout = jobTimeout
        self.chunkSize = chunkSize
    }
}
