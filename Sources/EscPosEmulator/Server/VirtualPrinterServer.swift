public import EscPos
import EscPosImaging
import EscPosPrinting
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A network receipt printer on your machine: accepts ESC/POS jobs on a TCP port like a real printer on
/// port 9100, answers status requests, and keeps each job as bytes, a listing and a PNG of the page.
///
/// A job is everything sent on one connection, as on a real network printer, and jobs are printed one at
/// a time in the order their connections arrived. While one connection is served, up to
/// ``Configuration/maximumQueuedConnections`` more wait their turn; a waiting client is never reset, and
/// one beyond that is refused cleanly (its connection is closed at once, what it sent is dropped).
///
/// `DLE EOT n`, `GS a` (Automatic Status Back, sent at once and again whenever the condition changes),
/// `GS r` and `GS I` are answered at any time from the current ``PrinterCondition``: while the bytes
/// arrive, while the connection waits (for its first 64 KiB) and while another job renders, because
/// rendering runs on a thread of its own and never on the event loop. In a condition that stops a printer
/// (paper out, cover open, offline) the status replies say so and jobs are refused: nothing is printed or
/// written. A connection that sends only status requests is not a job.
///
/// No client holds the printer for long: a served connection that is silent for
/// ``Configuration/idleTimeout`` ends its job, and ``Configuration/jobTimeout`` bounds the whole job
/// (what arrived until then is printed, and ``Job/ending`` says why it ended).
///
/// The condition can be changed in code (``setCondition(_:)``) or over the optional control port, a line
/// protocol: `status`, `set paper-out on`, `set cover-open off`, `clear`; each answered by one line,
/// `ok paper-near-end=off paper-out=on cover-open=off offline=off jobs=2` or `error: …`.
///
/// ```swift
/// let server = try await VirtualPrinterServer.start(.init(port: 9100, outputDirectory: "jobs"))
/// try await server.run()   // until shutdown() or cancellation
/// ```
public final class VirtualPrinterServer: Sendable {
    /// Where and how the server listens, and what it emulates.
    public struct Configuration: Sendable {
        /// The address to listen on; the loopback address by default, so nothing outside the machine can print.
        public var host: String
        /// The printer port (9100 is the usual raw port); 0 picks a free one.
        public var port: Int
        /// The control port, or `nil` for none; 0 picks a free one.
        public var controlPort: Int?
        /// The printer model.
        public var profile: PrinterProfile
        /// Where each job's `job-NNNN.bin`, `.png`, `.listing.txt` and `.txt` go; `nil` keeps jobs in memory only.
        public var outputDirectory: String?
        /// The condition at start.
        public var condition: PrinterCondition
        /// How long the connection being served may stay silent before its job is taken as finished and the
        /// connection closed (30 s by default). A connection waiting its turn is not timed.
        public var idleTimeout: Duration
        /// How long one job may take to arrive, from the moment its connection is served (5 minutes by
        /// default); then the connection is closed and what arrived is printed, so a client trickling bytes
        /// cannot hold the printer.
        public var jobTimeout: Duration
        /// How many connections may wait while one is served (256 by default); a connection beyond that is
        /// refused: closed at once, without a reset.
        public var maximumQueuedConnections: Int
        /// How many jobs are kept, in ``VirtualPrinterServer/jobs`` and on disk (1000 by default): the files
        /// of older jobs are deleted, so a long-running printer's memory and folder stay bounded.
        public var keptJobCount: Int
        /// The most bytes kept from one job; the rest is counted but neither kept nor printed.
        public var maximumJobBytes: Int
        /// The renderer for printed jobs (its font and page-height limit).
        public var renderer: ReceiptRenderer
        /// Stop after this many printed jobs (for scripts that print once and look at the result); `nil` runs on.
        public var printedJobLimit: Int?
        /// Called on the rendering thread just before a job (by number) is rendered; tests hold a render with it.
        var willRender: (@Sendable (Int) -> Void)?
        /// Called on the rendering thread after each job is printed or refused and listed in ``jobs``, with
        /// its files written; the `escpos emulate` tool prints a line per job with it.
        public var didFinishJob: (@Sendable (Job) -> Void)?

