import Foundation

/// The body of `POST /v1/sites/{site}/printers/{printer}/jobs`: exactly one of `document` and `raw`.
public struct CreateJobRequest: Codable, Sendable, Hashable {
    /// A receipt document in the library's JSON format.
    public var document: JSONValue?
    /// ESC/POS bytes in base64.
    public var raw: String?
    /// 1–20 (default 1).
    public var copies: Int?
    /// Seconds until the job expires unprinted, 1–86400 (default 600).
    public var expiresIn: Int?
    /// The backend's own reference (≤ 200 characters).
    public var externalId: String?
    /// The backend's notes on the job (≤ 20 entries, keys ≤ 64 and values ≤ 500 characters).
    public var metadata: [String: String]?
    public var priority: JobPriority?

    public init(
        document: JSONValue? = nil,
        raw: String? = nil,
        copies: Int? = nil,
        expiresIn: Int? = nil,
        externalId: String? = nil,
        metadata: [String: String]? = nil,
        priority: JobPriority? = nil
    ) {
        self.document = document
        self.raw = raw
        self.copies = copies
        self.expiresIn = expiresIn
        self.externalId = externalId
        self.metadata = metadata
        self.priority = priority
    }
}

/// A job as the REST API shows it.
public struct Job: Codable, Sendable, Hashable {
    public var id: String
    public var siteId: String
    public var printerId: String
    public var state: JobState
    public var waitingReason: WaitingReason?
    public var kind: JobContent.Kind
    public var copies: Int
    public var priority: JobPriority
    public var externalId: String?
    public var metadata: [String: String]
    public var reprintOf: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var updatedAt: Date
    /// How many times the relay offered it.
    public var attempts: Int
    /// How it ended at the agent, once it has.
    public var result: JobResult?

    public init(
        id: String,
        siteId: String,
        printerId: String,
        state: JobState,
        waitingReason: WaitingReason? = nil,
        kind: JobContent.Kind,
        copies: Int,
        priority: JobPriority,
        externalId: String? = nil,
        metadata: [String: String] = [:],
        reprintOf: String? = nil,
        createdAt: Date,
        expiresAt: Date,
        updatedAt: Date,
        attempts: Int = 0,
        result: JobResult? = nil
    ) {
        self.id = id
        self.siteId = siteId
        self.printerId = printerId
        self.state = state
        self.waitingReason = waitingReason
        self.kind = kind
        self.copies = copies
        self.priority = priority
        self.externalId = externalId
        self.metadata = metadata
        self.reprintOf = reprintOf
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.updatedAt = updatedAt
        self.attempts = attempts
        self.result = result
    }
}

/// A page of jobs; `next` is the `after=` of the following page.
public struct JobPage: Codable, Sendable, Hashable {
    public var jobs: [Job]
    public var next: String?
    public init(jobs: [Job], next: String?) {
        self.jobs = jobs
        self.next = next
    }
}

/// Who made a job change state.
public enum EventActor: String, Codable, Sendable, Hashable {
    case api
    case relay
    case agent
}

/// One transition of a job.
public struct JobEvent: Codable, Sendable, Hashable {
    public var at: Date
    public var from: JobState?
    public var to: JobState
    public var actor: EventActor
    public var detail: String?
    public init(at: Date, from: JobState?, to: JobState, actor: EventActor, detail: String? = nil) {
        self.at = at
        self.from = from
        self.to = to
        self.actor = actor
        self.detail = detail
    }
}

/// The transitions of one job, oldest first.
public struct JobEventList: Codable, Sendable, Hashable {
    public var jobId: String
    public var events: [JobEvent]
    public init(jobId: String, events: [JobEvent]) {
        self.jobId = jobId
        self.events = events
    }
}

/// A site (a branch) and its agent.
public struct Site: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var revoked: Bool
    public var agentConnected: Bool
    public var lastSeen: Date?
    public var agentVersion: String?
    public var createdAt: Date
    public init(
        id: String,
        name: String,
        revoked: Bool,
        agentConnected: Bool,
        lastSeen: Date?,
        agentVersion: String?,
        createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.revoked = revoked
        self.agentConnected = agentConnected
        self.lastSeen = lastSeen
        self.agentVersion = agentVersion
        self.createdAt = createdAt
    }
}

/// A list of sites.
public struct SiteList: Codable, Sendable, Hashable {
    public var sites: [Site]
    public init(sites: [Site]) { self.sites = sites }
}

/// A printer of a site, with the condition its agent last reported.
public struct SitePrinter: Codable, Sendable, Hashable {
    public var id: String
    public var siteId: String
    public var transport: String
    public var profile: String
    public var columns: Int
    public var hasBackChannel: Bool
    /// `nil` until the agent has read it once.
    public var status: PrinterState?
    public init(
        id: String,
        siteId: String,
        transport: String,
        profile: String,
        columns: Int,
        hasBackChannel: Bool,
        status: PrinterState?
    ) {
        self.id = id
        self.siteId = siteId
        self.transport = transport
        self.profile = profile
        self.columns = columns
        self.hasBackChannel = hasBackChannel
        self.status = status
    }
}

/// A site's printers.
public struct PrinterListResponse: Codable, Sendable, Hashable {
    public var printers: [SitePrinter]
    public init(printers: [SitePrinter]) { self.printers = printers }
}

/// The body of `POST /v1/sites/{site}/printers/{printer}/test`.
public struct PrinterTestRequest: Codable, Sendable, Hashable {
    public var kind: PrinterTest.Kind
    public init(kind: PrinterTest.Kind) { self.kind = kind }
}

/// The answer to a printer test.
public struct PrinterTestResponse: Codable, Sendable, Hashable {
    public var kind: PrinterTest.Kind
    public var success: Bool
    public var detail: String
    public var status: PrinterState?
    public init(kind: PrinterTest.Kind, success: Bool, detail: String, status: PrinterState?) {
        self.kind = kind
        self.success = success
        self.detail = detail
        self.status = status
    }
}

/// The body of `POST /v1/enroll`.
public struct EnrollRequest: Codable, Sendable, Hashable {
    public var token: String
    public init(token: String) { self.token = token }
}

/// The answer to an enrollment: the agent's credential, shown this once.
public struct EnrollResponse: Codable, Sendable, Hashable {
    public var siteId: String
    public var agentId: String
    /// `<agentId>.<secret>`, sent as `Authorization: Bearer …` on the WebSocket upgrade.
    public var credential: String
    public init(siteId: String, agentId: String, credential: String) {
        self.siteId = siteId
        self.agentId = agentId
        self.credential = credential
    }
}

/// Every error answer of the REST API: `{"error": {"code": …, "message": …, "path": …}}`.
public struct APIErrorResponse: Codable, Sendable, Hashable, Error {
    public struct Body: Codable, Sendable, Hashable {
        /// Stable, for programs: `unauthorized`, `notFound`, `missingIdempotencyKey`, `idempotencyKeyReused`,
        /// `invalidRequest`, `invalidDocument` (with the library's `documentCode`), `conflict`, ...
        public var code: String
        public var message: String
        /// The field at fault in a document (`blocks[2].columns[0].width`).
        public var path: String?
        /// The library's error code for a document that does not validate (`valueOutOfRange`, ...).
        public var documentCode: String?
        public init(code: String, message: String, path: String? = nil, documentCode: String? = nil) {
            self.code = code
            self.message = message
            self.path = path
            self.documentCode = documentCode
        }
    }

    public var error: Body
    public init(code: String, message: String, path: String? = nil, documentCode: String? = nil) {
        error = Body(code: code, message: message, path: path, documentCode: documentCode)
    }
}
