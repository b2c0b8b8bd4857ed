import EscPosPrinting
import Synchronization

/// The bytes a printer sent back and not yet read: filled by the task that reads the connection, taken by
/// ``TCPTransport/read(upTo:timeout:)``, which waits (with a timeout, honouring cancellation) while it is empty.
final class ReplyBuffer: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var ended = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var cancelled: Set<Int> = []
        var nextWaiter = 0

        /// Removes and returns every waiting reader, to be resumed outside the lock.
        mutating func takeWaiters() -> [CheckedContinuation<Void, Never>] {
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
    }

    private let state = Mutex(State())

    /// Adds bytes that arrived and wakes the reader.
    func append(_ bytes: some Sequence<UInt8>) {
        let waiters = state.withLock { state in
            state.bytes.append(contentsOf: bytes)
            return state.takeWaiters()
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Marks the connection as ended: once the buffer is empty, reads fail with `disconnected`.
    func finish() {
        let waiters = state.withLock { state in
            state.ended = true
            return state.takeWaiters()
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Takes at most `maxCount` bytes, waiting at most `timeout` for the first.
    ///
    /// - Throws: ``TransportError`` `timeout` when nothing arrives in time, `disconnected` when the printer
    ///   closed the connection; `CancellationError` when the task is cancelled.
    func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let bytes = try take(maxCount) { return bytes }
            try Task.checkCancellation()
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw TransportError(
                    .timeout,
                    "the printer sent nothing back within \(timeout); it may not support this request"
                )
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.nextChange() }
                group.addTask { try? await Task.sleep(for: remaining) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func take(_ maxCount: Int) throws -> [UInt8]? {
        try state.withLock { state in
            if state.bytes.isEmpty {
                if state.ended { throw TransportError(.disconnected, "the printer closed the connection") }
                return nil
            }
            let count = min(maxCount, state.bytes.count)
            let taken = Array(state.bytes.prefix(count))
            state.bytes.removeFirst(count)
            return taken
        }
    }

    /// Returns when bytes arrive, the connection ends, or the task is cancelled.
    private func nextChange() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if !state.bytes.isEmpty || state.ended || state.cancelled.contains(id) { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled.insert(id)
                return state.waiters.removeValue(forKey: id)
            }
            waiter?.resume()
        }
        state.withLock { _ = $0.cancelled.remove(id) }
    }
}
