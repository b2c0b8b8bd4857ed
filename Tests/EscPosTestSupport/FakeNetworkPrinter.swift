import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw-port (9100) network printer on 127.0.0.1 for tests: a real TCP listener that records the bytes of
/// every connection and answers `DLE EOT n` and `GS I n` the way an ESC/POS printer does.
///
/// The CLI tests point `escpos` at it, the transport tests point `TCPTransport` and a private CUPS queue at it.
///
/// ```swift
/// let printer = try await FakeNetworkPrinter.start(replies: .paperOut)
/// defer { Task { await printer.stop() } }
/// // … print to printer.uri …
/// #expect(try await printer.waitForClosedConnections(1) == [expected])
/// ```
public final class FakeNetworkPrinter: Sendable {
    /// How the printer treats a connection.
    public enum Behaviour: Sendable {
        /// Read everything and answer status and identity requests.
        case normal
        /// Accept the connection but never read from it, with a small receive buffer so a writer stalls soon.
        case neverRead
        /// Read this many bytes, then reset the connection (RST).
        case resetAfter(Int)
    }

    /// The `DLE EOT n` replies: bit pattern `0xx1xx10`, with the condition bits set as requested.
    public struct StatusReplies: Sendable {
        /// `DLE EOT 1`: printer status.
        public var printer: UInt8 = 0x12
        /// `DLE EOT 2`: offline cause.
        public var offlineCause: UInt8 = 0x12
        /// `DLE EOT 3`: error cause.
        public var errorCause: UInt8 = 0x12
        /// `DLE EOT 4`: roll paper sensor.
        public var paperSensor: UInt8 = 0x12
        /// When set, every `DLE EOT n` is answered with these bytes instead: a device that answers noise.
        public var noise: [UInt8]?

        /// Online, cover closed, paper present, no error.
        public static let ready = StatusReplies()
        /// Paper out: paper-sensor bits 5 and 6 set, and the printer offline because of it.
        public static let paperOut = StatusReplies(printer: 0x1A, offlineCause: 0x32, paperSensor: 0x72)

        /// Creates replies with the given status bytes.
        public init(
            printer: UInt8 = 0x12,
            offlineCause: UInt8 = 0x12,
            errorCause: UInt8 = 0x12,
            paperSensor: UInt8 = 0x12,
            noise: [UInt8]? = nil
        ) {
            self.printer = printer
            self.offlineCause = offlineCause
            self.errorCause = errorCause
            self.paperSensor = paperSensor
            self.noise = noise
        }

        fileprivate var byRequest: [UInt8: [UInt8]] {
            [1: [printer], 2: [offlineCause], 3: [errorCause], 4: [paperSensor]]
        }
    }

    /// What the printer has seen and how it answers; changed by the test, read by the connection handlers.
    struct State {
        var connections: [[UInt8]] = []
        var closedConnections = 0
        var statusReplies: [UInt8: [UInt8]]
        var noise: [UInt8]?
        var unsolicitedReply: [UInt8] = []
        /// Answers to `GS I n` (`1D 49 n`), sent as information blocks `5F text 00`.
        var identity: [UInt8: String] = [:]

        func replies(toStatusRequest n: UInt8) -> [UInt8] {
            unsolicitedReply + (noise ?? statusReplies[n] ?? [])
        }
    }

    /// The loopback port the printer listens on.
    public let port: Int
    private let channel: any Channel
    private let box: StateBox

