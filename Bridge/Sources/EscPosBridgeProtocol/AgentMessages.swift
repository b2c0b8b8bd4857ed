import Foundation

/// The agent's first message after the WebSocket opens: who it is and what its spool holds that the relay
/// may not know yet (jobs in flight and results not yet acknowledged), so the relay can reconcile.
public struct Hello: Codable, Sendable, Hashable {
    /// One job of the spool and where the agent has it.
    public struct SpoolEntry: Codable, Sendable, Hashable {
        public var jobId: String
        /// `accepted`, `printing`, `waiting`, or the final state of a result not yet acknowledged.
        public var state: JobState
        /// The result, once there is one.
        public var result: JobResult?

        public init(jobId: String, state: JobState, result: JobResult? = nil) {
            self.jobId = jobId
            self.state = state
            self.result = result
        }
    }

    public var agentVersion: String
    /// A random id the agent draws once per spool: a job accepted by one instance is never given to another.
    public var agentInstance: String
    public var protocols: [String]
    /// The agent's clock, so the relay can tell it how far off it is.
    public var clock: Date
    public var spool: [SpoolEntry]

    public init(agentVersion: String, agentInstance: String, protocols: [String], clock: Date, spool: [SpoolEntry]) {
        self.agentVersion = agentVersion
        self.agentInstance = agentInstance
        self.protocols = protocols
        self.clock = clock
        self.spool = spool
    }
}

/// A printer the agent serves, as it describes it.
public struct PrinterDescription: Codable, Sendable, Hashable {
    /// The name the site's printers are known by in the REST API (`kitchen`, `front`): letters, digits,
    /// `-`, `_` and `.`, 1–64 characters.
    public var printerId: String
    /// `tcp`, `usb`, `cups`, `file` or `serial`.
    public var transport: String
    /// The profile jobs are compiled for.
    public var profile: String
    /// Characters per line in the profile's default font.
    public var columns: Int
    /// Whether the printer can answer status requests (and so confirm jobs).
    public var hasBackChannel: Bool

    public init(printerId: String, transport: String, profile: String, columns: Int, hasBackChannel: Bool) {
        self.printerId = printerId
        self.transport = transport
        self.profile = profile
        self.columns = columns
        self.hasBackChannel = hasBackChannel
    }

    /// Whether `name` is a valid printer id.
    public static func isValidID(_ name: some StringProtocol) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")].contains(byte)
            }
    }
}

/// The site's printers (sent after `hello` and whenever the list changes).
public struct PrinterList: Codable, Sendable, Hashable {
    public var printers: [PrinterDescription]
    public init(printers: [PrinterDescription]) { self.printers = printers }
}

/// A printer's condition changed (or the relay asked).
public struct StatusReport: Codable, Sendable, Hashable {
    public var printerId: String
    public var status: PrinterState
    public init(printerId: String, status: PrinterState) {
        self.printerId = printerId
        self.status = status
    }
}

/// The job is in the agent's spool, on disk (sent only after the write is synced).
public struct JobAccepted: Codable, Sendable, Hashable {
    public var jobId: String
    public var agentInstance: String
    public init(jobId: String, agentInstance: String) {
        self.jobId = jobId
        self.agentInstance = agentInstance
    }
}

/// The job started printing, or waits for the printer.
public struct JobStateUpdate: Codable, Sendable, Hashable {
    public var jobId: String
    /// `printing` or `waiting`.
    public var state: JobState
    public var reason: WaitingReason?
    public init(jobId: String, state: JobState, reason: WaitingReason? = nil) {
        self.jobId = jobId
        self.state = state
        self.reason = reason
    }
}

/// How a job ended at the agent. Resent on every connection until the relay acknowledges it.
public struct JobResult: Codable, Sendable, Hashable {
    public var jobId: String
    public var outcome: JobOutcome
    /// Bytes handed to the printer (all copies).
    public var bytesSent: Int
    /// How the printer confirmed a printed job.
    public var confirmation: PrintConfirmation?
    /// The library's error code for a failed job (`printerNotReady`, `invalidDocument`, ...).
    public var errorCode: String?
    /// What happened, in words.
    public var detail: String?
    /// The printer's condition after the job, where it was read.
    public var printerStatus: PrinterState?
    public var at: Date

    public init(
        jobId: String,
        outcome: JobOutcome,
        bytesSent: Int,
        confirmation: PrintConfirmation? = nil,
        errorCode: String? = nil,
        detail: String? = nil,
        printerStatus: PrinterState? = nil,
        at: Date = Date()
    ) {
        self.jobId = jobId
        self.outcome = outcome
        self.bytesSent = bytesSent
        self.confirmation = confirmation
        self.errorCode = errorCode
        self.detail = detail
        self.printerStatus = printerStatus
        self.at = at
    }
}

/// The result of a `printer.test`.
public struct TestResult: Codable, Sendable, Hashable {
    public var testId: String
    public var printerId: String
    public var success: Bool
    public var detail: String
    public var status: PrinterState?
    public init(testId: String, printerId: String, success: Bool, detail: String, status: PrinterState? = nil) {
        self.testId = testId
        self.printerId = printerId
        self.success = success
        self.detail = detail
        self.status = status
    }
}

/// Sent every heartbeat interval: what the agent is doing (liveness itself is WebSocket ping and pong).
public struct Heartbeat: Codable, Sendable, Hashable {
    /// Jobs in the spool not yet printed.
    public var queueDepth: Int
    public init(queueDepth: Int) { self.queueDepth = queueDepth }
}

/// A message from an agent to the relay.
public enum AgentMessage: Sendable, Hashable {
    case hello(Hello)
    case printers(PrinterList)
    case status(StatusReport)
    case jobAccepted(JobAccepted)
    case jobState(JobStateUpdate)
    case jobResult(JobResult)
    case testResult(TestResult)
    case heartbeat(Heartbeat)
    /// A type this version does not know: tolerated and ignored.
    case unknown(type: String)

    /// The `type` field.
    public var type: String {
        switch self {
        case .hello: "hello"
        case .printers: "printers"
        case .status: "status"
        case .jobAccepted: "job.accepted"
        case .jobState: "job.state"
        case .jobResult: "job.result"
        case .testResult: "test.result"
        case .heartbeat: "heartbeat"
        case .unknown(let type): type
        }
    }
}
