import EscPos
public import EscPosPrinting
import Synchronization

/// A printer transport that lives in memory: it records every byte written, answers with scripted
/// replies, and can be told to fail the way real connections do.
///
/// Use it to test code that drives a ``Printer`` without hardware, sockets or C libraries: this
/// module depends on `EscPosPrinting` only.
///
/// ```swift
/// let transport = InMemoryTransport(script: .epsonPrinter())
/// let printer = Printer(transport: transport, profile: .epsonTMT88VI)
/// let result = try await printer.send(job)
/// #expect(result.delivery == .confirmed(.processID))
/// #expect(transport.writtenBytes.starts(with: job))
/// ```
///
/// Replies are produced by ``Script`` rules, which look at the byte stream as written (across write
/// boundaries) and queue bytes for ``read(upTo:timeout:)``, as a printer's back channel would.
/// ``sendUnprompted(_:)`` queues bytes the printer sends by itself, such as Automatic Status Back blocks.
public final class InMemoryTransport: PrinterTransport {
    /// What the simulated printer answers to the commands it receives.
    public struct Script: Sendable {
        /// One rule: when the written stream contains `trigger` followed by `capturing` more bytes, the
        /// reply is built from those captured bytes and queued.
        public struct Rule: Sendable {
            /// The bytes that start the command this rule answers.
            public var trigger: [UInt8]
            /// How many bytes after the trigger belong to the command and are passed to `reply`.
            public var capturing: Int
            /// Builds the answer from the captured bytes; an empty answer sends nothing.
            public var reply: @Sendable (_ captured: [UInt8]) -> [UInt8]

            /// Creates a rule.
            public init(trigger: [UInt8], capturing: Int = 0, reply: @escaping @Sendable ([UInt8]) -> [UInt8]) {
                self.trigger = trigger
                self.capturing = capturing
                self.reply = reply
            }
        }

        /// The rules, each checked against every position of the written stream.
        public var rules: [Rule]

        /// Creates a script.
        public init(rules: [Rule] = []) {
            self.rules = rules
        }

        /// A printer that answers nothing (no back channel use at all).
        public static let silent = Script()

        /// A printer that answers real-time status requests (`DLE EOT 1`–`4`) with `status`.
        public static func statusReplies(_ status: PrinterStatus) -> Script {
            Script(
                rules: PrinterStatus.RealTimeRequest.allCases.map { request in
                    Rule(trigger: request.bytes) { _ in status.realTimeReply(to: request).map { [$0] } ?? [] }
                }
            )
        }

        /// An Epson printer in state `status`: it answers `DLE EOT` with the status and, when it can print,
        /// `GS ( H` process ID requests with the process ID response (a printer that cannot print holds the
        /// response back until it has printed the data before it, so here it never comes).
        public static func epsonPrinter(status: PrinterStatus = .ready) -> Script {
            var script = statusReplies(status)
            script.rules.append(
                Rule(trigger: StatusCommands.processIDRequestPrefix, capturing: 4) { id in
                    status.canPrint ? StatusCommands.processIDResponse(id) : []
                }
            )
            return script
        }
    }

    /// A way the simulated connection fails.
    public enum Fault: Sendable, Hashable {
        /// The printer stops accepting bytes after this many: later writes wait out their timeout and
        /// throw ``TransportError/Code/timeout``.
        case stall(afterBytes: Int)
        /// The connection is reset after this many bytes: the write that crosses the limit throws
        /// ``TransportError/Code/disconnected``, and so does every later call.
        case reset(afterBytes: Int)
        /// The printer never sends anything back, whatever the script says.
        case noReply
    }

    private struct State {
        var written: [UInt8] = []
        /// Where the next rule match may start; earlier positions were all checked.
        var scanFrom = 0
        var pendingReplies: [UInt8] = []
        var closed = false
        var reset = false
        var script: Script
        var fault: Fault?
    }

    public let uri: PrinterURI
    public let options: TransportOptions
    public let hasBackChannel: Bool
    private let state: Mutex<State>

    /// Creates a transport.
    ///
    /// - Parameters:
    ///   - uri: The name it reports (errors carry it).
    ///   - options: The chunk size ``Printer`` uses with it; timeouts come from the callers.
    ///   - hasBackChannel: `false` to act like a CUPS queue or a plain file: reads throw
    ///     ``TransportError/Code/unsupported``.
    ///   - script: The replies.
    ///   - fault: A failure to simulate.
    public init(
        uri: PrinterURI = PrinterURI(.tcp(host: "in-memory.invalid", port: PrinterURI.defaultTCPPort)),
        options: TransportOptions = TransportOptions(),
        hasBackChannel: Bool = true,
        script: Script = .silent,
        fault: Fault? = nil
    ) {
        self.uri = uri
        self.options = options
        self.hasBackChannel = hasBackChannel
        self.state = Mutex(State(script: script, fault: fault))
    }

