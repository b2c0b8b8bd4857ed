import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A real TCP listener on 127.0.0.1 that behaves like a network receipt printer on port 9100: it
/// records every byte it receives and answers real-time status requests (`DLE EOT n`) with the
/// status bytes it was given.
final class FakeNetworkPrinter: Sendable {
    /// The `DLE EOT n` reply bytes: bit pattern 0xx1xx10, with the condition bits set as requested.
    struct StatusReplies: Sendable {
        var printer: UInt8 = 0x12
        var offlineCause: UInt8 = 0x12
        var errorCause: UInt8 = 0x12
        var paperSensor: UInt8 = 0x12
        /// When set, every `DLE EOT n` is answered with these bytes instead: a device that answers noise.
        var noise: [UInt8]?

        static let ready = StatusReplies()
        /// Paper out: paper-sensor bits 5 and 6 set, and the printer offline because of it.
        static let paperOut = StatusReplies(printer: 0x1A, offlineCause: 0x32, paperSensor: 0x72)

        func replies(to request: UInt8) -> [UInt8] {
            noise ?? reply(to: request).map { [$0] } ?? []
        }

        func reply(to request: UInt8) -> UInt8? {
            switch request {
            case 1: return printer
            case 2: return offlineCause
            case 3: return errorCause
            case 4: return paperSensor
            default: return nil
            }
        }
    }

    private let received = NIOLockedValueBox<[UInt8]>([])
    private let channel: any Channel
    let port: Int

    /// - Parameters:
    ///   - replies: What it answers to status requests.
    ///   - reads: `false` for a printer that accepts the connection but never reads a byte.
    init(replies: StatusReplies, reads: Bool = true) async throws {
        let received = self.received
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: reads)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(replies: replies, received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// Everything received so far, status requests included.
    var bytes: [UInt8] { received.withLockedValue { $0 } }

    /// What was received apart from status requests: the print job.
    var job: [UInt8] {
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

    func stop() async {
        try? await channel.close()
    }

    private final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let replies: StatusReplies
        let received: NIOLockedValueBox<[UInt8]>

        init(replies: StatusReplies, received: NIOLockedValueBox<[UInt8]>) {
            self.replies = replies
            self.received = received
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = Array(buffer: unwrapInboundIn(data))
            let all = received.withLockedValue { value -> [UInt8] in
                value += bytes
                return value
            }
            // Answer each DLE EOT n that ends in this read.
            let start = all.count - bytes.count
            for index in max(0, start - 2)..<max(0, all.count - 2)
            where all[index] == 0x10 && all[index + 1] == 0x04 && index + 2 >= start {
                let reply = replies.replies(to: all[index + 2])
                if !reply.isEmpty {
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: reply)), promise: nil)
                }
            }
        }
    }
}
