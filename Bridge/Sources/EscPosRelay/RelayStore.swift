import EscPosBridgeProtocol
import Foundation

/// What the relay keeps: tenants and their keys, sites and their agents, printers, jobs with their
/// history, and idempotency keys. SQLite is the embedded implementation (``SQLiteRelayStore``); every
/// method that names a tenant or a site only ever sees that tenant's or site's rows.
public protocol RelayStore: Sendable {
    // MARK: Administration
    func createTenant(name: String) async throws -> (tenantId: String, apiKey: String)
    func createAPIKey(tenantId: String) async throws -> (keyId: String, apiKey: String)
    func revokeAPIKey(keyId: String) async throws -> Bool
    func createSite(
        tenantId: String,
        name: String,
        tokenLifetime: Duration
    ) async throws
        -> (siteId: String, enrollmentToken: String, expiresAt: Date)
    func revokeSite(siteId: String) async throws -> Bool
    /// A new one-time enrollment token for an existing, unrevoked site (a replaced machine); `nil` if there
    /// is no such site.
    func createEnrollmentToken(siteId: String, lifetime: Duration) async throws -> (token: String, expiresAt: Date)?
    func tenantExists(_ tenantId: String) async throws -> Bool
    /// Sites revoked at or after `date` (the relay closes their sessions, whichever process revoked them).
    func sitesRevoked(since date: Date) async throws -> [String]

    // MARK: Authentication
    /// The tenant of a valid, unrevoked API key.
    func tenant(apiKey: String) async throws -> String?
    /// Exchanges a valid, unused enrollment token for a new agent credential of its site.
    func enroll(token: String) async throws -> EnrollResponse?
    /// The site of a valid, unrevoked agent credential.
    func site(agentCredential: String) async throws -> String?

    // MARK: Sessions
    /// Starts a session of a site: a new epoch, the agent's version, seen now.
    func beginSession(siteId: String, agentVersion: String, agentInstance: String) async throws -> Int
    func touch(siteId: String) async throws
    func replacePrinters(siteId: String, printers: [PrinterDescription]) async throws
    /// Stores a printer's condition; returns whether it differs from the stored one.
    func updateStatus(siteId: String, printerId: String, status: PrinterState) async throws

    // MARK: The REST API's reads (tenant-scoped)
    func sites(tenantId: String) async throws -> [Site]
    func site(tenantId: String, siteId: String) async throws -> Site?
    func printers(tenantId: String, siteId: String) async throws -> [SitePrinter]?
    func printer(tenantId: String, siteId: String, printerId: String) async throws -> SitePrinter?
    func job(tenantId: String, jobId: String) async throws -> Job?
    func jobs(tenantId: String, query: JobQuery) async throws -> JobPage
    func events(tenantId: String, jobId: String) async throws -> [JobEvent]?

    // MARK: The REST API's writes (tenant-scoped)
    func createJob(_ job: NewJob) async throws -> CreateJobOutcome
    func cancel(tenantId: String, jobId: String) async throws -> CancelOutcome
    func reprint(tenantId: String, jobId: String, expiresIn: Int) async throws -> ReprintOutcome

    // MARK: Delivery (site-scoped: an agent only ever touches its own site's jobs)
    /// Marks up to `limit` jobs of the site offered in `epoch` and returns their offers: queued jobs, and
    /// offered jobs of an earlier session or offered longer ago than `acceptTimeout`. High priority first,
    /// then submission order.
    func takeOffers(
        siteId: String,
        epoch: Int,
        limit: Int,
        acceptTimeout: Duration,
        now: Date
    ) async throws
        -> [JobOffer]
    /// How many jobs of the site are offered in `epoch` and not yet accepted.
    func unacceptedCount(siteId: String, epoch: Int) async throws -> Int
    func accept(siteId: String, jobId: String, agentInstance: String) async throws
    func updateState(siteId: String, jobId: String, state: JobState, reason: WaitingReason?) async throws
    /// Records a result (once; a repeated one changes nothing). Returns whether the job is known at the site.
    func recordResult(siteId: String, result: JobResult) async throws -> Bool
    /// The relay's state of a job of the site, or `nil` when the site has no such job.
    func state(siteId: String, jobId: String) async throws -> JobState?
    /// Jobs of the site accepted by an agent and not final: (job id, agent instance).
    func acceptedJobs(siteId: String) async throws -> [(jobId: String, agentInstance: String?)]
    /// Puts a job the agent no longer knows in doubt.
    func markInDoubt(siteId: String, jobId: String, detail: String) async throws
    /// Expires queued and offered jobs whose time is up; returns their sites.
    func expireDueJobs(now: Date) async throws -> [String]
}

/// A filter of `GET /v1/jobs`.
public struct JobQuery: Sendable, Hashable {
    public var siteId: String?
    public var state: JobState?
    public var limit: Int
    public var after: String?
    public init(siteId: String? = nil, state: JobState? = nil, limit: Int = 50, after: String? = nil) {
        self.siteId = siteId
        self.state = state
        self.limit = limit
        self.after = after
    }
}

/// A job to create, validated.
public struct NewJob: Sendable, Hashable {
    public var tenantId: String
    public var siteId: String
    public var printerId: String
    public var idempotencyKey: String
    /// SHA-256 of the request in canonical form: the same key with another body is refused.
    public var requestHash: String
    public var content: JobContent
    public var copies: Int
    public var priority: JobPriority
    public var expiresIn: Int
    public var externalId: String?
    public var metadata: [String: String]
    public var reprintOf: String?
}

/// What `createJob` did.
public enum CreateJobOutcome: Sendable, Hashable {
    /// A new job, and the answer's JSON text (kept, so a replay is byte for byte the same).
    case created(Job, response: String)
    /// The key was used before with the same request: the first answer's text again.
    case replayed(Job, response: String)
    /// The key was used before with another request.
    case keyReused
    /// The site or printer does not exist for this tenant.
    case notFound
    /// The site's queue is full.
    case queueFull(limit: Int)
}

/// What `cancel` did.
public enum CancelOutcome: Sendable, Hashable {
    case canceled(Job, wasOffered: Bool)
    case notFound
    /// The agent already has it.
    case tooLate(JobState)
}

/// What `reprint` did.
public enum ReprintOutcome: Sendable, Hashable {
    case created(Job)
    case notFound
    /// Reprinting is allowed from a final state only.
    case notFinal(JobState)
}
