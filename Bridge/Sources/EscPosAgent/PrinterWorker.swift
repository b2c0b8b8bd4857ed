import EscPos
import EscPosBridgeProtocol
import EscPosImaging
import EscPosPrinting
import EscPosSymbolRendering
import EscPosTemplates
import EscPosTransports
import Foundation
import Logging

/// A printer the agent serves: a name for the REST API, its URI and the profile jobs are compiled for.
public struct ConfiguredPrinter: Sendable, Hashable {
    public var id: String
    public var uri: PrinterURI
    public var profile: PrinterProfile

    public init(id: String, uri: PrinterURI, profile: PrinterProfile) {
        self.id = id
        self.uri = uri
        self.profile = profile
    }

    /// The transport's name: `tcp`, `usb`, `cups`, `file` or `serial`.
    var transport: String {
        switch uri.endpoint {
        case .tcp: "tcp"
        case .usb: "usb"
        case .cups: "cups"
        case .file: "file"
        case .serial: "serial"
        }
    }

    var hasBackChannel: Bool {
        switch uri.endpoint {
        case .cups, .file: false
        case .tcp, .usb, .serial: true
        }
    }

    var description: PrinterDescription {
        PrinterDescription(
            printerId: id,
            transport: transport,
            profile: profile.name,
            columns: profile.columns(for: .a) ?? 48,
            hasBackChannel: hasBackChannel
        )
    }
}

