public import EscPosPrinting
import EscPosTransportSupport
public import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CUPS print queue, through libcups: each ``write(_:timeout:)`` is one raw job (`CUPS_FORMAT_RAW`),
/// followed until CUPS reports it completed, aborted or cancelled.
///
/// The bytes pass through CUPS untouched, so the queue should be a raw queue (`lpadmin -p NAME -v
/// socket://printer:9100 -E`, no driver) or one whose driver passes raw jobs through. A write returns
/// only after the job *completed*; a job CUPS aborts throws ``TransportError/Code/jobFailed`` with the
/// queue's state reasons. Cancelling the task cancels the job on the server.
///
/// CUPS has no back channel for status bytes: ``read(upTo:timeout:)`` throws
/// ``TransportError/Code/unsupported``, and ``queueStatus()`` returns the queue's own view
/// (`media-empty`, `cover-open`, `offline`).
///
/// ```swift
/// try await withPrinterTransport(PrinterURI("cups://kitchen@printserver:631")) { transport in
///     try await transport.write(bytes)
/// }
/// ```
public final class CUPSTransport: PrinterTransport {
    /// `cups://queue[@server]`.
    public let uri: PrinterURI
    /// The queue's name.
    public let queue: String
    /// `host[:port]` or a domain-socket path; `nil` for the default server (`CUPS_SERVER`, `client.conf`).
    public let server: String?
    /// The options the queue was opened with.
    public let options: TransportOptions
    /// A CUPS queue has no back channel: the printer cannot answer through it.
    public var hasBackChannel: Bool { false }
    private let logger: Logger
    private let isClosed = Atomic<Bool>(false)

    private init(queue: String, server: String?, options: TransportOptions, logger: Logger) {
        self.uri = PrinterURI(.cups(queue: queue, server: server))
        self.queue = queue
        self.server = server
        self.options = options
        self.logger = logger
    }

    /// Checks that the server answers and the queue exists, and returns a transport for it.
    ///
    /// - Parameters:
    ///   - queue: The queue name, as `lpstat -p` lists it.
    ///   - server: `host[:port]`, a domain-socket path, or `nil` for the default server.
    ///   - options: The connect timeout and the job timeout are used.
    ///   - logger: Receives `debug` and `trace` messages.
    /// - Throws: ``TransportError`` with ``TransportError/Code/deviceNotFound`` for a missing queue,
    ///   ``TransportError/Code/connectionRefused`` when the server cannot be reached.
    public static func open(
        queue: String,
        server: String? = nil,
        options: TransportOptions = TransportOptions(),
        logger: Logger = .current
    ) async throws -> CUPSTransport {
        let transport = CUPSTransport(queue: queue, server: server, options: options, logger: logger)
        _ = try await transport.attributes()
        logger.debug("opened CUPS queue", metadata: ["uri": "\(transport.uri)"])
        return transport
    }

    /// Lists the queues on a CUPS server with their make and model and state.
    ///
    /// - Parameters:
    ///   - server: `host[:port]`, a domain-socket path, or `nil` for the default server.
    ///   - timeout: How long reaching the server may take.
    /// - Returns: The queues, each with a `cups://` URI.
    /// - Throws: ``TransportError`` with ``TransportError/Code/connectionRefused`` when the server cannot be reached.
    public static func queues(server: String? = nil, timeout: Duration = .seconds(5)) async throws -> [CUPSQueue] {
        let uri = PrinterURI(.cups(queue: "*", server: server))
        return try await BlockingIO.run(uri: uri) { _ in
            let connection = try connect(server: server, timeout: timeout, uri: uri)
            return connection.destinations().map { CUPSQueue($0, server: server) }
        }
    }

