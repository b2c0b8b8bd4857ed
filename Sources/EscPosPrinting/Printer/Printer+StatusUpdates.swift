extension Printer {
    /// One consumer of ``statusUpdates(pollInterval:)`` and the last status it was given.
    struct StatusObserver {
        let continuation: AsyncThrowingStream<PrinterStatus, any Error>.Continuation
        var last: PrinterStatus?
    }

    /// The printer's status as it changes: each element differs from the one before.
    ///
    /// The printer is first asked to send Automatic Status Back (`GS a 0F`: drawer, online, error and
    /// paper sensor). A printer that does so answers with a block at once, and then with a block on every
    /// change, so nothing is polled. A printer that sends nothing within ``Options/replyTimeout`` (or a
    /// transport without a back channel, such as a CUPS queue) is polled instead, with `DLE EOT` (or the
    /// queue's state) every `pollInterval`.
    ///
    /// Jobs and status requests on the same printer go on meanwhile; the watch takes the back channel for at
    /// most a quarter of a second at a time. Ending the iteration (or cancelling its task) turns Automatic
    /// Status Back off again.
    ///
    /// ```swift
    /// for try await status in printer.statusUpdates() {
    ///     if status.isPaperOut == true { alert("Load paper at the bar printer") }
    /// }
    /// ```
    ///
    /// - Parameter pollInterval: How often to poll a printer without Automatic Status Back.
    /// - Returns: A sequence that ends with an error (``TransportError``) when the printer cannot be watched,
    ///   such as a disconnect, or a polled printer that stops answering.
    public nonisolated func statusUpdates(
        pollInterval: Duration = .seconds(2)
    ) -> AsyncThrowingStream<PrinterStatus, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task { await self.watchStatus(continuation, pollInterval: pollInterval) }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Stores an Automatic Status Back block seen on the back channel and passes it to the watchers.
    func record(automaticStatusBack block: [UInt8]) {
        guard let status = try? PrinterStatus(automaticStatusBack: block) else { return }
        lastAutomaticStatus = status
        automaticStatusCount += 1
        publish(status)
    }

    private func publish(_ status: PrinterStatus) {
        for (id, observer) in statusObservers where observer.last != status {
            statusObservers[id]?.last = status
            observer.continuation.yield(status)
        }
    }

    private func watchStatus(
        _ continuation: AsyncThrowingStream<PrinterStatus, any Error>.Continuation,
        pollInterval: Duration
    ) async {
        let id = nextObserverID
        nextObserverID += 1
        statusObservers[id] = StatusObserver(continuation: continuation, last: nil)
        var usesAutomaticStatusBack = false
        do {
            usesAutomaticStatusBack = try await exclusively { try await self.enableAutomaticStatusBack() }
            while !Task.isCancelled {
                if usesAutomaticStatusBack {
                    try await exclusively { try await self.pumpReplies(for: .milliseconds(250)) }
                } else {
                    let status = try await exclusively { try await self.unsynchronizedStatus() }
                    publish(status)
                    try await Task.sleep(for: pollInterval)
                }
            }
            statusObservers[id] = nil
            continuation.finish()
        } catch {
            statusObservers[id] = nil
            if error is CancellationError || Task.isCancelled {
                continuation.finish()
            } else {
                continuation.finish(throwing: error)
            }
        }
        if usesAutomaticStatusBack, statusObservers.isEmpty {
            // Best effort: a printer left sending blocks is harmless, but quieter without.
            _ = try? await exclusively {
                try await self.transport.write(
                    PrinterStatus.enableAutomaticStatusBack(0),
                    timeout: self.options.replyTimeout
                )
            }
        }
    }

    /// Turns Automatic Status Back on and waits for the first block, which a printer that has it sends at
    /// once; returns whether one came.
    private func enableAutomaticStatusBack() async throws -> Bool {
        guard transport.hasBackChannel else { return false }
        discardPendingReplies()
        let seen = automaticStatusCount
        try await transport.write(PrinterStatus.enableAutomaticStatusBack(), timeout: options.replyTimeout)
        let deadline = ContinuousClock.now + options.replyTimeout
        while automaticStatusCount == seen {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return false }
            try await pumpReplies(for: remaining)
        }
        return true
    }

    /// Reads what the printer sends within `window`, recording Automatic Status Back blocks and dropping
    /// anything else (no request is waiting for it).
    private func pumpReplies(for window: Duration) async throws {
        do {
            parser.append(try await transport.read(upTo: 256, timeout: window))
        } catch let error as TransportError where error.code == .timeout {
            return
        }
        while let reply = parser.next() {
            if case .automaticStatusBack(let block) = reply { record(automaticStatusBack: block) }
        }
    }
}
