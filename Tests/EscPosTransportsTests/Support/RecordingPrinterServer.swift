import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A fake raw-port (9100) printer on loopback: records every connection's bytes and answers
/// `DLE EOT n` with programmable status bytes, like a real ESC/POS network printer.
final class RecordingPrinterServer: Sendable {
    enum Behaviour: Sendable {
        /// Read everything, answer status requests.
        case normal
        /// Accept the connection but never read from it.
        case neverRead
        /// Read this many bytes, then reset the connection (RST).
        case resetAfter(Int)
    }

    struct State {
        var connections: [[UInt8]] = []
        var closedConnections = 0
        var statusReplies: [UInt8: [UInt8]] = [1: [0x16], 2: [0x12], 3: [0x12], 4: [0x12]]
        var extraReplyBeforeStatus: [UInt8] = []
        /// Answers to `GS I n` (`1D 49 n`), sent as information blocks `5F text 00`.
        var identity: [UInt8: String] = [:]
    }

    let port: Int
    private let channel: any Channel
    let state: Mutex<State>

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.state = Mutex(State())
    }

    static func start(_ behaviour: Behaviour = .normal) async throws -> RecordingPrinterServer {
        let box = StateBox()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(
                .autoRead,
                value: {
                    if case .neverRead = behaviour { return false }
                    return true
                }()
            )
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(box: box, behaviour: behaviour))
                }
            }
        if case .neverRead = behaviour {
            _ = bootstrap.serverChannelOption(.socketOption(.so_rcvbuf), value: 4096)
        }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        let server = RecordingPrinterServer(channel: channel)
        box.server.withLock { $0 = server }
        return server
    }

    var uri: String { "tcp://127.0.0.1:\(port)" }

    func stop() async {
        try? await channel.close()
    }

    func setStatus(_ n: UInt8, _ reply: [UInt8]) {
        state.withLock { $0.statusReplies[n] = reply }
    }

    /// Bytes sent before each status answer (an Automatic Status Back block, for instance).
    func setUnsolicitedReply(_ bytes: [UInt8]) {
        state.withLock { $0.extraReplyBeforeStatus = bytes }
    }

    func setIdentity(_ n: UInt8, _ text: String) {
        state.withLock { $0.identity[n] = text }
    }

    var connections: [[UInt8]] { state.withLock { $0.connections } }

    /// Waits (up to 10 s) until `count` connections have been closed by the client.
    func waitForClosedConnections(_ count: Int) async throws -> [[UInt8]] {
        for _ in 0..<1000 {
            let (closed, connections) = state.withLock { ($0.closedConnections, $0.connections) }
            if closed >= count { return connections }
            try await Task.sleep(for: .milliseconds(10))
        }
        return connections
    }
}

final class StateBox: Sendable {
    let server = Mutex<RecordingPrinterServer?>(nil)
    func withState<T>(_ body: (inout RecordingPrinterServer.State) -> T) -> T? {
        guard let server = server.withLock({ $0 }) else { return nil }
        return server.state.withLock { body(&$0) }
    }
}

final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let box: StateBox
    private let behaviour: RecordingPrinterServer.Behaviour
    private var index = -1
    private var received = 0
    private var tail: [UInt8] = []

    init(box: StateBox, behaviour: RecordingPrinterServer.Behaviour) {
        self.box = box
        self.behaviour = behaviour
    }

    func channelActive(context: ChannelHandlerContext) {
        index =
            box.withState { state in
                state.connections.append([])
                return state.connections.count - 1
            } ?? -1
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        received += bytes.count
        let index = self.index
        box.withState { $0.connections[index].append(contentsOf: bytes) }
        if case .resetAfter(let limit) = behaviour, received >= limit {
            let channel = context.channel
            if let provider = channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
            return
        }
        // Answer DLE EOT n (10 04 n), also when split across reads.
        let stream = tail + bytes
        var reply: [UInt8] = []
        var position = 0
        while position + 2 < stream.count {
            if stream[position] == 0x1D && stream[position + 1] == 0x49 {
                let n = stream[position + 2]
                if let text = box.withState({ $0.identity[n] }) ?? nil {
                    reply += [0x5F] + Array(text.utf8) + [0x00]
                }
                position += 3
            } else if stream[position] == 0x10 && stream[position + 1] == 0x04 {
                let n = stream[position + 2]
                let answer =
                    box.withState { state in state.extraReplyBeforeStatus + (state.statusReplies[n] ?? []) } ?? []
                reply += answer
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
        box.withState { $0.closedConnections += 1 }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
