import EscPos
import EscPosImaging
import EscPosPrinting
import Foundation
import NIOConcurrencyHelpers

/// What the virtual printer's connections share: the condition its status replies report, and the
/// printing of received jobs (decoding, rendering, files) with the list of kept jobs.
///
/// Thread-safe: replies are computed on the event loop, jobs are printed on the queue's rendering thread.
final class PrinterMechanism: Sendable {
    private struct State {
        var condition: PrinterCondition
        var jobs: [VirtualPrinterServer.Job] = []
        var jobCount = 0
        var printedJobCount = 0
    }

    let configuration: VirtualPrinterServer.Configuration
    private let state: NIOLockedValueBox<State>

    init(configuration: VirtualPrinterServer.Configuration) {
        self.configuration = configuration
        self.state = NIOLockedValueBox(State(condition: configuration.condition))
    }

    var condition: PrinterCondition {
        state.withLockedValue { $0.condition }
    }

    /// Sets the condition; returns whether it changed.
    func setCondition(_ condition: PrinterCondition) -> Bool {
        state.withLockedValue { state in
            defer { state.condition = condition }
            return state.condition != condition
        }
    }

    var jobs: [VirtualPrinterServer.Job] {
        state.withLockedValue { $0.jobs }
    }

    var jobCount: Int {
        state.withLockedValue { $0.jobCount }
    }

    /// The reply to a status request, reading the condition at the moment it is asked.
    func reply(to command: Command) -> [UInt8]? {
        let status = condition.status
        switch command {
        case .realTimeStatus(let n):
            return status.realTimeReply(to: PrinterStatus.RealTimeRequest(rawValue: n)).map { [$0] }
        case .automaticStatusBack(let events):
            return events != 0 ? status.automaticStatusBackBlock : nil
        case .transmitStatus(let n):
            return status.transmitStatusReply(n).map { [$0] }
        case .transmitPrinterID(let n):
            return configuration.profile.virtualPrinterIDReply(n)
        default:
            return nil
        }
    }

    /// Prints one received job: decodes it, renders it unless the condition refuses printing, writes its
    /// files, keeps it in ``jobs`` and deletes the files of jobs beyond
    /// ``VirtualPrinterServer/Configuration/keptJobCount``.
    ///
    /// Blocking work; runs on the queue's rendering thread, never on an event loop.
    ///
    /// - Returns: Whether the job was printed (or had nothing to print) rather than refused, and whether the
    ///   printed-job limit is reached.
    func print(_ received: ReceivedJob) -> (printed: Bool, limitReached: Bool) {
        let bytes = received.bytes
        // Decoded lazily (again for each pass) so a job's commands are never all in memory.
        let commands = CommandDecoder(profile: configuration.profile).commands(in: bytes)
        guard commands.contains(where: { Self.prints($0.command) }) else {
            return (condition.refusalReason == nil, false)
        }
        let (number, refusal) = state.withLockedValue { state -> (Int, String?) in
            state.jobCount += 1
            return (state.jobCount, state.condition.refusalReason)
        }
        var job = VirtualPrinterServer.Job(
            number: number,
            byteCount: received.byteCount,
            refusalReason: refusal,
            text: "",
            files: [],
            notes: [],
            ending: received.ending
        )
        if refusal == nil {
            configuration.willRender?(number)
            let receipt = configuration.renderer.render(commands: commands)
            job.text = receipt.text
            job.notes = receipt.notes
            if received.byteCount > bytes.count {
                job.notes.append(
                    EmulatorNote(
                        offset: bytes.count,
                        kind: .truncatedCommand,
                        message: "the job had \(received.byteCount) bytes; only the first \(bytes.count) were kept "
                            + "and printed"
                    )
                )
            }
            if let directory = configuration.outputDirectory {
                job.files = writeFiles(
                    of: job,
                    bytes: bytes,
                    commands: commands,
                    receipt: receipt,
                    directory: directory
                )
            }
        }
        // Jobs that leave the kept list leave the disk too, so a long-running printer's folder stays bounded.
        // Their files go before the new job is listed, so whoever sees the job sees the folder as it stays.
        // (Only this rendering thread changes the list, so the jobs to drop cannot change meanwhile.)
        let dropped = state.withLockedValue { state in
            state.jobs.prefix(max(0, state.jobs.count + 1 - configuration.keptJobCount))
        }
        for path in dropped.flatMap(\.files) {
            try? FileManager.default.removeItem(atPath: path)
        }
        let limitReached = state.withLockedValue { state -> Bool in
            if job.refusalReason == nil { state.printedJobCount += 1 }
            state.jobs.removeFirst(dropped.count)
            state.jobs.append(job)
            return configuration.printedJobLimit.map { state.printedJobCount >= $0 } ?? false
        }
        configuration.didFinishJob?(job)
        return (job.refusalReason == nil, limitReached)
    }

    /// The ID of a process ID request (`GS ( H` function 48), or `nil` for any other command.
    static func processID(in command: Command) -> [UInt8]? {
        guard case .other(let name, let parameters) = command, name == GSExtendedFunction.responseRequest.mnemonic,
            parameters.count == 6, parameters[0] == StatusCommands.processIDFunction,
            parameters[1] == StatusCommands.processIDFunction
        else { return nil }
        return Array(parameters[2...])
    }

    /// Whether a command puts something on paper (status requests and `ESC @` alone do not make a job).
    private static func prints(_ command: Command) -> Bool {
        switch command {
        case .realTimeStatus, .realTimeRequest, .automaticStatusBack, .transmitPrinterID, .transmitStatus, .initialize:
            return false
        case .realTimeCommand(let function, _, _):
            return function == 1
        case .other(let name, _) where name == GSExtendedFunction.responseRequest.mnemonic:
            return false
        default:
            return true
        }
    }

    private func writeFiles(
        of job: VirtualPrinterServer.Job,
        bytes: [UInt8],
        commands: DecodedCommands,
        receipt: RenderedReceipt,
        directory: String
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
}

/// The bytes of one job as they arrived, handed from its connection to the printing stage.
struct ReceivedJob: Sendable {
    /// The kept bytes (at most ``VirtualPrinterServer/Configuration/maximumJobBytes``).
    var bytes: [UInt8]
    /// How many bytes arrived in all.
    var byteCount: Int
    /// Why the printer stopped reading.
    var ending: VirtualPrinterServer.Job.Ending
}
