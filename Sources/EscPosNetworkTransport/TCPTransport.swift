public import EscPosPrinting
public import Logging
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A network printer's raw TCP port (JetDirect / "port 9100"), through SwiftNIO.
///
/// Writes wait for the socket to take the bytes (backpressure), so a printer that accepts the
/// connection but stops reading makes ``write(_:timeout:)`` fail with ``TransportError/Code/timeout``
/// instead of hanging. Status replies come back on the same connection through ``read(upTo:timeout:)``.
///
/// ```swift
/// let transport = try await TCPTransport.connect(host: "10.0.0.5")
/// try await transport.write(bytes)
/// await transport.close()
/// ```
// The connection is an NIOAsyncChannel: its inbound stream, read by one task, fills the reply buffer that
// `read(upTo:timeout:)` takes from. Writes go to the underlying channel with a promise each, not through the
// async channel's outbound writer: the writer writes with `promise: nil` (NIOCore's AsyncChannelHandler), so it
// cannot say when the socket took a piece, and that is what `bytesDelivered` and the per-piece timeout need.
public final class TCPTransport: PrinterTransport {
    /// The printer's URI, `tcp://host:port`.
    public let uri: PrinterURI
    private let channel: any Channel
    private let replies: ReplyBuffer
    /// Reads the async channel's inbound stream into ``replies`` until the connection ends.
    private let reader: Task<Void, Never>
    /// The options the connection was opened with; writes go out in pieces of their chunk size.
    public let options: TransportOptions
    private var chunkSize: Int { max(1, options.chunkSize) }
    private let logger: Logger

    private init(
        uri: PrinterURI,
        channel: any Channel,
        replies: ReplyBuffer,
        reader: Task<Void, Never>,
        options: TransportOptions,
        logger: Logger
    ) {
        self.uri = uri
        self.channel = channel
        self.replies = replies
        self.reader = reader
        self.options = options
        self.logger = logger
    }

