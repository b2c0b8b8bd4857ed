public import EscPos
import EscPosImaging
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A network receipt printer on your machine: accepts ESC/POS jobs on a TCP port like a real printer on
/// port 9100, answers status requests, and keeps each job as bytes, a listing and a PNG of the page.
///
/// One connection is served at a time and a job is everything sent on one connection, as on a real
/// network printer. `DLE EOT n`, `GS a` (Automatic Status Back, sent at once and again whenever the
/// condition changes), `GS r` and `GS I` are answered while the bytes arrive, from the current
/// ``PrinterCondition``. In a condition that stops a printer (paper out, cover open, offline) the status
/// replies say so and jobs are refused: nothing is printed or written. A connection that sends only status
/// requests is not a job.
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
        /// How long a connection may stay silent before the job is taken as finished and the connection closed.
        public var idleTimeout: Duration
        /// The most bytes kept from one job; the rest is counted but neither kept nor printed.
        public var maximumJobBytes: Int
        /// The renderer for printed jobs (its font and page-height limit).
        public var renderer: ReceiptRenderer
        /// Stop after this many printed jobs (for scripts that print once and look at the result); `nil` runs on.
        public var printedJobLimit: Int?

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", port: Int = 9100, controlPort: Int? = nil, profile: PrinterProfile = .generic80mm,
            outputDirectory: String? = nil, condition: PrinterCondition = PrinterCondition(),
            idleTimeout: Duration = .seconds(30), maximumJobBytes: Int = 16 << 20, renderer: ReceiptRenderer? = nil,
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
            self.maximumJobBytes = maximumJobBytes
            self.renderer = renderer ?? ReceiptRenderer(profile: profile)
        }
    }

    /// One job the server received.
    public struct Job: Sendable, Hashable {
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
    }

    private struct State {
        var condition: PrinterCondition
        var jobs: [Job] = []
        var jobCount = 0
        var printedJobCount = 0
        var statusBackEnabled = false
        var currentOutbound: NIOAsyncChannelOutboundWriter<ByteBuffer>?
    }

    /// The configuration the server runs with.
    public let configuration: Configuration
    /// The port the printer listens on (useful when the configuration asked for 0).
    public let port: Int
    /// The control port, when there is one.
    public let controlPort: Int?

    private let state: NIOLockedValueBox<State>
    private let printerChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let controlChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?

    private init(
        configuration: Configuration, printerChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>,
        controlChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?
    ) {
        self.configuration = configuration
        self.printerChannel = printerChannel
        self.controlChannel = controlChannel
        self.port = printerChannel.channel.localAddress?.port ?? configuration.port
        self.controlPort = controlChannel?.channel.localAddress?.port
        self.state = NIOLockedValueBox(State(condition: configuration.condition))
    }

    /// Opens the listening sockets; call ``run()`` to serve.
    ///
    /// - Parameter configuration: Addresses, model, output directory and initial condition.
    /// - Returns: A server whose ports are open.
    /// - Throws: NIO's `IOError` when a port cannot be opened (in use, or below 1024 without privileges);
    ///   `CocoaError` when the output directory cannot be created.
    public static func start(_ configuration: Configuration) async throws -> VirtualPrinterServer {
        if let directory = configuration.outputDirectory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let printer = try await listen(host: configuration.host, port: configuration.port, idleTimeout: configuration.idleTimeout)
        var control: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?
        if let controlPort = configuration.controlPort {
            do {
                control = try await listen(host: configuration.host, port: controlPort, idleTimeout: .seconds(300))
            } catch {
                try? await printer.channel.close()
                throw error
            }
        }
        return VirtualPrinterServer(configuration: configuration, printerChannel: printer, controlChannel: control)
    }

    private static func listen(
        host: String, port: Int, idleTimeout: Duration
    ) async throws -> NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never> {
        let idle = TimeAmount.nanoseconds(
            idleTimeout.components.seconds * 1_000_000_000 + idleTimeout.components.attoseconds / 1_000_000_000)
        // One event loop for the listener and every connection: child channels initialised on different
        // loops could reach the job queue out of accept order, and a printer serves one job at a time anyway.
        return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton.next())
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idle))
                    try channel.pipeline.syncOperations.addHandler(CloseOnIdleHandler())
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Serves jobs (and control connections) until ``shutdown()`` is called, the task is cancelled or
    /// ``Configuration/printedJobLimit`` jobs were printed.
    ///
    /// - Throws: NIO's `IOError` when accepting connections fails.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await self.servePrinter() }
                if controlChannel != nil {
                    group.addTask { try await self.serveControl() }
                }
            }
        } onCancel: {
            self.printerChannel.channel.close(promise: nil)
            self.controlChannel?.channel.close(promise: nil)
        }
    }

    /// Closes the listening sockets; ``run()`` returns once the current job is finished.
    public func shutdown() async {
        try? await printerChannel.channel.close()
        try? await controlChannel?.channel.close()
    }

    /// The current condition.
    public var condition: PrinterCondition {
        state.withLockedValue { $0.condition }
    }

    /// Changes the condition; a client that enabled Automatic Status Back is sent the new status.
    public func setCondition(_ condition: PrinterCondition) {
        let writer = state.withLockedValue { state -> NIOAsyncChannelOutboundWriter<ByteBuffer>? in
            let changed = state.condition != condition
            state.condition = condition
            return changed && state.statusBackEnabled ? state.currentOutbound : nil
        }
        if let writer {
            Task { try? await writer.write(ByteBuffer(bytes: condition.automaticStatusBack)) }
        }
    }

    /// How many jobs ``jobs`` keeps, so a long-running server's memory stays bounded.
    public static let keptJobCount = 1000

    /// The jobs received so far, oldest first (the last ``keptJobCount``).
    public var jobs: [Job] {
        state.withLockedValue { $0.jobs }
    }

    private var printedJobCount: Int {
        state.withLockedValue { $0.printedJobCount }
    }

    // MARK: Printer port

    private func servePrinter() async throws {
        try await printerChannel.executeThenClose { connections in
            for try await connection in connections {
                await serveJob(connection)
                if let limit = configuration.printedJobLimit, printedJobCount >= limit {
                    controlChannel?.channel.close(promise: nil)
                    return
                }
            }
        }
    }

    private func serveJob(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        var bytes: [UInt8] = []
        var received = 0
        do {
            try await connection.executeThenClose { inbound, outbound in
                state.withLockedValue {
                    $0.currentOutbound = outbound
                    $0.statusBackEnabled = false
                }
                defer {
                    state.withLockedValue {
                        $0.currentOutbound = nil
                        $0.statusBackEnabled = false
                    }
                }
                var scanner = StatusRequestScanner(profile: configuration.profile)
                for try await buffer in inbound {
                    received += buffer.readableBytes
                    let room = configuration.maximumJobBytes - bytes.count
                    guard room > 0 else { continue }
                    bytes.append(contentsOf: buffer.readableBytesView.prefix(room))
                    for request in scanner.scan(bytes) {
                        if let reply = reply(to: request) {
                            try await outbound.write(ByteBuffer(bytes: reply))
                        }
                    }
                }
            }
        } catch {
            // The client went away or the connection failed: the job is what arrived.
        }
        finishJob(bytes, received: received)
    }

    /// The reply to a status request, reading the condition at the moment it is asked.
    private func reply(to command: Command) -> [UInt8]? {
        state.withLockedValue { state -> [UInt8]? in
            switch command {
            case .realTimeStatus(let n):
                return state.condition.realTimeStatus(n).map { [$0] }
            case .automaticStatusBack(let events):
                state.statusBackEnabled = events != 0
                return events != 0 ? state.condition.automaticStatusBack : nil
            case .transmitStatus(let n):
                return state.condition.transmitStatus(n).map { [$0] }
            case .transmitPrinterID(let n):
                return configuration.profile.virtualPrinterIDReply(n)
            default:
                return nil
            }
        }
    }

    private func finishJob(_ bytes: [UInt8], received: Int) {
        // Decoded lazily (again for each pass) so a job's commands are never all in memory.
        let commands = CommandDecoder(profile: configuration.profile).commands(in: bytes)
        guard commands.contains(where: { Self.prints($0.command) }) else { return }
        let (number, refusal) = state.withLockedValue { state -> (Int, String?) in
            state.jobCount += 1
            return (state.jobCount, state.condition.refusalReason)
        }
        var job = Job(number: number, byteCount: received, refusalReason: refusal, text: "", files: [], notes: [])
        if refusal == nil {
            let receipt = configuration.renderer.render(commands: commands)
            job.text = receipt.text
            job.notes = receipt.notes
            if received > bytes.count {
                job.notes.append(
                    EmulatorNote(
                        offset: bytes.count, kind: .truncatedCommand,
                        message: "the job had \(received) bytes; only the first \(bytes.count) were kept and printed"))
            }
            if let directory = configuration.outputDirectory {
                job.files = writeFiles(of: job, bytes: bytes, commands: commands, receipt: receipt, directory: directory)
            }
        }
        state.withLockedValue { state in
            if job.refusalReason == nil { state.printedJobCount += 1 }
            state.jobs.append(job)
            if state.jobs.count > Self.keptJobCount { state.jobs.removeFirst(state.jobs.count - Self.keptJobCount) }
        }
    }

    /// Whether a command puts something on paper (status requests and `ESC @` alone do not make a job).
    private static func prints(_ command: Command) -> Bool {
        switch command {
        case .realTimeStatus, .realTimeRequest, .automaticStatusBack, .transmitPrinterID, .transmitStatus, .initialize:
            return false
        case .realTimeCommand(let function, _, _):
            return function == 1
        default:
            return true
        }
    }

    private func writeFiles(
        of job: Job, bytes: [UInt8], commands: DecodedCommands, receipt: RenderedReceipt, directory: String
    ) -> [String] {
        let base = (directory as NSString).appendingPathComponent(String(format: "job-%04d", job.number))
        var files: [String] = []
        func write(_ data: Data, _ suffix: String) {
            let path = base + suffix
            if FileManager.default.createFile(atPath: path, contents: data) { files.append(path) }
        }
        write(Data(bytes), ".bin")
        let listing = CommandListing.text(of: commands, maximumLength: CommandListing.jobListingLimit)
        write(Data(listing.utf8), ".listing.txt")
        let notes = receipt.notes.map { "note: \($0)\n" }.joined()
        write(Data((receipt.text + notes).utf8), ".txt")
        if let png = try? receipt.page.pngData() { write(Data(png), ".png") }
        return files
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
                return "error: unknown setting \(words[1]); use one of \(PrinterCondition.settingNames.joined(separator: ", "))"
            }
        default:
            return "error: unknown command; use `status`, `clear` or `set NAME on|off` with NAME one of "
                + PrinterCondition.settingNames.joined(separator: ", ")
        }
        setCondition(condition)
        return "ok \(condition.summary) jobs=\(state.withLockedValue { $0.jobCount })"
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
