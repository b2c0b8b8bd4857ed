import EscPosBridgeProtocol
import Foundation
import GRDB

/// The relay's storage in one SQLite file: WAL, `synchronous = FULL` (a job answered 201 survives a power
/// cut), one writer at a time.
public final class SQLiteRelayStore: RelayStore {
    private let pool: DatabasePool
    /// The most jobs a site may have queued or in flight.
    public let maximumQueuedJobsPerSite: Int

    /// Opens (creating if needed) the database at `path` and applies its migrations.
    public init(path: String, maximumQueuedJobsPerSite: Int = 1000) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        self.maximumQueuedJobsPerSite = maximumQueuedJobsPerSite
        try Self.migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tenants(id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at REAL NOT NULL);
                    CREATE TABLE api_keys(
                        id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                        secret_hash TEXT NOT NULL, created_at REAL NOT NULL, revoked_at REAL);
                    CREATE TABLE sites(
                        id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), name TEXT NOT NULL,
                        created_at REAL NOT NULL, revoked_at REAL, session_epoch INTEGER NOT NULL DEFAULT 0,
                        last_seen REAL, agent_version TEXT, agent_instance TEXT);
                    CREATE INDEX sites_tenant ON sites(tenant_id, id);
                    CREATE TABLE enrollment_tokens(
                        token_hash TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id),
                        expires_at REAL NOT NULL, used_at REAL);
                    CREATE TABLE agent_credentials(
                        agent_id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id),
                        secret_hash TEXT NOT NULL, created_at REAL NOT NULL, revoked_at REAL);
                    CREATE TABLE printers(
                        site_id TEXT NOT NULL REFERENCES sites(id), printer_id TEXT NOT NULL, transport TEXT NOT NULL,
                        profile TEXT NOT NULL, columns INTEGER NOT NULL, has_back_channel INTEGER NOT NULL,
                        status_json TEXT, PRIMARY KEY(site_id, printer_id));
                    CREATE TABLE jobs(
                        id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, site_id TEXT NOT NULL REFERENCES sites(id),
                        printer_id TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, waiting_reason TEXT,
                        kind TEXT NOT NULL, body TEXT NOT NULL, sha256 TEXT NOT NULL, copies INTEGER NOT NULL,
                        priority TEXT NOT NULL, external_id TEXT, metadata_json TEXT NOT NULL, reprint_of TEXT,
                        created_at REAL NOT NULL, expires_at REAL NOT NULL, updated_at REAL NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0, offered_at REAL, session_epoch INTEGER,
                        agent_instance TEXT, result_json TEXT);
                    CREATE INDEX jobs_site_state ON jobs(site_id, state, seq);
                    CREATE INDEX jobs_tenant ON jobs(tenant_id, id);
                    CREATE TABLE job_events(
                        id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL REFERENCES jobs(id),
                        at REAL NOT NULL, from_state TEXT, to_state TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT);
                    CREATE INDEX job_events_job ON job_events(job_id, id);
                    CREATE TABLE idempotency_keys(
                        tenant_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
                        job_id TEXT NOT NULL, response_json TEXT NOT NULL, created_at REAL NOT NULL,
                        PRIMARY KEY(tenant_id, key));
                    """
            )
        }
        return migrator
    }

    // MARK: Administration

    public func createTenant(name: String) async throws -> (tenantId: String, apiKey: String) {
        let tenantId = BridgeID.make()
        let keyId = BridgeID.make()
        let (key, secret) = Secrets.makeAPIKey(id: keyId)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO tenants(id, name, created_at) VALUES (?, ?, ?)",
                arguments: [tenantId, name, Self.now()]
            )
            try db.execute(
                sql: "INSERT INTO api_keys(id, tenant_id, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [keyId, tenantId, Secrets.hash(secret), Self.now()]
            )
        }
        return (tenantId, key)
    }

    public func createAPIKey(tenantId: String) async throws -> (keyId: String, apiKey: String) {
        let keyId = BridgeID.make()
        let (key, secret) = Secrets.makeAPIKey(id: keyId)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_keys(id, tenant_id, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [keyId, tenantId, Secrets.hash(secret), Self.now()]
            )
        }
        return (keyId, key)
    }

    public func revokeAPIKey(keyId: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [Self.now(), keyId]
            )
            return db.changesCount > 0
        }
    }

    public func createSite(
        tenantId: String,
        name: String,
        tokenLifetime: Duration
    ) async throws
        -> (siteId: String, enrollmentToken: String, expiresAt: Date)
    {
        let siteId = BridgeID.make()
        let token = Secrets.makeEnrollmentToken()
        let expiresAt = Date().addingTimeInterval(Double(tokenLifetime.components.seconds))
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO sites(id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)",
                arguments: [siteId, tenantId, name, Self.now()]
            )
            try db.execute(
                sql: "INSERT INTO enrollment_tokens(token_hash, site_id, expires_at) VALUES (?, ?, ?)",
                arguments: [Secrets.hash(token), siteId, expiresAt.timeIntervalSince1970]
            )
        }
        return (siteId, token, expiresAt)
    }

    public func createEnrollmentToken(
        siteId: String,
        lifetime: Duration
    ) async throws -> (
        token: String, expiresAt: Date
    )? {
        let token = Secrets.makeEnrollmentToken()
        let expiresAt = Date().addingTimeInterval(Double(lifetime.components.seconds))
        return try await pool.write { db in
            guard
                try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM sites WHERE id = ? AND revoked_at IS NULL",
                    arguments: [siteId]
                )
                    == true
            else { return nil }
            try db.execute(
                sql: "INSERT INTO enrollment_tokens(token_hash, site_id, expires_at) VALUES (?, ?, ?)",
                arguments: [Secrets.hash(token), siteId, expiresAt.timeIntervalSince1970]
            )
            return (token, expiresAt)
        }
    }

    public func revokeSite(siteId: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [Self.now(), siteId]
            )
            let changed = db.changesCount > 0
            try db.execute(
                sql: "UPDATE agent_credentials SET revoked_at = ? WHERE site_id = ? AND revoked_at IS NULL",
                arguments: [Self.now(), siteId]
            )
            try db.execute(
                sql: "UPDATE enrollment_tokens SET used_at = ? WHERE site_id = ? AND used_at IS NULL",
                arguments: [Self.now(), siteId]
            )
            return changed
        }
    }

    public func tenantExists(_ tenantId: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE id = ?", arguments: [tenantId]) ?? false
        }
    }

    public func sitesRevoked(since date: Date) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT id FROM sites WHERE revoked_at >= ?",
                arguments: [date.timeIntervalSince1970]
            )
        }
    }

    // MARK: Authentication

    public func tenant(apiKey: String) async throws -> String? {
        guard let (keyId, secret) = Secrets.parseAPIKey(apiKey) else { return nil }
        return try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT tenant_id, secret_hash FROM api_keys WHERE id = ? AND revoked_at IS NULL",
                    arguments: [keyId]
                ), Secrets.equal(row["secret_hash"], Secrets.hash(secret))
            else { return nil }
            return row["tenant_id"]
        }
    }

    public func enroll(token: String) async throws -> EnrollResponse? {
        let tokenHash = Secrets.hash(token)
        return try await pool.write { db in
            guard
                let siteId = try String.fetchOne(
                    db,
                    sql: """
                        SELECT t.site_id FROM enrollment_tokens t JOIN sites s ON s.id = t.site_id
                        WHERE t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > ? AND s.revoked_at IS NULL
                        """,
                    arguments: [tokenHash, Self.now()]
                )
            else { return nil }
            try db.execute(
                sql: "UPDATE enrollment_tokens SET used_at = ? WHERE token_hash = ?",
                arguments: [Self.now(), tokenHash]
            )
            let agentId = BridgeID.make()
            let secret = BridgeID.secret(bytes: 32)
            try db.execute(
                sql: "INSERT INTO agent_credentials(agent_id, site_id, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [agentId, siteId, Secrets.hash(secret), Self.now()]
            )
            return EnrollResponse(siteId: siteId, agentId: agentId, credential: "\(agentId).\(secret)")
        }
    }

    public func site(agentCredential: String) async throws -> String? {
        guard let (agentId, secret) = Secrets.parseCredential(agentCredential) else { return nil }
        return try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT c.site_id, c.secret_hash FROM agent_credentials c JOIN sites s ON s.id = c.site_id
                        WHERE c.agent_id = ? AND c.revoked_at IS NULL AND s.revoked_at IS NULL
                        """,
                    arguments: [agentId]
                ), Secrets.equal(row["secret_hash"], Secrets.hash(secret))
            else { return nil }
            return row["site_id"]
        }
    }

    // MARK: Sessions

    public func beginSession(siteId: String, agentVersion: String, agentInstance: String) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE sites SET session_epoch = session_epoch + 1, last_seen = ?, agent_version = ?,
                    agent_instance = ? WHERE id = ?
                    """,
                arguments: [Self.now(), agentVersion, agentInstance, siteId]
            )
            return try Int.fetchOne(db, sql: "SELECT session_epoch FROM sites WHERE id = ?", arguments: [siteId]) ?? 0
        }
    }

    public func touch(siteId: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE sites SET last_seen = ? WHERE id = ?", arguments: [Self.now(), siteId])
        }
    }

    public func replacePrinters(siteId: String, printers: [PrinterDescription]) async throws {
        try await pool.write { db in
            let ids = printers.map(\.printerId)
            if ids.isEmpty {
                try db.execute(sql: "DELETE FROM printers WHERE site_id = ?", arguments: [siteId])
            } else {
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                try db.execute(
                    sql: "DELETE FROM printers WHERE site_id = ? AND printer_id NOT IN (\(marks))",
                    arguments: StatementArguments([siteId] + ids)
                )
            }
            for printer in printers {
                try db.execute(
                    sql: """
                        INSERT INTO printers(site_id, printer_id, transport, profile, columns, has_back_channel)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT(site_id, printer_id) DO UPDATE SET transport = excluded.transport,
                        profile = excluded.profile, columns = excluded.columns,
                        has_back_channel = excluded.has_back_channel
                        """,
                    arguments: [
                        siteId, printer.printerId, printer.transport, printer.profile, printer.columns,
                        printer.hasBackChannel,
                    ]
                )
            }
        }
    }

    public func updateStatus(siteId: String, printerId: String, status: PrinterState) async throws {
        let json = try BridgeJSON.text(status)
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE printers SET status_json = ? WHERE site_id = ? AND printer_id = ?",
                arguments: [json, siteId, printerId]
            )
        }
    }

    // MARK: Reads

    public func sites(tenantId: String) async throws -> [Site] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sites WHERE tenant_id = ? ORDER BY id", arguments: [tenantId])
                .map(Self.site)
        }
    }

    public func site(tenantId: String, siteId: String) async throws -> Site? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM sites WHERE tenant_id = ? AND id = ?",
                arguments: [tenantId, siteId]
            )
            .map(Self.site)
        }
    }

    public func printers(tenantId: String, siteId: String) async throws -> [SitePrinter]? {
        try await pool.read { db in
            guard
                try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM sites WHERE tenant_id = ? AND id = ?",
                    arguments: [tenantId, siteId]
                ) == true
            else { return nil }
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM printers WHERE site_id = ? ORDER BY printer_id",
                arguments: [siteId]
            ).map(Self.printer)
        }
    }

    public func printer(tenantId: String, siteId: String, printerId: String) async throws -> SitePrinter? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT p.* FROM printers p JOIN sites s ON s.id = p.site_id
                    WHERE s.tenant_id = ? AND p.site_id = ? AND p.printer_id = ?
                    """,
                arguments: [tenantId, siteId, printerId]
            ).map(Self.printer)
        }
    }

    public func job(tenantId: String, jobId: String) async throws -> Job? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM jobs WHERE tenant_id = ? AND id = ?",
                arguments: [tenantId, jobId]
            )
            .map(Self.job)
        }
    }

    public func jobs(tenantId: String, query: JobQuery) async throws -> JobPage {
        try await pool.read { db in
            var sql = "SELECT * FROM jobs WHERE tenant_id = ?"
            var arguments: [any DatabaseValueConvertible] = [tenantId]
            if let site = query.siteId {
                sql += " AND site_id = ?"
                arguments.append(site)
            }
            if let state = query.state {
                sql += " AND state = ?"
                arguments.append(state.rawValue)
            }
            if let after = query.after {
                sql += " AND id > ?"
                arguments.append(after)
            }
            sql += " ORDER BY id LIMIT ?"
            arguments.append(query.limit + 1)
            var jobs = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.job)
            var next: String?
            if jobs.count > query.limit {
                jobs.removeLast()
                next = jobs.last?.id
            }
            return JobPage(jobs: jobs, next: next)
        }
    }

    public func events(tenantId: String, jobId: String) async throws -> [JobEvent]? {
        try await pool.read { db in
            guard
                try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM jobs WHERE tenant_id = ? AND id = ?",
                    arguments: [tenantId, jobId]
                )
                    == true
            else { return nil }
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM job_events WHERE job_id = ? ORDER BY id",
                arguments: [jobId]
            ).map { row in
                JobEvent(
                    at: Date(timeIntervalSince1970: row["at"]),
                    from: (row["from_state"] as String?).flatMap(JobState.init(rawValue:)),
                    to: JobState(rawValue: row["to_state"]) ?? .queued,
                    actor: EventActor(rawValue: row["actor"]) ?? .relay,
                    detail: row["detail"]
                )
            }
        }
    }

    // MARK: Writes

    public func createJob(_ new: NewJob) async throws -> CreateJobOutcome {
        let limit = maximumQueuedJobsPerSite
        return try await pool.write { db in
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT request_hash, response_json FROM idempotency_keys WHERE tenant_id = ? AND key = ?",
                arguments: [new.tenantId, new.idempotencyKey]
            ) {
                guard Secrets.equal(row["request_hash"], new.requestHash) else { return .keyReused }
                let text: String = row["response_json"]
                return .replayed(try BridgeJSON.decoder().decode(Job.self, from: Data(text.utf8)), response: text)
            }
            guard
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT 1 FROM printers p JOIN sites s ON s.id = p.site_id
                        WHERE s.tenant_id = ? AND s.id = ? AND s.revoked_at IS NULL AND p.printer_id = ?
                        """,
                    arguments: [new.tenantId, new.siteId, new.printerId]
                ) == true
            else { return .notFound }
            let open =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT COUNT(*) FROM jobs WHERE site_id = ? AND state IN ('queued','offered','accepted','printing','waiting')",
                    arguments: [new.siteId]
                ) ?? 0
            guard open < limit else { return .queueFull(limit: limit) }
            let job = try Self.insertJob(new, db: db)
            let response = try BridgeJSON.text(job)
            try db.execute(
                sql: """
                    INSERT INTO idempotency_keys(tenant_id, key, request_hash, job_id, response_json, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [new.tenantId, new.idempotencyKey, new.requestHash, job.id, response, Self.now()]
            )
            return .created(job, response: response)
        }
    }

    private static func insertJob(_ new: NewJob, db: Database) throws -> Job {
        let now = Date()
        let id = BridgeID.make(at: now)
        let sequence =
            (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM jobs WHERE site_id = ?", arguments: [new.siteId]) ?? 0) + 1
        let expiresAt = now.addingTimeInterval(Double(new.expiresIn))
        let bodyHash = Secrets.hash(bytes: new.content.bytes ?? [])
        try db.execute(
            sql: """
                INSERT INTO jobs(id, tenant_id, site_id, printer_id, seq, state, kind, body, sha256, copies, priority,
                external_id, metadata_json, reprint_of, created_at, expires_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, new.tenantId, new.siteId, new.printerId, sequence, new.content.kind.rawValue, new.content.body,
                bodyHash, new.copies, new.priority.rawValue, new.externalId, try BridgeJSON.text(new.metadata),
                new.reprintOf, now.timeIntervalSince1970, expiresAt.timeIntervalSince1970, now.timeIntervalSince1970,
            ]
        )
        try event(db, jobId: id, from: nil, to: .queued, actor: .api, detail: new.reprintOf.map { "reprint of \($0)" })
        return Job(
            id: id,
            siteId: new.siteId,
            printerId: new.printerId,
            state: .queued,
            kind: new.content.kind,
            copies: new.copies,
            priority: new.priority,
            externalId: new.externalId,
            metadata: new.metadata,
            reprintOf: new.reprintOf,
            createdAt: Date(timeIntervalSince1970: now.timeIntervalSince1970),
            expiresAt: Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970),
            updatedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970)
        )
    }

    public func cancel(tenantId: String, jobId: String) async throws -> CancelOutcome {
        try await pool.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT state FROM jobs WHERE tenant_id = ? AND id = ?",
                    arguments: [tenantId, jobId]
                )
            else { return .notFound }
            let state = JobState(rawValue: row["state"]) ?? .queued
            guard state == .queued || state == .offered else { return .tooLate(state) }
            try Self.transition(db, jobId: jobId, from: state, to: .canceled, actor: .api, detail: nil)
            guard
                let job = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [jobId]).map(Self.job)
            else { return .notFound }
            return .canceled(job, wasOffered: state == .offered)
        }
    }

    public func reprint(tenantId: String, jobId: String, expiresIn: Int) async throws -> ReprintOutcome {
        try await pool.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM jobs WHERE tenant_id = ? AND id = ?",
                    arguments: [tenantId, jobId]
                )
            else { return .notFound }
            let original = Self.job(row)
            guard original.state.isFinal else { return .notFinal(original.state) }
            let new = NewJob(
                tenantId: tenantId,
                siteId: original.siteId,
                printerId: original.printerId,
                idempotencyKey: "",
                requestHash: "",
                content: JobContent(kind: original.kind, body: row["body"]),
                copies: original.copies,
                priority: original.priority,
                expiresIn: expiresIn,
                externalId: original.externalId,
                metadata: original.metadata,
                reprintOf: original.id
            )
            return .created(try Self.insertJob(new, db: db))
        }
    }

    // MARK: Delivery

    public func takeOffers(
        siteId: String,
        epoch: Int,
        limit: Int,
        acceptTimeout: Duration,
        now: Date
    ) async throws
        -> [JobOffer]
    {
        guard limit > 0 else { return [] }
        let staleBefore = now.timeIntervalSince1970 - Double(acceptTimeout.components.seconds)
        return try await pool.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM jobs WHERE site_id = ? AND expires_at > ? AND (state = 'queued' OR (state = 'offered'
                    AND (session_epoch IS NULL OR session_epoch <> ? OR offered_at < ?)))
                    ORDER BY CASE priority WHEN 'high' THEN 0 ELSE 1 END, seq LIMIT ?
                    """,
                arguments: [siteId, now.timeIntervalSince1970, epoch, staleBefore, limit]
            )
            var offers: [JobOffer] = []
            for row in rows {
                let jobId: String = row["id"]
                let attempts: Int = row["attempts"]
                let from = JobState(rawValue: row["state"]) ?? .queued
                try db.execute(
                    sql: """
                        UPDATE jobs SET state = 'offered', attempts = attempts + 1, offered_at = ?, session_epoch = ?,
                        updated_at = ? WHERE id = ?
                        """,
                    arguments: [now.timeIntervalSince1970, epoch, now.timeIntervalSince1970, jobId]
                )
                try Self.event(
                    db,
                    jobId: jobId,
                    from: from,
                    to: .offered,
                    actor: .relay,
                    detail: "attempt \(attempts + 1), session \(epoch)"
                )
                offers.append(
                    JobOffer(
                        jobId: jobId,
                        printerId: row["printer_id"],
                        sessionEpoch: epoch,
                        content: JobContent(kind: JobContent.Kind(rawValue: row["kind"]) ?? .raw, body: row["body"]),
                        sha256: row["sha256"],
                        copies: row["copies"],
                        priority: JobPriority(rawValue: row["priority"]) ?? .normal,
                        sequence: row["seq"],
                        expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                        attempt: attempts + 1
                    )
                )
            }
            return offers
        }
    }

    public func unacceptedCount(siteId: String, epoch: Int) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM jobs WHERE site_id = ? AND state = 'offered' AND session_epoch = ?",
                arguments: [siteId, epoch]
            ) ?? 0
        }
    }

    public func accept(siteId: String, jobId: String, agentInstance: String) async throws {
        try await pool.write { db in
            guard let state = try Self.state(db, siteId: siteId, jobId: jobId), state == .queued || state == .offered
            else { return }
            try db.execute(sql: "UPDATE jobs SET agent_instance = ? WHERE id = ?", arguments: [agentInstance, jobId])
            try Self.transition(db, jobId: jobId, from: state, to: .accepted, actor: .agent, detail: nil)
        }
    }

    public func updateState(siteId: String, jobId: String, state: JobState, reason: WaitingReason?) async throws {
        guard state == .printing || state == .waiting || state == .accepted else { return }
        try await pool.write { db in
            guard let current = try Self.state(db, siteId: siteId, jobId: jobId), !current.isFinal else { return }
            if current == state {
                let stored = try String.fetchOne(
                    db,
                    sql: "SELECT waiting_reason FROM jobs WHERE id = ?",
                    arguments: [jobId]
                )
                if stored == reason?.rawValue { return }
            }
            try db.execute(
                sql: "UPDATE jobs SET waiting_reason = ? WHERE id = ?",
                arguments: [reason?.rawValue, jobId]
            )
            try Self.transition(db, jobId: jobId, from: current, to: state, actor: .agent, detail: reason?.rawValue)
        }
    }

    public func recordResult(siteId: String, result: JobResult) async throws -> Bool {
        let json = try BridgeJSON.text(result)
        return try await pool.write { db in
            guard let current = try Self.state(db, siteId: siteId, jobId: result.jobId) else { return false }
            // A cancel can cross an offer the agent had already accepted: what the paper got wins, so a
            // canceled job the agent printed anyway is recorded as printed.
            let canceledButHandled = current == .canceled && result.outcome != .expired
            // A job put in doubt because another agent instance connected is settled by the instance that
            // had it, when it reports that it printed (or did not).
            let doubtResolved = current == .inDoubt && (result.outcome == .printed || result.outcome == .failed)
            guard !current.isFinal || canceledButHandled || doubtResolved else { return true }
            try db.execute(
                sql: "UPDATE jobs SET result_json = ?, waiting_reason = NULL WHERE id = ?",
                arguments: [json, result.jobId]
            )
            var detail = result.detail
            if let confirmation = result.confirmation {
                detail = "confirmed by \(confirmation.rawValue)" + (detail.map { "; \($0)" } ?? "")
            }
            try Self.transition(
                db,
                jobId: result.jobId,
                from: current,
                to: result.outcome.state,
                actor: .agent,
                detail: detail
            )
            return true
        }
    }

    public func state(siteId: String, jobId: String) async throws -> JobState? {
        try await pool.read { db in try Self.state(db, siteId: siteId, jobId: jobId) }
    }

    public func acceptedJobs(siteId: String) async throws -> [(jobId: String, agentInstance: String?)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id, agent_instance FROM jobs WHERE site_id = ? AND state IN ('accepted','printing','waiting')",
                arguments: [siteId]
            ).map { ($0["id"], $0["agent_instance"]) }
        }
    }

    public func markInDoubt(siteId: String, jobId: String, detail: String) async throws {
        try await pool.write { db in
            guard let current = try Self.state(db, siteId: siteId, jobId: jobId), !current.isFinal else { return }
            try Self.transition(db, jobId: jobId, from: current, to: .inDoubt, actor: .relay, detail: detail)
        }
    }

    public func expireDueJobs(now: Date) async throws -> [String] {
        try await pool.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT id, site_id, state FROM jobs WHERE state IN ('queued','offered') AND expires_at <= ?",
                arguments: [now.timeIntervalSince1970]
            )
            for row in rows {
                try Self.transition(
                    db,
                    jobId: row["id"],
                    from: JobState(rawValue: row["state"]) ?? .queued,
                    to: .expired,
                    actor: .relay,
                    detail: "not accepted by the agent before it expired"
                )
            }
            return Array(Set(rows.map { $0["site_id"] as String }))
        }
    }

    // MARK: Helpers

    private static func now() -> Double { Date().timeIntervalSince1970 }

    private static func state(_ db: Database, siteId: String, jobId: String) throws -> JobState? {
        try String.fetchOne(db, sql: "SELECT state FROM jobs WHERE site_id = ? AND id = ?", arguments: [siteId, jobId])
            .flatMap(JobState.init(rawValue:))
    }

    private static func transition(
        _ db: Database,
        jobId: String,
        from: JobState,
        to: JobState,
        actor: EventActor,
        detail: String?
    ) throws {
        try db.execute(
            sql: "UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?",
            arguments: [to.rawValue, now(), jobId]
        )
        try event(db, jobId: jobId, from: from, to: to, actor: actor, detail: detail)
    }

    private static func event(
        _ db: Database,
        jobId: String,
        from: JobState?,
        to: JobState,
        actor: EventActor,
        detail: String?
    ) throws {
        try db.execute(
            sql: "INSERT INTO job_events(job_id, at, from_state, to_state, actor, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [jobId, now(), from?.rawValue, to.rawValue, actor.rawValue, detail]
        )
    }

    private static func site(_ row: Row) -> Site {
        Site(
            id: row["id"],
            name: row["name"],
            revoked: (row["revoked_at"] as Double?) != nil,
            agentConnected: false,
            lastSeen: (row["last_seen"] as Double?).map(Date.init(timeIntervalSince1970:)),
            agentVersion: row["agent_version"],
            createdAt: Date(timeIntervalSince1970: row["created_at"])
        )
    }

    private static func printer(_ row: Row) -> SitePrinter {
        SitePrinter(
            id: row["printer_id"],
            siteId: row["site_id"],
            transport: row["transport"],
            profile: row["profile"],
            columns: row["columns"],
            hasBackChannel: row["has_back_channel"],
            status: (row["status_json"] as String?).flatMap {
                try? BridgeJSON.decoder().decode(PrinterState.self, from: Data($0.utf8))
            }
        )
    }

    private static func job(_ row: Row) -> Job {
        Job(
            id: row["id"],
            siteId: row["site_id"],
            printerId: row["printer_id"],
            state: JobState(rawValue: row["state"]) ?? .queued,
            waitingReason: (row["waiting_reason"] as String?).flatMap(WaitingReason.init(rawValue:)),
            kind: JobContent.Kind(rawValue: row["kind"]) ?? .raw,
            copies: row["copies"],
            priority: JobPriority(rawValue: row["priority"]) ?? .normal,
            externalId: row["external_id"],
            metadata: (try? JSONDecoder().decode(
                [String: String].self,
                from: Data((row["metadata_json"] as String).utf8)
            ))
                ?? [:],
            reprintOf: row["reprint_of"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            attempts: row["attempts"],
            result: (row["result_json"] as String?).flatMap {
                try? BridgeJSON.decoder().decode(JobResult.self, from: Data($0.utf8))
            }
        )
    }
}