        /// Creates a configuration.
        ///
        /// Timeouts below zero count as zero; counts below 1 as 1.
        public init(
            host: String = "127.0.0.1",
            port: Int = 9100,
            controlPort: Int? = nil,
            profile: PrinterProfile = .generic80mm,
            outputDirectory: String? = nil,
            condition: PrinterCondition = PrinterCondition(),
            idleTimeout: Duration = .seconds(30),
            jobTimeout: Duration = .seconds(300),
            maximumQueuedConnections: Int = 256,
            keptJobCount: Int = VirtualPrinterServer.keptJobCount,
            maximumJobBytes: Int = 16 << 20,
            renderer: ReceiptRenderer? = nil,
            printedJobLimit: Int? = nil
        ) {
            self.printedJobLimit = printedJobLimit
            self.host = host
            self.port = port
            self.controlPort = controlPort
            self.profile = profile
            self.outputDirectory = outputDirectory
            self.condition = condition
            self.idleTimeout = idleTimeout
            self.jobTimeout = jobTimeout
            self.maximumQueuedConnections = maximumQueuedConnections
            self.keptJobCount = keptJobCount
            self.maximumJobBytes = maximumJobBytes
            self.renderer = renderer ?? ReceiptRenderer(profile: profile)
        }
    }

    /// One job the server received.
    public struct Job: Sendable, Hashable {
        /// Why the printer stopped reading a job.
        public enum Ending: String, Sendable, Hashable, Codable {
            /// The client closed the connection (or its sending side): the usual end of a job.
            case closedByClient
            /// The connection was silent for ``Configuration/idleTimeout``.
            case idleTimeout
            /// The job took longer than ``Configuration/jobTimeout`` to arrive and was cut.
            case jobTimeout
            /// The connection failed (reset by the client, a network error).
            case connectionFailed
            /// The client asked for a process ID response (`GS ( H` function 48): everything before the
            /// request is one job, answered once it is printed; the connection stays open for the next.
            case processIDRequest
        }

        /// 1 for the first job, counting refused ones.
        public var number: Int
        /// How many bytes arrived.
        public var byteCount: Int
        /// Why it was not printed, or `nil` when it was.
        public var refusalReason: String?
        /// The plain-text rendering of what was printed (see ``RenderedReceipt/text``); empty when refused.
        public var text: String
        /// The files written for it.
        public var files: [String]
        /// The renderer's notes.
        public var notes: [EmulatorNote]
        /// Why the printer stopped reading it.
        public var ending: Ending
    }

    /// The configuration the server runs with.
    public let configuration: Configuration
    /// The port the printer listens on (useful when the configuration asked for 0).
    public let port: Int
    /// The control port, when there is one.
    public let controlPort: Int?

    private let mechanism: PrinterMechanism
    private let queue: NIOLoopBound<PrintJobQueue>
    private let eventLoop: any EventLoop
    private let printerChannel: any Channel
    private let stopped: EventLoopFuture<Void>
    private let controlChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?

    private init(
        configuration: Configuration,
        mechanism: PrinterMechanism,
        queue: NIOLoopBound<PrintJobQueue>,
        eventLoop: any EventLoop,
        printerChannel: any Channel,
        stopped: EventLoopFuture<Void>,
        controlChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?
    ) {
        self.configuration = configuration
        self.mechanism = mechanism
        self.queue = queue
        self.eventLoop = eventLoop
        self.printerChannel = printerChannel
        self.stopped = stopped
        self.controlChannel = controlChannel
        self.port = printerChannel.localAddress?.port ?? configuration.port
        self.controlPort = controlChannel?.channel.localAddress?.port
    }

    /// Opens the listening sockets and starts taking jobs; call ``run()`` to wait until the server stops.
    ///
    /// - Parameter configuration: Addresses, model, output directory, timeouts and initial condition.
    /// - Returns: A server whose ports are open.
    /// - Throws: NIO's `IOError` when a port cannot be opened (in use, or below 1024 without privileges);
    ///   `CocoaError` when the output directory cannot be created.
    public static func start(_ configuration: Configuration) async throws -> VirtualPrinterServer {
        var configuration = configuration
        configuration.maximumQueuedConnections = max(1, configuration.maximumQueuedConnections)
        configuration.keptJobCount = max(1, configuration.keptJobCount)
        configuration.maximumJobBytes = max(0, configuration.maximumJobBytes)
        if let directory = configuration.outputDirectory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let mechanism = PrinterMechanism(configuration: configuration)
        // One event loop for the listener and every connection: connections are admitted in accept order,
        // and nothing on it blocks (rendering runs on the queue's own thread).
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let queue = try await loop.submit {
            NIOLoopBound(PrintJobQueue(eventLoop: loop, mechanism: mechanism), eventLoop: loop)
        }.get()
        let printer: any Channel
        do {
            printer = try await bind(configuration, queue: queue, mechanism: mechanism, on: loop)
        } catch {
            loop.execute { queue.value.stop() }  // ends the rendering thread
            throw error
        }
        let stopped = try await loop.submit {
            queue.value.listener = printer
            return queue.value.stopped.futureResult
        }.get()
        // A listener that closes for any reason stops the queue.
        printer.closeFuture.whenComplete { _ in loop.execute { queue.value.stop() } }
        var control: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?
        if let controlPort = configuration.controlPort {
            do {
                control = try await listenForControl(host: configuration.host, port: controlPort)
            } catch {
                try? await printer.close()
                throw error
            }
        }
        return VirtualPrinterServer(
            configuration: configuration,
            mechanism: mechanism,
            queue: queue,
            eventLoop: loop,
            printerChannel: printer,
            stopped: stopped,
            controlChannel: control
        )
    }