/// Prints one printer's jobs from the spool, one at a time, and watches its status.
actor PrinterWorker {
    let printer: ConfiguredPrinter
    private let spool: Spool
    private let stateDirectory: String
    private let statusPollInterval: Duration
    private let send: @Sendable (AgentMessage) async -> Void
    private let relayNow: @Sendable () async -> Date
    private let logger: Logger
    private let signal = Signal()
    private(set) var status: PrinterState?
    private var waitingReasons: [String: WaitingReason] = [:]

    init(
        printer: ConfiguredPrinter,
        spool: Spool,
        stateDirectory: String,
        statusPollInterval: Duration,
        send: @escaping @Sendable (AgentMessage) async -> Void,
        relayNow: @escaping @Sendable () async -> Date,
        logger: Logger
    ) {
        self.printer = printer
        self.spool = spool
        self.stateDirectory = stateDirectory
        self.statusPollInterval = statusPollInterval
        self.send = send
        self.relayNow = relayNow
        var logger = logger
        logger[metadataKey: "printer"] = "\(printer.id)"
        self.logger = logger
    }

    /// A job for this printer is in the spool.
    func wake() async { await signal.fire() }

    /// Prints jobs and polls the status until cancelled.
    func run() async {
        var nextPoll = ContinuousClock.now
        while !Task.isCancelled {
            do {
                if let job = try await spool.nextJob(printerId: printer.id) {
                    try await process(job)
                    continue
                }
            } catch {
                logger.error("spool error", metadata: ["error": "\(error)"])
            }
            if ContinuousClock.now >= nextPoll {
                _ = await refreshStatus()
                nextPoll = ContinuousClock.now + statusPollInterval
            }
            await signal.wait(timeout: statusPollInterval)
        }
    }

    /// Reads the printer's status (a connection of its own) and reports it when it changed.
    @discardableResult
    func refreshStatus() async -> PrinterState {
        let reading: PrinterState
        if printer.hasBackChannel {
            do {
                let status = try await withPrinterTransport(
                    printer.uri,
                    options: TransportOptions(connectTimeout: .seconds(3), jobTimeout: .seconds(10))
                ) { transport in
                    try await Printer(transport: transport, profile: printer.profile).status()
                }
                reading = PrinterState(status)
            } catch let error as TransportError {
                reading = .unreachable(error.message)
            } catch {
                reading = .unreachable("\(error)")
            }
        } else {
            reading = PrinterState(online: true, paper: .unknown)
        }
        if status.map({ !$0.sameCondition(as: reading) }) ?? true {
            status = reading
            await send(.status(StatusReport(printerId: printer.id, status: reading)))
            logger.info("printer status", metadata: ["problems": "\(reading.problems.joined(separator: "; "))"])
        }
        return reading
    }

    /// Sends the last status again (after a reconnect, or when the relay asks).
    func reportStatus() async {
        if let status { await send(.status(StatusReport(printerId: printer.id, status: status))) }
    }

    // MARK: Printing

    private func process(_ job: Spool.Entry) async throws {
        if job.expiresAt <= (await relayNow()) {
            try await finish(
                JobResult(jobId: job.jobId, outcome: .expired, bytesSent: 0, detail: "not printed before it expired")
            )
            return
        }
        let bytes: [UInt8]
        do {
            bytes = try compile(job)
        } catch let error as EscPosError {
            try await finish(
                JobResult(
                    jobId: job.jobId,
                    outcome: .failed,
                    bytesSent: 0,
                    errorCode: error.code.rawValue,
                    detail: error.description
                )
            )
            return
        }
        // Wait while the printer cannot print: the job is not started, so it stays safe to print later.
        let state = await refreshStatus()
        if let reason = state.waitingReason {
            if waitingReasons[job.jobId] != reason {
                waitingReasons[job.jobId] = reason
                await send(.jobState(JobStateUpdate(jobId: job.jobId, state: .waiting, reason: reason)))
            }
            await signal.wait(timeout: statusPollInterval)
            return
        }
        waitingReasons[job.jobId] = nil
        try await spool.markPrinting(job.jobId)
        FaultPoint.beforeFirstByte.reached()
        await send(.jobState(JobStateUpdate(jobId: job.jobId, state: .printing)))
        let handedOver = Counter()
        do {
            let (delivery, status) = try await withPrinterTransport(
                printer.uri,
                options: TransportOptions(connectTimeout: .seconds(5), jobTimeout: .seconds(120))
            ) { transport in
                let device = Printer(
                    transport: transport,
                    profile: printer.profile,
                    options: Printer.Options(confirmJobs: true)
                )
                var last: Printer.JobResult?
                for _ in 0..<job.copies {
                    last = try await device.send(bytes) { progress in
                        handedOver.add(progress.bytesHandedOver)
                        if progress.bytesHandedOver > 0 && progress.bytesHandedOver < progress.totalBytes {
                            FaultPoint.midStream.reached()
                        }
                    }
                }
                return (last?.delivery ?? .sent, last?.status)
            }
            FaultPoint.afterTransportBeforeSync.reached()
            let confirmation: PrintConfirmation =
                switch delivery {
                case .confirmed(.processID): .processID
                case .confirmed(.statusRoundTrip): .statusRoundTrip
                case .sent: .transport
                }
            try await finish(
                JobResult(
                    jobId: job.jobId,
                    outcome: .printed,
                    bytesSent: bytes.count * job.copies,
                    confirmation: confirmation,
                    printerStatus: status.map(PrinterState.init)
                )
            )
            logger.info("job printed", metadata: ["job": "\(job.jobId)", "confirmation": "\(confirmation.rawValue)"])
        } catch let error as TransportError where handedOver.value == 0 {
            // Nothing reached the printer: the job is safe to try again (until it expires).
            try await spool.requeue(job.jobId)
            logger.warning(
                "printer unreachable; the job waits",
                metadata: ["job": "\(job.jobId)", "error": "\(error.message)"]
            )
            status = .unreachable(error.message)
            await send(.status(StatusReport(printerId: printer.id, status: .unreachable(error.message))))
            if waitingReasons[job.jobId] != .offline {
                waitingReasons[job.jobId] = .offline
                await send(.jobState(JobStateUpdate(jobId: job.jobId, state: .waiting, reason: .offline)))
            }
            await signal.wait(timeout: statusPollInterval)
        } catch let error as TransportError {
            try await finish(
                JobResult(
                    jobId: job.jobId,
                    outcome: .failed,
                    bytesSent: handedOver.value,
                    errorCode: error.code.rawValue,
                    detail: error.message,
                    printerStatus: error.status.map(PrinterState.init)
                )
            )
        }
    }

    /// Commits a result, then reports it (it is resent on every connection until acknowledged).
    private func finish(_ result: JobResult) async throws {
        try await spool.finish(result)
        if result.outcome == .printed { FaultPoint.afterPrintedSync.reached() }
        await send(.jobResult(result))
        FaultPoint.afterResultSent.reached()
    }

    private func compile(_ job: Spool.Entry) throws -> [UInt8] {
        switch job.content.kind {
        case .raw:
            guard let bytes = job.content.bytes else {
                throw EscPosError(.invalidDocument, "the raw job is not valid base64")
            }
            return bytes
        case .document:
            let receipt: Receipt
            do {
                receipt = try JSONDecoder().decode(Receipt.self, from: Data(job.content.body.utf8))
            } catch let error as DecodingError {
                throw EscPosError(error)
            }
            return try compile(receipt)
        }
    }

    private func compile(_ receipt: Receipt) throws -> [UInt8] {
        // Image paths in a document from the network resolve only inside the state directory's `images`:
        // a sender cannot make the agent read other files.
        let options = CompileOptions(
            strict: receipt.options.strict,
            imageDecoder: ImageDecoder(),
            symbolRenderer: ZintSymbolRenderer(),
            imageDirectory: "\(stateDirectory)/images"
        )
        return try ReceiptCompiler(profile: printer.profile, options: options).compile(receipt).bytes
    }

    // MARK: Tests

    func test(_ request: PrinterTest) async -> TestResult {
        switch request.kind {
        case .connectivity:
            let state = await refreshStatus()
            let ready = state.waitingReason == nil
            return TestResult(
                testId: request.testId,
                printerId: printer.id,
                success: state.online || ready,
                detail: ready ? "the printer answered and is ready" : state.problems.joined(separator: "; "),
                status: state
            )
        case .page:
            do {
                let bytes = try compile(Receipt { TestPage(profile: printer.profile) })
                let result = try await withPrinterTransport(printer.uri) { transport in
                    try await Printer(transport: transport, profile: printer.profile).send(bytes)
                }
                return TestResult(
                    testId: request.testId,
                    printerId: printer.id,
                    success: true,
                    detail: "printed the test page (\(result.byteCount) bytes)",
                    status: status
                )
            } catch {
                return TestResult(
                    testId: request.testId,
                    printerId: printer.id,
                    success: false,
                    detail: "\(error)",
                    status: status
                )
            }
        }
    }
}

/// Bytes handed to the printer so far, written from the progress callback.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ handedOver: Int) { lock.withLock { total = max(total, handedOver) } }
    var value: Int { lock.withLock { total } }
}
