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

        /// Creates options.
        public init(
            checkStatusBeforePrinting: Bool = false,
            replyTimeout: Duration = .seconds(2),
            writeTimeout: Duration = .seconds(10)
        ) {
            self.checkStatusBeforePrinting = checkStatusBeforePrinting
            self.replyTimeout = replyTimeout
            self.writeTimeout = writeTimeout
        }
    }

    /// The connection to the printer.
    public nonisolated let transport: any PrinterTransport
    /// What the printer can do; receipts are compiled for it.
    public nonisolated let profile: PrinterProfile
    /// How this printer checks and sends.
    public nonisolated let options: Options
    private var parser = PrinterReplyParser()
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// The most recent Automatic Status Back block seen on the back channel, if ASB is on (`GS a`).
    public private(set) var lastAutomaticStatus: PrinterStatus?

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

    /// Compiles a receipt completely for ``profile``, then sends it.
    ///
    /// Nothing is sent unless the whole receipt compiles, so the printer never gets half a receipt
    /// because of a bad field. The ``PrinterProfile`` named inside the receipt is not used: the printer's
    /// own profile decides.
    ///
    /// ```swift
    /// let result = try await printer.print(Receipt { Text("Hello") ; Cut() })
    /// ```
    ///
    /// - Parameters:
    ///   - receipt: The document.
    ///   - compileOptions: Strictness and the image and symbol helpers.
    /// - Returns: The compiled bytes (all handed to the transport) and the compiler's warnings.
    /// - Throws: `EscPosError` when the receipt does not compile (nothing was sent);
    ///   ``TransportError`` when sending fails or the printer is not ready (see ``send(_:)``).
    @discardableResult
    public func print(
        _ receipt: Receipt,
        compileOptions: CompileOptions = CompileOptions()
    ) async throws -> CompiledReceipt {
        let compiled = try ReceiptCompiler(profile: profile, options: compileOptions).compile(receipt)
        try await send(compiled.bytes)
        return compiled
    }

    /// Sends bytes (a compiled job) to the printer.
    ///
    /// With ``Options/checkStatusBeforePrinting`` the printer is asked for its status first and the job is
    /// refused, before any byte is sent, when it cannot print.
    ///
    /// - Parameter bytes: The complete job.
    /// - Throws: ``TransportError``: ``TransportError/Code/printerNotReady`` with ``TransportError/status``
    ///   when refused; other codes with ``TransportError/bytesDelivered`` (the bytes handed to the connection
    ///   before the failure) when the job failed midway.
    public func send(_ bytes: [UInt8]) async throws {
        try await exclusively { try await self.unsynchronizedSend(bytes) }
    }

    private func unsynchronizedSend(_ bytes: [UInt8]) async throws {
        if options.checkStatusBeforePrinting {
            let status = try await unsynchronizedStatus()
            guard status.canPrint else {
                throw TransportError(
                    .printerNotReady,
                    "the printer reports \(status.problems.joined(separator: ", ")); fix that (load paper, close the "
                        + "cover) and send the job again; nothing was printed",
                    uri: "\(transport.uri)",
                    bytesDelivered: 0,
                    status: status
                )
            }
        }
        try await transport.write(bytes, timeout: options.writeTimeout)
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

    private func unsynchronizedStatus() async throws -> PrinterStatus {
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
    private func discardPendingReplies() {
        while let reply = parser.next() {
            if case .automaticStatusBack(let block) = reply {
                lastAutomaticStatus = try? PrinterStatus(automaticStatusBack: block)
            }
        }
        parser.removeAll()
    }

    /// A status reply is one byte: anything but Automatic Status Back after it shows that it was not one.
    private func expectNothingMore(after what: String) throws {
        while let reply = parser.next() {
            guard case .automaticStatusBack(let block) = reply else {
                throw invalidReply(to: what, reply)
            }
            lastAutomaticStatus = try? PrinterStatus(automaticStatusBack: block)
        }
    }

    private func invalidReply(to what: String, _ reply: PrinterReply) -> TransportError {
        TransportError(
            .invalidReply,
            "the printer answered \(what) with \(reply.byteDescription), which is not a status reply (one byte "
                + "with the bit pattern 0xx1xx10); check that the printer speaks ESC/POS and that nothing else "
                + "shares the line",
            uri: "\(transport.uri)"
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
                uri: "\(transport.uri)"
            )
        }
        return identity
    }

    /// Runs one exchange with the printer at a time: the actor is reentrant at every `await`, and two
    /// interleaved status requests would otherwise take each other's replies.
    private func exclusively<T>(_ body: () async throws -> T) async throws -> T {
        while busy {
            await withCheckedContinuation { waiters.append($0) }
        }
        busy = true
        defer {
            busy = false
            if !waiters.isEmpty { waiters.removeFirst().resume() }
        }
        return try await body()
    }

    /// Reads replies until `match` accepts one, keeping Automatic Status Back blocks that arrive meanwhile.
    ///
    /// When `strict`, any other reply that `match` does not accept is an ``TransportError/Code/invalidReply``
    /// error instead of being skipped.
    private func nextReply<Value>(
        what: String, strict: Bool = false, _ match: (PrinterReply) -> Value?
    ) async throws -> Value {
        let deadline = ContinuousClock.now + options.replyTimeout
        while true {
            while let reply = parser.next() {
                if case .automaticStatusBack(let block) = reply {
                    lastAutomaticStatus = try? PrinterStatus(automaticStatusBack: block)
                    continue
                }
                if let value = match(reply) { return value }
                if strict { throw invalidReply(to: what, reply) }
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw noAnswer(what) }
            do {
                parser.append(try await transport.read(upTo: 256, timeout: remaining))
            } catch let error as TransportError where error.code == .timeout {
                throw noAnswer(what)
            }
        }
    }

    private func noAnswer(_ what: String) -> TransportError {
        TransportError(
            .timeout,
            "the printer did not answer \(what) within \(options.replyTimeout); check that it is on and "
                + "that this interface has a back channel",
            uri: "\(transport.uri)"
        )
    }
}