    /// Opens the printer port; every connection gets a ``PrintJobConnection`` in the queue.
    private static func bind(
        _ configuration: Configuration,
        queue: NIOLoopBound<PrintJobQueue>,
        mechanism: PrinterMechanism,
        on loop: any EventLoop
    ) async throws -> any Channel {
        let backlog = Int32(clamping: min(4096, max(128, configuration.maximumQueuedConnections + 16)))
        return try await ServerBootstrap(group: loop)
            .serverChannelOption(.backlog, value: backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let connection = PrintJobConnection(queue: queue.value, mechanism: mechanism)
                    try channel.pipeline.syncOperations.addHandler(connection)
                }
            }
            .bind(host: configuration.host, port: configuration.port).get()
    }

    private static func listenForControl(
        host: String,
        port: Int
    ) async throws -> NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never> {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton.next())
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: .seconds(300)))
                    try channel.pipeline.syncOperations.addHandler(CloseOnIdleHandler())
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Serves control connections and waits until the server stops: ``shutdown()``, cancellation, or
    /// ``Configuration/printedJobLimit`` printed jobs. Jobs are taken from ``start(_:)`` on.
    ///
    /// - Throws: NIO's `IOError` when accepting control connections fails.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withThrowingDiscardingTaskGroup { group in
                if controlChannel != nil {
                    group.addTask { try await self.serveControl() }
                }
                try await stopped.get()
                try? await controlChannel?.channel.close()
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Stops taking jobs and closes the listening sockets; ``run()`` returns once the job being printed is
    /// finished. Connections not yet printed are closed.
    public func shutdown() async {
        stop()
        try? await printerChannel.closeFuture.get()
        try? await controlChannel?.channel.close()
    }

    private func stop() {
        let queue = self.queue
        eventLoop.execute { queue.value.stop() }
    }

    /// The current condition.
    public var condition: PrinterCondition {
        mechanism.condition
    }

    /// Changes the condition; every client that enabled Automatic Status Back is sent the new status.
    public func setCondition(_ condition: PrinterCondition) {
        guard mechanism.setCondition(condition) else { return }
        let queue = self.queue
        let message = condition.status.automaticStatusBackBlock
        eventLoop.execute { queue.value.broadcast(message) }
    }

    /// How many jobs ``jobs`` keeps by default (``Configuration/keptJobCount``).
    public static let keptJobCount = 1000

    /// The jobs received so far, oldest first (the last ``Configuration/keptJobCount``).
    public var jobs: [Job] {
        mechanism.jobs
    }

    // MARK: Control port

    private func serveControl() async throws {
        guard let controlChannel else { return }
        try await controlChannel.executeThenClose { connections in
            for try await connection in connections {
                try? await connection.executeThenClose { inbound, outbound in
                    var pending: [UInt8] = []
                    for try await buffer in inbound {
                        pending.append(contentsOf: buffer.readableBytesView)
                        guard pending.count < 4096 else { return }
                        while let newline = pending.firstIndex(of: 0x0A) {
                            let line = String(decoding: pending[..<newline], as: UTF8.self)
                            pending.removeSubrange(...newline)
                            try await outbound.write(ByteBuffer(string: controlReply(to: line) + "\n"))
                        }
                    }
                }
            }
        }
    }

    /// Runs one control-port command and returns its reply line.
    func controlReply(to line: String) -> String {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map { $0.lowercased() }
        var condition = self.condition
        switch words.first {
        case "status"?:
            break
        case "clear"?:
            condition = PrinterCondition()
        case "set"? where words.count == 3 && (words[2] == "on" || words[2] == "off"):
            guard condition.set(words[1], to: words[2] == "on") else {
                return
                    "error: unknown setting \(words[1]); use one of \(PrinterCondition.settingNames.joined(separator: ", "))"
            }
        default:
            return "error: unknown command; use `status`, `clear` or `set NAME on|off` with NAME one of "
                + PrinterCondition.settingNames.joined(separator: ", ")
        }
        setCondition(condition)
        return "ok \(condition.summary) jobs=\(mechanism.jobCount)"
    }
}

/// Closes a connection that has been silent for the idle timeout, ending its job.
private final class CloseOnIdleHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
