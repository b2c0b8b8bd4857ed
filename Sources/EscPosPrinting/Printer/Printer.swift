public import EscPos

/// A printer: a transport paired with a ``PrinterProfile``, to print receipts, send bytes, and ask for
/// status and identity.
///
/// `Printer` owns its connection's back channel: replies the printer sends (status bytes, Automatic
/// Status Back blocks, identity strings) are parsed in order, so requests from several tasks never
/// steal each other's answers.
///
/// ```swift
/// try await withPrinterTransport(PrinterURI("tcp://10.0.0.5")) { transport in
///     let options = Printer.Options(checkStatusBeforePrinting: true)
///     let printer = Printer(transport: transport, profile: .epsonTMT88VI, options: options)
///     try await printer.print(receipt)
/// }
/// ```
public actor Printer {
    /// How a printer checks and sends.
    public struct Options: Sendable, Hashable {
        /// Ask for status before each job and refuse it (``TransportError/Code/printerNotReady``) when the
        /// printer reports paper out, cover open, offline or an error.
        public var checkStatusBeforePrinting: Bool
        /// How long to wait for each status or identity reply (the `escpos` tool sets it from `--timeout`).
        public var replyTimeout: Duration
        /// How long the printer may go without accepting data while a job is sent.
        public var writeTimeout: Duration
        /// Whether ``Printer/send(_:progress:)`` confirms each job after its last byte (see there).
        public var confirmJobs: Bool
        /// How long to wait for the process ID response: the printer answers after printing the job.
        public var confirmationTimeout: Duration

        /// Creates options.
        public init(
            checkStatusBeforePrinting: Bool = false,
            replyTimeout: Duration = .seconds(2),
            writeTimeout: Duration = .seconds(10),
            confirmJobs: Bool = true,
            confirmationTimeout: Duration = .seconds(30)
        ) {
            self.checkStatusBeforePrinting = checkStatusBeforePrinting
            self.replyTimeout = replyTimeout
            self.writeTimeout = writeTimeout
            self.confirmJobs = confirmJobs
            self.confirmationTimeout = confirmationTimeout
        }
    }

    /// The connection to the printer.
    public nonisolated let transport: any PrinterTransport
    /// What the printer can do; receipts are compiled for it.
    public nonisolated let profile: PrinterProfile
    /// How this printer checks and sends.
    public nonisolated let options: Options
    var parser = PrinterReplyParser()
    private var busy = false
    private var processIDCounter: UInt32 = 0
    var statusObservers: [Int: StatusObserver] = [:]
    var nextObserverID = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// The most recent Automatic Status Back block seen on the back channel, if ASB is on (`GS a`).
    public internal(set) var lastAutomaticStatus: PrinterStatus?
    /// How many Automatic Status Back blocks arrived so far.
    var automaticStatusCount = 0

    /// Creates a printer over an open transport.
    ///
    /// - Parameters:
    ///   - transport: The connection; the caller keeps owning it and closes it.
    ///   - profile: The printer model's capabilities; receipts are compiled for it.
    ///   - options: Status checks and timeouts.
    public init(transport: any PrinterTransport, profile: PrinterProfile = .generic80mm, options: Options = Options()) {
        self.transport = transport
        self.profile = profile
        self.options = options
    }

    /// Compiles a receipt completely for ``profile``, then sends it and confirms it where the printer can.
    ///
    /// Nothing is sent unless the whole receipt compiles, so the printer never gets half a receipt
    /// because of a bad field. The ``PrinterProfile`` named inside the receipt is not used: the printer's
    /// own profile decides.
    ///
    /// ```swift
    /// let result = try await printer.print(Receipt { Text("Hello") ; Cut() })
    /// if result.job.delivery == .sent { print("sent; the printer cannot confirm it") }
    /// ```
    ///
    /// - Parameters:
    ///   - receipt: The document.
    ///   - compileOptions: Strictness and the image and symbol helpers.
    ///   - progress: Called after each piece handed to the connection.
    /// - Returns: The compiled receipt (bytes and warnings) and how far the job is known to have got.
    /// - Throws: `EscPosError` when the receipt does not compile (nothing was sent);
    ///   ``TransportError`` when sending fails or the printer is not ready (see ``send(_:progress:)``).
    @discardableResult
    public func print(
        _ receipt: Receipt,
        compileOptions: CompileOptions = CompileOptions(),
        progress: (@Sendable (SendProgress) -> Void)? = nil
    ) async throws -> PrintResult {
        let compiled = try ReceiptCompiler(profile: profile, options: compileOptions).compile(receipt)
        let job = try await send(compiled.bytes, progress: progress)
        return PrintResult(compiled: compiled, job: job)
    }

    /// Sends bytes (a compiled job) to the printer, then confirms that the printer processed them where
    /// it can.
    ///
    /// The job goes out in pieces of the transport's ``TransportOptions/chunkSize``, whatever the
    /// transport, and `progress` hears after each piece. With ``Options/checkStatusBeforePrinting`` the
    /// printer is asked for its status first and the job is refused, before any byte is sent, when it
    /// cannot print.
    ///
    /// After the last byte, with ``Options/confirmJobs`` and a transport with a back channel:
    /// - a profile with ``PrinterProfile/Capabilities/processIDResponse`` gets `GS ( H` function 48
    ///   (`1D 28 48 06 00 30 30 d1 d2 d3 d4`); the printer answers `37 22 d1 d2 d3 d4 00` once it has
    ///   printed everything before it: ``Delivery/confirmed(_:)`` with ``Confirmation/processID``;
    /// - any other profile gets a `DLE EOT` status round trip; printers answer in order, so the answer
    ///   shows every earlier byte was taken: ``Confirmation/statusRoundTrip``.
    ///
    /// A printer that does not answer in time leaves the job ``Delivery/sent``, as does a transport
    /// without a back channel (CUPS, plain files).
    ///
    /// - Parameters:
    ///   - bytes: The complete job.
    ///   - progress: Called after each piece handed to the connection.
    /// - Returns: How far the job is known to have got.
    /// - Throws: ``TransportError``: ``TransportError/Code/printerNotReady`` with ``TransportError/status``
    ///   when refused before sending, or when the printer reports paper out, cover open or an error after
    ///   taking the job (``TransportError/bytesDelivered`` is then the whole job: it was not printed, or
    ///   only partly); other codes with ``TransportError/bytesDelivered`` (the bytes handed to the
    ///   connection before the failure) when the job failed midway.
    @discardableResult
    public func send(_ bytes: [UInt8], progress: (@Sendable (SendProgress) -> Void)? = nil) async throws -> JobResult {
        try await exclusively { try await self.unsynchronizedSend(bytes, progress: progress) }
    }

    private func unsynchronizedSend(
        _ bytes: [UInt8],
        progress: (@Sendable (SendProgress) -> Void)?
    ) async throws
        -> JobResult
    {
        if options.checkStatusBeforePrinting {
            let status = try await unsynchronizedStatus()
            guard status.canPrint else {
                throw TransportError(
                    .printerNotReady,
                    "the printer reports \(status.problemDescriptions.joined(separator: ", ")); fix that (load paper, close the "
                        + "cover) and send the job again; nothing was printed",
                    uri: transport.uri,
                    bytesDelivered: 0,
                    status: status
                )
            }
        }
        let chunkSize = max(1, transport.options.chunkSize)
        var handed = 0
        while handed < bytes.count {
            if Task.isCancelled {
                throw TransportError(
                    .cancelled,
                    "the job was cancelled after \(handed) of \(bytes.count) bytes",
                    uri: transport.uri,
                    bytesDelivered: handed
                )
            }
            let end = min(bytes.count, handed + chunkSize)
            do {
                try await transport.write(Array(bytes[handed..<end]), timeout: options.writeTimeout)
            } catch let error as TransportError {
                throw error.with(bytesDelivered: handed + (error.bytesDelivered ?? 0))
            }
            handed = end
            progress?(SendProgress(bytesHandedOver: handed, totalBytes: bytes.count))
        }
        return try await confirm(byteCount: bytes.count)
    }

    /// Confirms that the printer processed a job of `byteCount` bytes (see ``send(_:progress:)``).
    private func confirm(byteCount: Int) async throws -> JobResult {
        let sent = JobResult(delivery: .sent, byteCount: byteCount, status: nil)
        guard options.confirmJobs, transport.hasBackChannel else { return sent }
        if profile.capabilities.processIDResponse {
            let id = nextProcessID()
            discardPendingReplies()
            try await transport.write(StatusCommands.processIDRequest(id), timeout: options.writeTimeout)
            do {
                try await nextReply(what: "GS ( H (process ID)", timeout: options.confirmationTimeout) { reply in
                    if case .processID(let answered) = reply, answered == id { return () }
                    return nil
                }
                return JobResult(delivery: .confirmed(.processID), byteCount: byteCount, status: nil)
            } catch let error as TransportError where error.code == .timeout {
                // A printer out of paper holds the response back; its real-time status says why.
                guard let status = try? await unsynchronizedStatus() else { return sent }
                if !status.canPrint { throw notPrinted(status, byteCount: byteCount) }
                return JobResult(delivery: .sent, byteCount: byteCount, status: status)
            }
        }
        let status: PrinterStatus
        do {
            status = try await unsynchronizedStatus()
        } catch let error as TransportError where error.code == .timeout {
            return sent
        }
        if !status.canPrint { throw notPrinted(status, byteCount: byteCount) }
        return JobResult(delivery: .confirmed(.statusRoundTrip), byteCount: byteCount, status: status)
    }

    private func notPrinted(_ status: PrinterStatus, byteCount: Int) -> TransportError {
        TransportError(
            .printerNotReady,
            "the printer took the job and then reported \(status.problemDescriptions.joined(separator: ", ")); the job was not "
                + "printed, or only partly; fix that (load paper, close the cover) and print it again",
            uri: transport.uri,
            bytesDelivered: byteCount,
            status: status
        )
    }

    /// A new process ID for each confirmation, from the printable range `GS ( H` allows, so a late
    /// answer to an earlier job is never taken for this one's.
    private func nextProcessID() -> [UInt8] {
        processIDCounter &+= 1
        let range = StatusCommands.processIDByteRange
        let base = UInt32(range.upperBound - range.lowerBound) + 1
        var value = processIDCounter
        var id: [UInt8] = []
        for _ in 0..<4 {
            id.append(range.lowerBound + UInt8(value % base))
            value /= base
        }
        return id
    }

    /// Asks the printer for its current status.
    ///
    /// Over TCP, USB, serial and device files this sends `DLE EOT 1` to `4` and decodes the replies; over
    /// CUPS it returns the queue's view.
    ///
    /// - Returns: The decoded status.
    /// Every reply byte is checked against the fixed bits of a status reply (`0xx1xx10`); a byte that does
    /// not fit, or more bytes than the one asked for, is an error rather than a status, so a device that
    /// answers noise is never reported as, say, out of paper.
    ///
    /// - Throws: ``TransportError`` with ``TransportError/Code/timeout`` when the printer does not answer
    ///   within ``Options/replyTimeout``, ``TransportError/Code/invalidReply`` for a malformed answer.
    public func status() async throws -> PrinterStatus {
        try await exclusively { try await self.unsynchronizedStatus() }
    }

    func unsynchronizedStatus() async throws -> PrinterStatus {
        if let queueStatus = try await transport.queueStatus() { return queueStatus }
        var status = PrinterStatus(source: .realTime)
        for request in PrinterStatus.RealTimeRequest.allCases {
            // Bytes that arrived before the request answer nothing asked now (a late identity reply).
            discardPendingReplies()
            try await transport.write(request.bytes, timeout: options.replyTimeout)
            let what = "DLE EOT \(request.rawValue)"
            // Strict: the only thing a printer may send before its status byte is an Automatic Status Back
            // block; any other byte means this is not a status reply, so it is never taken for one.
            let reply = try await nextReply(what: what, strict: true) { reply in
                if case .realTimeStatus(let byte) = reply { return byte }
                return nil
            }
            try expectNothingMore(after: what)
            try status.apply(request, reply: reply)
        }
        return status
    }

    /// Drops what the parser holds, keeping the Automatic Status Back blocks among it.
    func discardPendingReplies() {
        while let reply = parser.next() {
            if case .automaticStatusBack(let block) = reply { record(automaticStatusBack: block) }
        }
        parser.removeAll()
    }

    /// A status reply is one byte: anything but Automatic Status Back after it shows that it was not one.
    private func expectNothingMore(after what: String) throws {
        while let reply = parser.next() {
            if case .processID = reply { continue }
            guard case .automaticStatusBack(let block) = reply else {
                throw invalidReply(to: what, reply)
            }
            record(automaticStatusBack: block)
        }
    }

    private func invalidReply(to what: String, _ reply: PrinterReply) -> TransportError {
        TransportError(
            .invalidReply,
            "the printer answered \(what) with \(reply.byteDescription), which is not a status reply (one byte "
                + "with the bit pattern 0xx1xx10); check that the printer speaks ESC/POS and that nothing else "
                + "shares the line",
            uri: transport.uri
        )
    }

    /// Asks the printer who it is with `GS I` (maker, model, firmware, serial number).
    ///
    /// Fields the printer does not answer stay `nil`.
    ///
    /// - Returns: The identity.
    /// - Throws: ``TransportError`` with ``TransportError/Code/timeout`` when the printer answers none of the queries.
    public func identity() async throws -> PrinterIdentity {
        try await exclusively { try await self.unsynchronizedIdentity() }
    }

    private func unsynchronizedIdentity() async throws -> PrinterIdentity {
        var identity = PrinterIdentity()
        var answered = false
        for query in PrinterIdentity.Query.allCases {
            try await transport.write(query.bytes, timeout: options.replyTimeout)
            do {
                let text = try await nextReply(what: "GS I \(query.rawValue)") { reply in
                    if case .information(let text) = reply { return text }
                    return nil
                }
                identity.set(query, to: text)
                answered = true
            } catch let error as TransportError where error.code == .timeout {
                continue
            }
        }
        guard answered else {
            throw TransportError(
                .timeout,
                "the printer answered no GS I query; it may not support identity requests",
                uri: transport.uri
            )
        }
        return identity
    }

    /// Runs one exchange with the printer at a time: the actor is reentrant at every `await`, and two
    /// interleaved status requests would otherwise take each other's replies.
    func exclusively<T>(_ body: () async throws -> T) async throws -> T {
        if busy {
            // The one finishing hands the printer over directly, so waiters are served in order and a
            // task that loops (status updates) cannot take it back first.
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
        }
        return try await body()
    }

    /// Reads replies until `match` accepts one, keeping Automatic Status Back blocks that arrive meanwhile.
    ///
    /// When `strict`, any other reply that `match` does not accept is an ``TransportError/Code/invalidReply``
    /// error instead of being skipped.
    func nextReply<Value>(
        what: String,
        strict: Bool = false,
        timeout: Duration? = nil,
        _ match: (PrinterReply) -> Value?
    ) async throws -> Value {
        let deadline = ContinuousClock.now + (timeout ?? options.replyTimeout)
        while true {
            while let reply = parser.next() {
                if case .automaticStatusBack(let block) = reply {
                    record(automaticStatusBack: block)
                    continue
                }
                if let value = match(reply) { return value }
                // A late process ID response belongs to an earlier job's confirmation, never to this request.
                if case .processID = reply { continue }
                if strict { throw invalidReply(to: what, reply) }
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw noAnswer(what, after: timeout ?? options.replyTimeout) }
            do {
                parser.append(try await transport.read(upTo: 256, timeout: remaining))
            } catch let error as TransportError where error.code == .timeout {
                throw noAnswer(what, after: timeout ?? options.replyTimeout)
            }
        }
    }

    private func noAnswer(_ what: String, after timeout: Duration) -> TransportError {
        TransportError(
            .timeout,
            "the printer did not answer \(what) within \(timeout); check that it is on and "
                + "that this interface has a back channel",
            uri: transport.uri
        )
    }
}