    /// Connects to a printer's raw port.
    ///
    /// - Parameters:
    ///   - host: A host name, IPv4 or IPv6 address.
    ///   - port: The port; 9100 by default.
    ///   - options: The connect timeout is used.
    ///   - logger: Receives `debug` and `trace` messages.
    /// - Returns: An open connection; ``close()`` it when done.
    /// - Throws: ``TransportError`` with ``TransportError/Code/connectionRefused``,
    ///   ``TransportError/Code/timeout``, ``TransportError/Code/hostUnreachable`` or
    ///   ``TransportError/Code/cancelled``.
    public static func connect(
        host: String,
        port: Int = PrinterURI.defaultTCPPort,
        options: TransportOptions = TransportOptions(),
        logger: Logger = .current
    ) async throws -> TCPTransport {
        let uri = PrinterURI(.tcp(host: host, port: port))
        let group = MultiThreadedEventLoopGroup.singleton
        let eventLoop = group.next()
        let slot = AsyncChannelSlot()
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    slot.set(try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel))
                }
            }
        logger.debug("connecting", metadata: ["uri": "\(uri)"])
        let connecting = bootstrap.connect(host: host, port: port)
        let channel: any Channel
        do {
            channel = try await connecting.get(cancellable: true)
        } catch {
            connecting.whenSuccess { $0.close(promise: nil) }
            throw Self.connectError(error, uri: uri, options: options)
        }
        guard let asyncChannel = slot.get() else {
            channel.close(promise: nil)
            throw TransportError(.ioError, "the connection was set up without its async channel", uri: uri)
        }
        let replies = ReplyBuffer()
        let reader = Task {
            do {
                try await asyncChannel.executeThenClose { inbound, _ in
                    for try await buffer in inbound { replies.append(buffer.readableBytesView) }
                }
            } catch {
                logger.trace("connection ended", metadata: ["error": "\(error)"])
            }
            replies.finish()
        }
        logger.debug("connected", metadata: ["uri": "\(uri)"])
        return TCPTransport(
            uri: uri,
            channel: channel,
            replies: replies,
            reader: reader,
            options: options,
            logger: logger
        )
    }

    /// Sends bytes, waiting for the socket to accept each piece.
    ///
    /// - Parameters:
    ///   - bytes: The job.
    ///   - timeout: How long the printer may go without accepting a piece of ``TransportOptions/chunkSize`` bytes.
    /// - Throws: ``TransportError`` (``TransportError/Code/timeout``, ``TransportError/Code/disconnected``,
    ///   ``TransportError/Code/cancelled``, ``TransportError/Code/closed``) with
    ///   ``TransportError/bytesDelivered``. After a failure the connection is closed.
    public func write(_ bytes: [UInt8], timeout: Duration) async throws {
        guard channel.isActive else {
            throw TransportError(.closed, "the connection is closed; open a new one", uri: uri, bytesDelivered: 0)
        }
        var pieces: [(future: EventLoopFuture<Void>, count: Int)] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            let buffer = channel.allocator.buffer(bytes: bytes[offset..<end])
            pieces.append((channel.write(buffer), end - offset))
            offset = end
        }
        channel.flush()
        var delivered = 0
        for piece in pieces {
            do {
                try await piece.future.get(timeout: timeout, on: channel.eventLoop)
                delivered += piece.count
            } catch {
                channel.close(promise: nil)
                let failure = Self.ioError(error, uri: uri, during: "sending").with(bytesDelivered: delivered)
                logger.debug("write failed", metadata: ["error": "\(failure)"])
                throw failure
            }
        }
        logger.trace("wrote", metadata: ["bytes": "\(bytes.count)"])
    }

    /// Reads bytes the printer sent back (status replies), waiting at most `timeout` for the first one.
    ///
    /// - Throws: ``TransportError`` with ``TransportError/Code/timeout`` when nothing arrives in time,
    ///   ``TransportError/Code/disconnected`` when the printer closed the connection.
    public func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8] {
        do {
            return try await replies.read(upTo: max(1, maxCount), timeout: timeout)
        } catch let error as TransportError {
            throw error.with(uri: uri)
        } catch {
            throw Self.ioError(error, uri: uri, during: "reading")
        }
    }

    /// Closes the connection.
    public func close() async {
        logger.debug("closing", metadata: ["uri": "\(uri)"])
        try? await channel.close()
        await reader.value
    }

    static func connectError(_ error: any Error, uri: PrinterURI, options: TransportOptions) -> TransportError {
        if error is CancellationError {
            return TransportError(.cancelled, "connecting was cancelled", uri: uri)
        }
        if let channelError = error as? ChannelError,
            channelError == .connectTimeout(TimeAmount(options.connectTimeout))
        {
            return TransportError(
                .timeout,
                "the printer did not accept the connection within \(options.connectTimeout); "
                    + "check that it is switched on, on this network, and that the address is right",
                uri: uri,
                underlying: channelError
            )
        }
        if let connectionError = error as? NIOConnectionError {
            if connectionError.dnsAError != nil || connectionError.dnsAAAAError != nil,
                connectionError.connectionErrors.isEmpty
            {
                return TransportError(
                    .hostUnreachable,
                    "the host name could not be resolved; check the spelling or use the IP address",
                    uri: uri,
                    underlying: connectionError
                )
            }
            if let first = connectionError.connectionErrors.first?.error {
                return connectError(first, uri: uri, options: options)
            }
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED:
                return TransportError(
                    .connectionRefused,
                    "nothing accepts connections on that port; check the port (usually 9100) "
                        + "and that no other host holds the printer's only connection",
                    uri: uri,
                    underlying: ioError
                )
            case EHOSTUNREACH, ENETUNREACH:
                return TransportError(
                    .hostUnreachable,
                    "the printer's network cannot be reached; check cables, Wi-Fi and the address",
                    uri: uri,
                    underlying: ioError
                )
            case ETIMEDOUT:
                return TransportError(
                    .timeout,
                    "the connection attempt timed out; check that the printer is on",
                    uri: uri,
                    underlying: ioError
                )
            default:
                break
            }
        }
        return TransportError(.ioError, "connecting failed: \(error)", uri: uri, underlying: error)
    }

    static func ioError(_ error: any Error, uri: PrinterURI, during activity: String) -> TransportError {
        if let transportError = error as? TransportError { return transportError.with(uri: uri) }
        if error is CancellationError {
            return TransportError(.cancelled, "\(activity) was cancelled", uri: uri)
        }
        if error is FutureTimeout {
            return TransportError(
                .timeout,
                "the printer stopped accepting data while \(activity); it may be out of paper, "
                    + "have its cover open, or be busy with another connection",
                uri: uri
            )
        }
        return TransportError(
            .disconnected,
            "the connection broke while \(activity): the printer closed or reset it, "
                + "or it was switched off",
            uri: uri,
            underlying: error
        )
    }
}

/// Hands the async channel from the channel initializer to the connecting task.
private final class AsyncChannelSlot: Sendable {
    private let slot = Mutex<NIOAsyncChannel<ByteBuffer, ByteBuffer>?>(nil)
    func set(_ value: NIOAsyncChannel<ByteBuffer, ByteBuffer>) { slot.withLock { $0 = value } }
    func get() -> NIOAsyncChannel<ByteBuffer, ByteBuffer>? { slot.withLock { $0 } }
}

/// The marker a future fails with when it took longer than its timeout.
struct FutureTimeout: Error {}

extension EventLoopFuture where Value: Sendable {
    /// Waits for the future, failing with ``FutureTimeout`` after `timeout` (when given) and with
    /// `CancellationError` when the task is cancelled (when `cancellable`).
    func get(timeout: Duration? = nil, on eventLoop: (any EventLoop)? = nil, cancellable: Bool) async throws -> Value {
        let loop = eventLoop ?? self.eventLoop
        let promise = loop.makePromise(of: Value.self)
        self.cascade(to: promise)
        if let timeout {
            let scheduled = loop.scheduleTask(in: TimeAmount(timeout)) { promise.fail(FutureTimeout()) }
            promise.futureResult.whenComplete { _ in scheduled.cancel() }
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            if cancellable { promise.fail(CancellationError()) }
        }
    }

    /// Waits for the future with a timeout, honouring cancellation.
    func get(timeout: Duration, on eventLoop: any EventLoop) async throws -> Value {
        try await get(timeout: Optional(timeout), on: eventLoop, cancellable: true)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