    /// Submits `bytes` as one raw job and waits until CUPS reports it completed.
    ///
    /// - Parameters:
    ///   - bytes: The whole job.
    ///   - timeout: How long the job may take from submission to completion; the longer of this and
    ///     ``TransportOptions/jobTimeout`` applies.
    /// - Throws: ``TransportError``: ``TransportError/Code/jobFailed`` (aborted or stopped, with the queue
    ///   status), ``TransportError/Code/timeout`` (the job is cancelled), ``TransportError/Code/cancelled``,
    ///   ``TransportError/Code/deviceNotFound``, ``TransportError/Code/printerNotReady`` (queue not accepting jobs).
    public func write(_ bytes: [UInt8], timeout: Duration) async throws {
        try checkOpen()
        let (queue, server, uri, options, logger) = (self.queue, self.server, self.uri, self.options, self.logger)
        let limit = max(timeout, options.jobTimeout)
        try await BlockingIO.run(uri: uri) { cancelled in
            let connection = try Self.connect(server: server, timeout: options.connectTimeout, uri: uri)
            let job: Int32
            do throws(CUPSError) {
                job = try connection.submitRawJob(
                    queue: queue,
                    title: "escpos",
                    bytes: bytes,
                    chunkSize: max(1, options.chunkSize)
                )
            } catch {
                throw Self.requestError(error, queue: queue, server: connection.serverDescription, uri: uri)
            }
            logger.debug("submitted CUPS job", metadata: ["job": "\(job)", "bytes": "\(bytes.count)"])
            let deadline = ContinuousClock.now + limit
            while true {
                let attributes: CUPSJobAttributes
                do {
                    attributes = try connection.jobAttributes(job: job)
                } catch {
                    throw TransportError(
                        .ioError,
                        "lost track of job \(job) on \(connection.serverDescription): \(error)",
                        uri: uri,
                        underlying: error
                    )
                }
                switch attributes.state {
                case CUPSJobState.completed:
                    logger.debug("CUPS job completed", metadata: ["job": "\(job)"])
                    return
                case CUPSJobState.canceled:
                    throw TransportError(
                        .cancelled,
                        "job \(job) was cancelled on the print server (\(attributes.summary))",
                        uri: uri
                    )
                case CUPSJobState.aborted, CUPSJobState.stopped:
                    let status = try? connection.printerAttributes(queue: queue).map(PrinterStatus.init(queue:))
                    throw TransportError(
                        .jobFailed,
                        "CUPS \(attributes.state == CUPSJobState.aborted ? "aborted" : "stopped") job \(job) "
                            + "(\(attributes.summary)); the printer may be unreachable or off; check it, then "
                            + "`cupsenable \(queue)` if the queue stopped. How much printed is unknown.",
                        uri: uri,
                        status: status ?? nil
                    )
                default:
                    break
                }
                if cancelled() {
                    connection.cancel(job: job, queue: queue)
                    throw TransportError(
                        .cancelled,
                        "the task was cancelled; job \(job) was cancelled on the server",
                        uri: uri
                    )
                }
                if ContinuousClock.now >= deadline {
                    connection.cancel(job: job, queue: queue)
                    throw TransportError(
                        .timeout,
                        "job \(job) did not complete within \(limit) (\(attributes.summary)); it was cancelled",
                        uri: uri
                    )
                }
                usleep(20_000)
            }
        }
    }

