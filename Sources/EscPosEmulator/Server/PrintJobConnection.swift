import EscPos
import NIOCore

/// One client connection to the virtual printer: answers its status requests as they arrive and
/// collects its job, on the server's event loop.
///
/// A connection first waits in the ``PrintJobQueue``: it is read up to ``waitingReadLimit`` bytes, so its
/// status requests are answered at once, then TCP flow control holds the client until its turn (it is
/// never reset while it waits). Once served, everything it sends is the job (kept up to
/// ``VirtualPrinterServer/Configuration/maximumJobBytes``) until the client closes, the connection has
/// been silent for the idle timeout, or the job timeout runs out. Reading also pauses while the client
/// does not read its replies, so the replies waiting to be sent stay bounded.
final class PrintJobConnection: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How much of a waiting connection is read before its turn.
    static let waitingReadLimit = 64 * 1024
    /// How long a refused connection is drained before it is closed.
    static let refusalDrainTime = TimeAmount.seconds(1)

    private enum Phase {
        case waiting, active, finished, refused
    }

    private let queue: PrintJobQueue
    private let mechanism: PrinterMechanism
    private var context: ChannelHandlerContext?
    private var phase = Phase.waiting
    private var scanner = StatusRequestScanner()
    private var bytes: [UInt8] = []
    private var byteCount = 0
    private var inputEnded = false
    private var failed = false
    private var needsFlush = false
    private var statusBackEnabled = false
    private var lastRead = NIODeadline.now()
    private var idleTimer: Scheduled<Void>?
    private var jobTimer: Scheduled<Void>?

    init(queue: PrintJobQueue, mechanism: PrinterMechanism) {
        self.queue = queue
        self.mechanism = mechanism
    }

    private var configuration: VirtualPrinterServer.Configuration { mechanism.configuration }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        if queue.admit(self) {
            readMore()
        } else {
            refuse(context)
        }
        context.fireChannelActive()
    }

    // MARK: Reading

    private var wantsData: Bool {
        switch phase {
        case .active, .refused: return true
        case .waiting: return bytes.count < Self.waitingReadLimit
        case .finished: return false
        }
    }

    /// Asks for more bytes (the channel does not read by itself) when this connection wants them and its
    /// replies are being taken.
    private func readMore() {
        guard let context, wantsData, !inputEnded else { return }
        guard phase == .refused || context.channel.isWritable else { return }
        context.read()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard phase == .waiting || phase == .active else { return }
        let buffer = unwrapInboundIn(data)
        lastRead = .now()
        byteCount += buffer.readableBytes
        let room = configuration.maximumJobBytes - bytes.count
        if room > 0 { bytes.append(contentsOf: buffer.readableBytesView.prefix(room)) }
        let requests = buffer.withUnsafeReadableBytes { scanner.scan($0) }
        for request in requests {
            if case .automaticStatusBack(let events) = request { statusBackEnabled = events != 0 }
            if let id = PrinterMechanism.processID(in: request), phase == .active {
                // The job so far (this read may hold bytes after the request: they start the next job, but
                // are few, and a client waits for the answer before sending more) is printed, then answered.
                let job = ReceivedJob(bytes: bytes, byteCount: byteCount, ending: .processIDRequest)
                bytes = []
                byteCount = 0
                queue.print(job, answering: id, on: self)
                continue
            }
            if let reply = mechanism.reply(to: request) {
                context.write(wrapOutboundOut(ByteBuffer(bytes: reply)), promise: nil)
                needsFlush = true
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        readMore()
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        readMore()
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputEnded = true
            switch phase {
            case .active: end(.closedByClient)
            case .refused: context.close(promise: nil)
            case .waiting, .finished: break
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        inputEnded = true
        if phase == .active { end(failed ? .connectionFailed : .closedByClient) }
        // A waiting connection that went away keeps its place: what it sent is its job.
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failed = true
        context.close(promise: nil)
    }

    // MARK: Turns

    /// Starts serving this connection's job: from now on the idle and job timeouts run.
    func activate() {
        guard phase == .waiting else { return }
        phase = .active
        let loop = queue.eventLoop.assumeIsolated()
        // A client that closed while it waited (its channel, and so `context`, may be gone) sent its whole job.
        guard !inputEnded, context != nil else {
            loop.execute { self.end(self.failed ? .connectionFailed : .closedByClient) }
            return
        }
        jobTimer = loop.scheduleTask(in: TimeAmount(configuration.jobTimeout)) { self.end(.jobTimeout) }
        lastRead = .now()
        armIdleTimer()
        readMore()
    }

    private func armIdleTimer() {
        guard let context else { return }
        let deadline = lastRead + TimeAmount(configuration.idleTimeout)
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            if NIODeadline.now() >= self.lastRead + TimeAmount(self.configuration.idleTimeout) {
                self.end(.idleTimeout)
            } else {
                self.armIdleTimer()
            }
        }
    }

    private func cancelTimers() {
        idleTimer?.cancel()
        jobTimer?.cancel()
        idleTimer = nil
        jobTimer = nil
    }

    /// Ends the job: closes the connection and hands what arrived to the queue.
    private func end(_ ending: VirtualPrinterServer.Job.Ending) {
        guard phase == .active else { return }
        phase = .finished
        cancelTimers()
        let job = ReceivedJob(bytes: bytes, byteCount: byteCount, ending: ending)
        bytes = []
        if let context {
            context.flush()
            context.close(promise: nil)
        }
        queue.finished(self, job: job)
    }

    /// Closes the connection without a job (the server is stopping).
    func abandon() {
        guard phase == .waiting || phase == .active else { return }
        phase = .finished
        cancelTimers()
        bytes = []
        context?.close(promise: nil)
    }

    /// Refuses the connection cleanly: the client reads the end of the stream at once; what it sends is
    /// read and dropped (so closing never resets it) until it closes or ``refusalDrainTime`` passed.
    private func refuse(_ context: ChannelHandlerContext) {
        phase = .refused
        context.close(mode: .output, promise: nil)
        jobTimer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.refusalDrainTime) {
            self.context?.close(promise: nil)
        }
        readMore()
    }

    /// Sends an Automatic Status Back message when this client enabled it with `GS a`.
    /// Sends the process ID response for a job of this connection that was printed.
    func sendProcessIDResponse(_ id: [UInt8]) {
        guard phase == .active || phase == .waiting, let context else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: StatusCommands.processIDResponse(id))), promise: nil)
    }

    func sendStatusBack(_ message: [UInt8]) {
        guard statusBackEnabled, phase == .waiting || phase == .active, let context else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: message)), promise: nil)
    }
}

extension TimeAmount {
    /// The same span in NIO's nanoseconds, at most about a century (so a deadline this far ahead cannot
    /// overflow) and at least zero.
    init(_ duration: Duration) {
        let century: Int64 = 100 * 365 * 86_400
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else {
            self = .zero
            return
        }
        guard seconds < century else {
            self = .seconds(century)
            return
        }
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
