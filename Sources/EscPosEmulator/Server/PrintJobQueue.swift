import NIOCore
import NIOPosix

/// The virtual printer's job queue: which connection is being served, which wait their turn, and the
/// printing of received jobs one at a time on the server's own rendering thread.
///
/// Lives on the server's event loop (the listener and every connection share it, so connections are
/// admitted in accept order). Nothing here blocks: rendering happens on its own thread, so status
/// requests on every connection are answered while a job renders.
///
/// Bounds: at most ``VirtualPrinterServer/Configuration/maximumQueuedConnections`` connections wait
/// (each read up to ``PrintJobConnection/waitingReadLimit`` bytes until its turn), one job is being
/// received, one received job waits for the renderer and one renders.
final class PrintJobQueue {
    let eventLoop: any EventLoop
    private let mechanism: PrinterMechanism
    var listener: (any Channel)?
    private var waiting = CircularBuffer<PrintJobConnection>()
    private var active: PrintJobConnection?
    /// Jobs waiting for the rendering thread, with the connection and process ID to answer once printed.
    private var received = CircularBuffer<(job: ReceivedJob, answer: (id: [UInt8], connection: PrintJobConnection)?)>()
    private var isPrinting = false
    /// One thread for rendering and writing files: jobs print in order, and a render never competes with
    /// the event loop or with other users of NIO's shared pool.
    private let renderer = NIOThreadPool(numberOfThreads: 1)
    private(set) var isStopped = false
    /// Succeeds once the queue stopped and the job being printed is finished.
    let stopped: EventLoopPromise<Void>

    init(eventLoop: any EventLoop, mechanism: PrinterMechanism) {
        self.eventLoop = eventLoop
        self.mechanism = mechanism
        self.stopped = eventLoop.makePromise()
        renderer.start()
        let renderer = self.renderer
        stopped.futureResult.whenComplete { _ in renderer.shutdownGracefully { _ in } }
    }

    /// Takes a new connection into the queue; `false` when the queue is full or stopped (the connection
    /// is then refused).
    func admit(_ connection: PrintJobConnection) -> Bool {
        guard !isStopped, waiting.count < mechanism.configuration.maximumQueuedConnections else { return false }
        waiting.append(connection)
        serveNext()
        return true
    }

    /// The connection's job is complete (its client closed, a timeout ran out, or the connection failed).
    func finished(_ connection: PrintJobConnection, job: ReceivedJob) {
        if active === connection {
            active = nil
        } else if let index = waiting.firstIndex(where: { $0 === connection }) {
            waiting.remove(at: index)
        }
        if !isStopped {
            received.append((job, nil))
            printNext()
        }
        serveNext()
    }

    /// Prints a job that a process ID request ended, while its connection stays active, and sends the
    /// process ID response on the connection once the job is printed (not when the printer refuses it).
    func print(_ job: ReceivedJob, answering id: [UInt8], on connection: PrintJobConnection) {
        guard !isStopped else { return }
        received.append((job, (id, connection)))
        printNext()
    }

    /// Sends an Automatic Status Back message to every connection that enabled it.
    func broadcast(_ message: [UInt8]) {
        active?.sendStatusBack(message)
        for connection in waiting { connection.sendStatusBack(message) }
    }

    /// Stops taking jobs: closes the listener and every connection not yet finished; the job being printed
    /// is finished first.
    func stop() {
        guard !isStopped else { return }
        isStopped = true
        listener?.close(promise: nil)
        active?.abandon()
        active = nil
        for connection in waiting { connection.abandon() }
        waiting.removeAll()
        received.removeAll()
        if !isPrinting { stopped.succeed(()) }
    }

    /// Serves the next waiting connection when none is being received and no received job waits for the
    /// renderer (so memory holds at most one job in each stage).
    private func serveNext() {
        while !isStopped, active == nil, received.isEmpty, let next = waiting.popFirst() {
            active = next
            next.activate()
        }
    }

    private func printNext() {
        guard !isPrinting, let (job, answer) = received.popFirst() else { return }
        isPrinting = true
        let mechanism = self.mechanism
        renderer.runIfActive(eventLoop: eventLoop) { mechanism.print(job) }
            .assumeIsolated()
            .whenComplete { result in
                self.isPrinting = false
                if case .success(let outcome) = result, outcome.printed, let answer {
                    answer.connection.sendProcessIDResponse(answer.id)
                }
                if case .success(let outcome) = result, outcome.limitReached {
                    self.stop()  // the printed-job limit: completes `stopped`
                    return
                }
                if self.isStopped {
                    self.stopped.succeed(())
                    return
                }
                self.printNext()
                self.serveNext()
            }
    }
}
