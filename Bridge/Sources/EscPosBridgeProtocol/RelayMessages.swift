import Foundation

/// The relay's answer to `hello`.
public struct Welcome: Codable, Sendable, Hashable {
    /// Increases with every session of the site; offers carry it.
    public var sessionEpoch: Int
    public var siteId: String
    /// The relay's clock: the agent measures job expiry against it.
    public var serverTime: Date
    /// How often the agent sends `heartbeat`; a peer silent for 2 × this + 5 s is dead.
    public var heartbeatSeconds: Int
    public var maximumJobBytes: Int
    /// At most this many offers are unaccepted at once.
    public var window: Int

    public init(
        sessionEpoch: Int,
        siteId: String,
        serverTime: Date,
        heartbeatSeconds: Int,
        maximumJobBytes: Int,
        window: Int
    ) {
        self.sessionEpoch = sessionEpoch
        self.siteId = siteId
        self.serverTime = serverTime
        self.heartbeatSeconds = heartbeatSeconds
        self.maximumJobBytes = maximumJobBytes
        self.window = window
    }
}

/// The relay's view of the jobs the agent listed in `hello`.
public struct Reconcile: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        public var jobId: String
        /// The relay's state, or `nil` when the relay does not know the job (the agent forgets it).
        public var state: JobState?
        public init(jobId: String, state: JobState?) {
            self.jobId = jobId
            self.state = state
        }
    }

    public var jobs: [Entry]
    public init(jobs: [Entry]) { self.jobs = jobs }
}

/// A job for one of the agent's printers. Offered again until accepted; the agent's spool makes a second
/// offer of the same id harmless.
public struct JobOffer: Codable, Sendable, Hashable {
    public var jobId: String
    public var printerId: String
    public var sessionEpoch: Int
    public var content: JobContent
    /// SHA-256 of the content's bytes, lower-case hex; the agent refuses a body that does not match.
    public var sha256: String
    public var copies: Int
    public var priority: JobPriority
    /// Order of submission within the site.
    public var sequence: Int
    /// After this (relay time), the job is never printed.
    public var expiresAt: Date
    /// 1 for the first offer.
    public var attempt: Int

    public init(
        jobId: String,
        printerId: String,
        sessionEpoch: Int,
        content: JobContent,
        sha256: String,
        copies: Int,
        priority: JobPriority,
        sequence: Int,
        expiresAt: Date,
        attempt: Int
    ) {
        self.jobId = jobId
        self.printerId = printerId
        self.sessionEpoch = sessionEpoch
        self.content = content
        self.sha256 = sha256
        self.copies = copies
        self.priority = priority
        self.sequence = sequence
        self.expiresAt = expiresAt
        self.attempt = attempt
    }
}

/// The relay stored a job's result; the agent stops resending it.
public struct ResultAck: Codable, Sendable, Hashable {
    public var jobId: String
    public init(jobId: String) { self.jobId = jobId }
}

/// Cancel a job the agent has not started printing (it answers with a `failed` result if it dropped it).
public struct JobCancel: Codable, Sendable, Hashable {
    public var jobId: String
    public init(jobId: String) { self.jobId = jobId }
}

/// Test a printer: `connectivity` is a status round trip, `page` prints the test page for its profile.
public struct PrinterTest: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case connectivity
        case page
    }

    public var testId: String
    public var printerId: String
    public var kind: Kind
    public init(testId: String, printerId: String, kind: Kind) {
        self.testId = testId
        self.printerId = printerId
        self.kind = kind
    }
}

/// A message from the relay to an agent.
public enum RelayMessage: Sendable, Hashable {
    case welcome(Welcome)
    case reconcile(Reconcile)
    case jobOffer(JobOffer)
    case resultAck(ResultAck)
    case jobCancel(JobCancel)
    case printerTest(PrinterTest)
    /// Send every printer's status now.
    case statusRequest
    /// A type this version does not know: tolerated and ignored.
    case unknown(type: String)

    /// The `type` field.
    public var type: String {
        switch self {
        case .welcome: "welcome"
        case .reconcile: "reconcile"
        case .jobOffer: "job.offer"
        case .resultAck: "result.ack"
        case .jobCancel: "job.cancel"
        case .printerTest: "printer.test"
        case .statusRequest: "status.request"
        case .unknown(let type): type
        }
    }
}
