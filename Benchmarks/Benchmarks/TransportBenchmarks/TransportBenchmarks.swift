import Benchmark
import EscPosTransports
import NIOCore
import NIOPosix
import Synchronization

/// Transport benchmarks (issue 5), against a discarding listener on loopback in this process.
/// Quote medians: throughput in MB/s = 1.048576 / median seconds of the 1 MiB job.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5),
        maxIterations: 2000
    )

    let mebibyte = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let kilobyte = Array(mebibyte[0..<1024])

    Benchmark(
        "TCP 1 MiB job on an open connection",
        closure: { benchmark async throws in
            let transport = try await Fixture.connection()
            for _ in benchmark.scaledIterations {
                try await transport.write(mebibyte)
            }
        },
        setup: { try await Fixture.start() },
        teardown: { await Fixture.stop() }
    )

    Benchmark(
        "TCP 1 KB job: connect, send, close",
        closure: { benchmark async throws in
            let port = try await Fixture.sinkPort()
            for _ in benchmark.scaledIterations {
                let transport = try await TCPTransport.connect(host: "127.0.0.1", port: port)
                try await transport.write(kilobyte)
                await transport.close()
            }
        },
        setup: { try await Fixture.start() },
        teardown: { await Fixture.stop() }
    )
}

/// The loopback sink and one open connection to it, shared by the iterations of a benchmark.
enum Fixture {
    private struct State: @unchecked Sendable {
        var sink: (any Channel)?
        var transport: TCPTransport?
    }

    private static let state = Mutex(State())

    static func start() async throws {
        let sink = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Discard()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = sink.localAddress?.port ?? 0
        let transport = try await TCPTransport.connect(host: "127.0.0.1", port: port)
        state.withLock { $0 = State(sink: sink, transport: transport) }
    }

    static func stop() async {
        let old = state.withLock { state -> State in
            defer { state = State() }
            return state
        }
        await old.transport?.close()
        try? await old.sink?.close()
    }

    static func connection() async throws -> TCPTransport {
        guard let transport = state.withLock({ $0.transport }) else { throw FixtureError() }
        return transport
    }

    static func sinkPort() async throws -> Int {
        guard let port = state.withLock({ $0.sink?.localAddress?.port }) else { throw FixtureError() }
        return port
    }
}

struct FixtureError: Error {}

/// Reads and drops everything, like a printer with an infinite buffer.
final class Discard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