    /// Every byte accepted so far, in order.
    public var writtenBytes: [UInt8] {
        state.withLock { $0.written }
    }

    /// Whether ``close()`` was called.
    public var isClosed: Bool {
        state.withLock { $0.closed }
    }

    /// Replaces the script, as when a printer's state changes (paper runs out).
    public func setScript(_ script: Script) {
        state.withLock { $0.script = script }
    }

    /// Replaces the fault; `nil` heals the connection (but not one that was reset).
    public func setFault(_ fault: Fault?) {
        state.withLock { $0.fault = fault }
    }

    /// Queues bytes the printer sends by itself, such as an Automatic Status Back block.
    public func sendUnprompted(_ bytes: [UInt8]) {
        state.withLock { $0.pendingReplies += bytes }
    }

    public func write(_ bytes: [UInt8], timeout: Duration) async throws {
        enum Outcome {
            case accepted
            case stalled(delivered: Int)
            case reset(delivered: Int)
            case closed
        }
        let outcome: Outcome = state.withLock { state in
            if state.closed { return .closed }
            if state.reset { return .reset(delivered: 0) }
            var accepted = bytes.count
            var result = Outcome.accepted
            switch state.fault {
            case .stall(let limit):
                let room = max(0, limit - state.written.count)
                if room < bytes.count {
                    accepted = room
                    result = .stalled(delivered: room)
                }
            case .reset(let limit):
                let room = max(0, limit - state.written.count)
                if room < bytes.count {
                    accepted = room
                    state.reset = true
                    result = .reset(delivered: room)
                }
            case .noReply, nil:
                break
            }
            state.written += bytes.prefix(accepted)
            Self.applyRules(to: &state)
            return result
        }
        switch outcome {
        case .accepted:
            return
        case .closed:
            throw TransportError(.closed, "the in-memory transport was closed", uri: uri)
        case .reset(let delivered):
            throw TransportError(
                .disconnected,
                "the connection was reset (simulated)",
                uri: uri,
                bytesDelivered: delivered
            )
        case .stalled(let delivered):
            try await Task.sleep(for: timeout)
            throw TransportError(
                .timeout,
                "the printer accepted no more bytes within \(timeout) (simulated stall)",
                uri: uri,
                bytesDelivered: delivered
            )
        }
    }

    public func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8] {
        guard hasBackChannel else {
            throw TransportError(.unsupported, "this in-memory transport has no back channel", uri: uri)
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let taken: [UInt8]? = try state.withLock { state in
                if state.closed { throw TransportError(.closed, "the in-memory transport was closed", uri: uri) }
                if state.reset { throw TransportError(.disconnected, "the connection was reset (simulated)", uri: uri) }
                guard !state.pendingReplies.isEmpty else { return nil }
                let count = min(maxCount, state.pendingReplies.count)
                let taken = Array(state.pendingReplies.prefix(count))
                state.pendingReplies.removeFirst(count)
                return taken
            }
            if let taken { return taken }
            guard ContinuousClock.now < deadline else {
                throw TransportError(.timeout, "nothing arrived within \(timeout)", uri: uri)
            }
            // Polling keeps this double free of continuations; 2 ms is far below any timeout a test uses.
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    public func close() async {
        state.withLock { $0.closed = true }
    }

    /// Runs the script's rules over the bytes written since the last call, queueing their replies.
    private static func applyRules(to state: inout State) {
        guard state.fault != .noReply else {
            state.scanFrom = state.written.count
            return
        }
        let written = state.written
        var position = state.scanFrom
        // A command is only answered once it is complete, so stop where a longest one could still grow.
        while position < written.count {
            var matched = false
            for rule in state.script.rules where !rule.trigger.isEmpty {
                let end = position + rule.trigger.count + rule.capturing
                guard end <= written.count else { continue }
                if written[position..<(position + rule.trigger.count)].elementsEqual(rule.trigger) {
                    let captured = Array(written[(position + rule.trigger.count)..<end])
                    state.pendingReplies += rule.reply(captured)
                    position = end
                    matched = true
                    break
                }
            }
            if matched { continue }
            // Keep positions where an incomplete command may still complete with the next write.
            let couldGrow = state.script.rules.contains { rule in
                let available = written.count - position
                guard available < rule.trigger.count + rule.capturing else { return false }
                let compared = min(available, rule.trigger.count)
                return written[position..<(position + compared)].elementsEqual(rule.trigger.prefix(compared))
            }
            if couldGrow { break }
            position += 1
        }
        state.scanFrom = position
    }
}