    /// CUPS has no back channel: always throws ``TransportError/Code/unsupported``.
    public func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8] {
        throw TransportError(
            .unsupported,
            "a CUPS queue cannot return the printer's replies; use queueStatus(), or a tcp:// or usb:// URI",
            uri: uri
        )
    }

    /// The queue's current state and state reasons.
    public func queueStatus() async throws -> PrinterStatus? {
        PrinterStatus(queue: try await attributes())
    }

    /// Marks the transport closed; each job has its own server connection, so nothing else is held.
    public func close() async {
        isClosed.store(true, ordering: .relaxed)
    }

    private func checkOpen() throws {
        if isClosed.load(ordering: .relaxed) {
            throw TransportError(.closed, "the transport is closed; open it again", uri: uri, bytesDelivered: 0)
        }
    }

    private func attributes() async throws -> CUPSQueueAttributes {
        try checkOpen()
        let (queue, server, uri, timeout) = (self.queue, self.server, self.uri, options.connectTimeout)
        return try await BlockingIO.run(uri: uri) { _ in
            let connection = try Self.connect(server: server, timeout: timeout, uri: uri)
            let found: CUPSQueueAttributes?
            do throws(CUPSError) {
                found = try connection.printerAttributes(queue: queue)
            } catch {
                throw Self.requestError(error, queue: queue, server: connection.serverDescription, uri: uri)
            }
            guard let found else {
                throw Self.missingQueue(queue, server: connection.serverDescription, uri: uri)
            }
            return found
        }
    }

    private static func connect(server: String?, timeout: Duration, uri: PrinterURI) throws -> CUPSConnection {
        do throws(CUPSConnectError) {
            return try CUPSConnection(server: server, timeout: timeout)
        } catch {
            throw TransportError(
                .connectionRefused,
                "cannot reach the CUPS server at \(error.server) (\(error.underlying.message)); "
                    + "check that cupsd runs there and that the name and port are right",
                uri: uri,
                underlying: error.underlying
            )
        }
    }

    private static func missingQueue(_ queue: String, server: String, uri: PrinterURI) -> TransportError {
        TransportError(
            .deviceNotFound,
            "CUPS at \(server) has no queue \"\(queue)\"; `lpstat -h \(server) -p` lists the queues",
            uri: uri
        )
    }

    private static func requestError(
        _ error: CUPSError,
        queue: String,
        server: String,
        uri: PrinterURI
    ) -> TransportError {
        if error.isNotFound { return missingQueue(queue, server: server, uri: uri).withUnderlying(error) }
        if error.isNotAccepting {
            return TransportError(
                .printerNotReady,
                "queue \"\(queue)\" is not accepting jobs; run `cupsaccept \(queue)` on \(server)",
                uri: uri,
                bytesDelivered: 0,
                underlying: error
            )
        }
        if error.isForbidden {
            return TransportError(
                .accessDenied,
                "CUPS at \(server) refused the job (\(error.message)); check the queue's policy and user",
                uri: uri,
                bytesDelivered: 0,
                underlying: error
            )
        }
        return TransportError(
            .ioError,
            "CUPS request failed: \(error)",
            uri: uri,
            bytesDelivered: 0,
            underlying: error
        )
    }
}

extension TransportError {
    func withUnderlying(_ error: any Error) -> TransportError {
        var copy = self
        copy.underlying = error
        return copy
    }
}

extension CUPSJobAttributes {
    var summary: String {
        var parts = stateReasons.filter { $0 != "none" }
        if let printerStateMessage, !printerStateMessage.isEmpty { parts.append("\"\(printerStateMessage)\"") }
        return parts.isEmpty ? "no reason given" : parts.joined(separator: ", ")
    }
}

extension PrinterStatus {
    /// The status a CUPS queue reports: its state and state reasons, mapped onto the printer conditions.
    init(queue: CUPSQueueAttributes) {
        self.init(source: .printQueue)
        switch queue.state {
        case CUPSPrinterState.idle: queueState = "idle"
        case CUPSPrinterState.processing: queueState = "processing"
        case CUPSPrinterState.stopped: queueState = "stopped"
        default: queueState = nil
        }
        stateReasons = queue.stateReasons.filter { $0 != "none" }
        let reasons = Set(stateReasons.map(Self.reasonKeyword))
        isPaperOut = reasons.contains("media-empty") || reasons.contains("media-needed")
        isPaperNearEnd = reasons.contains("media-low")
        isCoverOpen = reasons.contains("cover-open") || reasons.contains("door-open")
        isOnline = !reasons.contains("offline") && !reasons.contains("shutdown")
        hasRecoverableError = reasons.contains("media-jam")
    }

    /// `media-empty-error` → `media-empty`: IPP state reasons carry a severity suffix.
    private static func reasonKeyword(_ reason: String) -> String {
        for suffix in ["-error", "-warning", "-report"] where reason.hasSuffix(suffix) {
            return String(reason.dropLast(suffix.count))
        }
        return reason
    }
}