    private init(channel: any Channel, box: StateBox) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.box = box
    }

    /// Starts listening on a free loopback port.
    ///
    /// - Parameters:
    ///   - behaviour: How connections are treated; ``Behaviour/normal`` unless a test needs a stalled or
    ///     failing peer.
    ///   - replies: What status requests are answered with; change them later with ``setStatus(_:_:)``.
    public static func start(
        _ behaviour: Behaviour = .normal,
        replies: StatusReplies = .ready
    ) async throws -> FakeNetworkPrinter {
        let box = StateBox(State(statusReplies: replies.byRequest, noise: replies.noise))
        let reads: Bool
        if case .neverRead = behaviour { reads = false } else { reads = true }
        var bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: reads)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(box: box, behaviour: behaviour))
                }
            }
        if !reads {
            bootstrap = bootstrap.serverChannelOption(.socketOption(.so_rcvbuf), value: 4096)
        }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        return FakeNetworkPrinter(channel: channel, box: box)
    }

    /// `tcp://127.0.0.1:<port>`, a printer URI for the transports and the CLI.
    public var uri: String { "tcp://127.0.0.1:\(port)" }

    /// Stops listening; open connections are closed with it.
    public func stop() async {
        try? await channel.close()
    }

    /// Answers `DLE EOT n` with `reply` from now on (an empty reply leaves the request unanswered).
    public func setStatus(_ n: UInt8, _ reply: [UInt8]) {
        box.state.withLock { $0.statusReplies[n] = reply }
    }

    /// Sends `bytes` before each status answer (an Automatic Status Back block, for instance).
    public func setUnsolicitedReply(_ bytes: [UInt8]) {
        box.state.withLock { $0.unsolicitedReply = bytes }
    }

    /// Answers `GS I n` with the information block for `text`.
    public func setIdentity(_ n: UInt8, _ text: String) {
        box.state.withLock { $0.identity[n] = text }
    }

    /// The bytes received on each connection so far, in the order the connections were accepted.
    public var connections: [[UInt8]] { box.state.withLock { $0.connections } }

    /// How many connections the client has closed so far.
    public var closedConnections: Int { box.state.withLock { $0.closedConnections } }

    /// Everything received so far on all connections, status requests included.
    public var bytes: [UInt8] { connections.flatMap { $0 } }

    /// What was received apart from status requests (`DLE EOT n`): the print job.
    public var job: [UInt8] {
        var job: [UInt8] = []
        var index = 0
        let bytes = bytes
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == 0x10, bytes[index + 1] == 0x04 {
                index += 3
            } else {
                job.append(bytes[index])
                index += 1
            }
        }
        return job
    }

    /// Waits (up to 10 s) until the client has closed `count` connections, then returns ``connections``.
    public func waitForClosedConnections(_ count: Int) async throws -> [[UInt8]] {
        for _ in 0..<1000 {
            let (closed, connections) = box.state.withLock { ($0.closedConnections, $0.connections) }
            if closed >= count { return connections }
            try await Task.sleep(for: .milliseconds(10))
        }
        return connections
    }
}

/// The printer's state, shared by reference between the printer and the handlers of its connections.
private final class StateBox: Sendable {
    let state: Mutex<FakeNetworkPrinter.State>

    init(_ state: FakeNetworkPrinter.State) {
        self.state = Mutex(state)
    }
}

/// One connection: records what arrives and answers the requests that end in each read.
private final class Handler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let box: StateBox
    private let behaviour: FakeNetworkPrinter.Behaviour
    private var index = -1
    private var received = 0
    /// The last bytes of the previous read, so a request split across reads is still answered.
    private var tail: [UInt8] = []

    init(box: StateBox, behaviour: FakeNetworkPrinter.Behaviour) {
        self.box = box
        self.behaviour = behaviour
    }

    func channelActive(context: ChannelHandlerContext) {
        index = box.state.withLock { state in
            state.connections.append([])
            return state.connections.count - 1
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        received += bytes.count
        let index = self.index
        box.state.withLock { $0.connections[index].append(contentsOf: bytes) }
        if case .resetAfter(let limit) = behaviour, received >= limit {
            let channel = context.channel
            if let provider = channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
            return
        }
        let stream = tail + bytes
        var reply: [UInt8] = []
        var position = 0
        while position + 2 < stream.count {
            let n = stream[position + 2]
            if stream[position] == 0x1D && stream[position + 1] == 0x49 {
                if let text = box.state.withLock({ $0.identity[n] }) {
                    reply += [0x5F] + Array(text.utf8) + [0x00]
                }
                position += 3
            } else if stream[position] == 0x10 && stream[position + 1] == 0x04 {
                reply += box.state.withLock { $0.replies(toStatusRequest: n) }
                position += 3
            } else {
                position += 1
            }
        }
        tail = Array(stream[position...].suffix(2))
        if !reply.isEmpty {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply)), promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        box.state.withLock { $0.closedConnections += 1 }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
