/// Where a job is, as the relay records it.
///
/// `queued → offered → accepted → printing → printed | failed | inDoubt | expired | canceled`, with
/// `waiting` while the printer cannot print (``WaitingReason``).
public enum JobState: String, Codable, Sendable, CaseIterable, Hashable {
    /// Committed at the relay, not yet sent to the site's agent.
    case queued
    /// Sent to the agent, not yet accepted (sent again on reconnect and after the accept timeout).
    case offered
    /// The agent has the job in its spool, on disk; it will never print it twice.
    case accepted
    /// The agent is sending the job to the printer.
    case printing
    /// The printer cannot print now (paper out, cover open, offline); the job prints when it can.
    case waiting
    /// The printer confirmed the job (or, without a back channel, took every byte).
    case printed
    /// The job did not print: the printer refused it, or no byte reached it before the job ran out of time.
    case failed
    /// The agent stopped while the job was going to the printer: it may have printed, wholly or partly.
    /// It is never printed again by itself; reprint it if the paper shows it did not print.
    case inDoubt
    /// The job was not printed before its `expiresAt`.
    case expired
    /// Canceled before the agent accepted it.
    case canceled

    /// Whether the job can no longer change.
    public var isFinal: Bool {
        switch self {
        case .printed, .failed, .inDoubt, .expired, .canceled: true
        case .queued, .offered, .accepted, .printing, .waiting: false
        }
    }
}

/// Why a job is waiting.
public enum WaitingReason: String, Codable, Sendable, CaseIterable, Hashable {
    case paperOut
    case coverOpen
    case offline
    case printerError
}

/// A job's priority: a `high` job (a kitchen ticket) goes before the `normal` ones queued for its printer.
public enum JobPriority: String, Codable, Sendable, CaseIterable, Hashable {
    case normal
    case high

    /// Sort key: higher first.
    public var rank: Int { self == .high ? 1 : 0 }
}

/// How a finished job ended, as the agent reports it.
public enum JobOutcome: String, Codable, Sendable, CaseIterable, Hashable {
    case printed
    case failed
    case inDoubt
    case expired

    /// The relay state this outcome puts a job in.
    public var state: JobState {
        switch self {
        case .printed: .printed
        case .failed: .failed
        case .inDoubt: .inDoubt
        case .expired: .expired
        }
    }
}

/// How the agent knows a job printed.
public enum PrintConfirmation: String, Codable, Sendable, CaseIterable, Hashable {
    /// The printer answered an Epson process ID request (`GS ( H` function 48) sent after the job.
    case processID
    /// The printer answered a status request (`DLE EOT`) sent after the job, with no error.
    case statusRoundTrip
    /// The transport took every byte; the printer has no back channel to confirm (CUPS, plain files).
    case transport
}
