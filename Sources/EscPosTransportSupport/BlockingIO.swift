package import EscPosPrinting
package import NIOPosix
import Synchronization

/// Runs blocking C calls (poll, libusb, libcups) off Swift's cooperative pool.
///
/// A dedicated pool rather than `NIOThreadPool.singleton`, whose size is the number of cores: a few
/// printers waiting out their timeouts must not queue everyone else's work on a 2-core machine.
package enum BlockingIO {
    package static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 16)
        pool.start()
        return pool
    }()

    /// Runs `body` on the pool. `body` can poll `cancelled()` to stop early; cancelling before it starts
    /// throws ``TransportError/Code/cancelled`` without running it.
    package static func run<T: Sendable>(
        uri: PrinterURI,
        _ body: @escaping @Sendable (_ cancelled: @escaping @Sendable () -> Bool) throws -> T
    ) async throws -> T {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            do {
                return try await pool.runIfActive { try body { flag.isSet } }
            } catch let error as TransportError {
                throw error
            } catch is CancellationError {
                throw TransportError(
                    .cancelled,
                    "the operation was cancelled before it started",
                    uri: uri,
                    bytesDelivered: 0
                )
            } catch {
                throw TransportError(
                    .ioError,
                    "the blocking-I/O thread pool failed: \(error)",
                    uri: uri,
                    underlying: error
                )
            }
        } onCancel: {
            flag.set()
        }
    }
}

/// A flag set from a task-cancellation handler and read from a pool thread.
package final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)
    package var isSet: Bool { value.load(ordering: .acquiring) }
    package func set() { value.store(true, ordering: .releasing) }
}
