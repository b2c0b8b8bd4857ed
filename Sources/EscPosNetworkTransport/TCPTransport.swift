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
// Why a channel handler and write futures rather than NIOAsyncChannel: a write future completes when the
// socket took the bytes, which is what `bytesDelivered` promises, while NIOAsyncChannel's outbound writer
// returns once a piece is queued in NIO's buffers; and a stalled piece must fail after its timeout, which
// a future with a scheduled failure gives without cancelling a suspended writer.
public final class TCPTransport: PrinterTransport {
    /// The printer's URI, `tcp://host:port`.
    public let uri: PrinterURI
    private let channel: any Channel
    private let collector: NIOLoopBound<ReplyCollector>
    /// The options the connection was opened with; writes go out in pieces of their chunk size.
    public let options: TransportOptions
    private var chunkSize: Int { max(1, options.chunkSize) }
    private let logger: Logger

    private init(
        uri: PrinterURI,
        channel: any Channel,
        collector: NIOLoopBound<ReplyCollector>,
        options: TransportOptions,
        logger: Logger
    ) {
        self.uri = uri
        self.channel = channel
        self.collector = collector
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
        let collectorBox = CollectorSlot()
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let collector = ReplyCollector()
                    try channel.pipeline.syncOperations.addHandler(collector)
                    collectorBox.set(NIOLoopBound(collector, eventLoop: channel.eventLoop))
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
        guard let collector = collectorBox.get() else {
            channel.close(promise: nil)
            throw TransportError(.ioError, "the connection was set up without its reply handler", uri: uri)
        }
        logger.debug("connected", metadata: ["uri": "\(uri)"])
        return TCPTransport(uri: uri, channel: channel, collector: collector, options: options, logger: logger)
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
        let promise = channel.eventLoop.makePromise(of: [UInt8].self)
        let collector = self.collector
        let uri = self.uri
        let id = ObjectIdentifier(promise.futureResult)
        channel.eventLoop.execute {
            collector.value.read(maxCount: max(1, maxCount), timeout: timeout, promise: promise)
        }
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                promise.futureResult.eventLoop.execute { collector.value.cancelRead(id: id) }
            }
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

/// Collects the bytes a printer sends back and hands them to one waiting reader at a time.
/// Lives on the channel's event loop.
final class ReplyCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private struct Waiter {
        var id: ObjectIdentifier
        var maxCount: Int
        var promise: EventLoopPromise<[UInt8]>
        var timeout: Scheduled<Void>
    }

    private var received: [UInt8] = []
    private var waiter: Waiter?
    private var closed = false

    func read(maxCount: Int, timeout: Duration, promise: EventLoopPromise<[UInt8]>) {
        if !received.isEmpty {
            promise.succeed(take(maxCount))
            return
        }
        if closed {
            promise.fail(TransportError(.disconnected, "the printer closed the connection"))
            return
        }
        if let previous = waiter {
            previous.timeout.cancel()
            previous.promise.fail(TransportError(.ioError, "a newer read replaced this one"))
        }
        let id = ObjectIdentifier(promise.futureResult)
        let eventLoop = promise.futureResult.eventLoop
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let scheduled = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            bound.value.expire(id: id, timeout: timeout)
        }
        waiter = Waiter(id: id, maxCount: maxCount, promise: promise, timeout: scheduled)
    }

    func cancelRead(id: ObjectIdentifier) {
        guard let current = waiter, current.id == id else { return }
        waiter = nil
        current.timeout.cancel()
        current.promise.fail(CancellationError())
    }

    private func expire(id: ObjectIdentifier, timeout: Duration) {
        guard let current = waiter, current.id == id else { return }
        waiter = nil
        current.promise.fail(
            TransportError(.timeout, "the printer sent nothing back within \(timeout); it may not support this request")
        )
    }

    private func take(_ maxCount: Int) -> [UInt8] {
        let count = min(maxCount, received.count)
        let bytes = Array(received[0..<count])
        received.removeFirst(count)
        return bytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        received.append(contentsOf: buffer.readableBytesView)
        if let current = waiter {
            waiter = nil
            current.timeout.cancel()
            current.promise.succeed(take(current.maxCount))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        if let current = waiter, received.isEmpty {
            waiter = nil
            current.timeout.cancel()
            current.promise.fail(TransportError(.disconnected, "the printer closed the connection"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Hands the reply collector from the channel initializer to the connecting task.
private final class CollectorSlot: Sendable {
    private let slot = Mutex<NIOLoopBound<ReplyCollector>?>(nil)
    func set(_ value: NIOLoopBound<ReplyCollector>) { slot.withLock { $0 = value } }
    func get() -> NIOLoopBound<ReplyCollector>? { slot.withLock { $0 } }
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
