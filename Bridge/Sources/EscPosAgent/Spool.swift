import EscPosBridgeProtocol
import Foundation
import GRDB

/// The agent's ledger: every job it was offered, by job id, on disk (SQLite, WAL, `synchronous = FULL`).
///
/// The rules that make printing exactly once: a known job id is never printed again; `printing` is
/// committed before the first byte and `printed`/`failed` right after the printer's confirmation; a job
/// found `printing` at start is put in doubt, never printed again; a result is kept until the relay
/// acknowledges it. Rows stay 14 days, longer than any job lives.
public final class Spool: Sendable {
    /// A job of the spool.
    public struct Entry: Sendable, Hashable {
        public var jobId: String
        public var printerId: String
        public var sequence: Int
        public var priority: JobPriority
        public var content: JobContent
        public var copies: Int
        public var expiresAt: Date
        public var state: State
        public var result: JobResult?
        public var reported: Bool
    }

    /// Where a job is in the spool.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case received
        case printing
        case printed
        case failed
        case inDoubt
        case expired

        /// The relay-side state this stands for.
        var jobState: JobState {
            switch self {
            case .received: .accepted
            case .printing: .printing
            case .printed: .printed
            case .failed: .failed
            case .inDoubt: .inDoubt
            case .expired: .expired
            }
        }
    }

    private let pool: DatabasePool
    /// A random id drawn once per spool: a job accepted by this spool is never given to another.
    public let agentInstance: String

    /// Opens (creating) `<state-dir>/spool.sqlite`.
    public init(stateDirectory: String) throws(AgentError) {
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            pool = try DatabasePool(path: "\(stateDirectory)/spool.sqlite", configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE jobs(
                            job_id TEXT PRIMARY KEY, printer_id TEXT NOT NULL, sequence INTEGER NOT NULL,
                            priority TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL, copies INTEGER NOT NULL,
                            expires_at REAL NOT NULL, state TEXT NOT NULL, bytes_sent INTEGER NOT NULL DEFAULT 0,
                            result_json TEXT, reported INTEGER NOT NULL DEFAULT 0, received_at REAL NOT NULL,
                            updated_at REAL NOT NULL);
                        CREATE INDEX jobs_next ON jobs(printer_id, state, priority, sequence);
                        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                        """
                )
            }
            try migrator.migrate(pool)
            agentInstance = try pool.write { db in
                if let instance = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'agentInstance'") {
                    return instance
                }
                let instance = BridgeID.make()
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('agentInstance', ?)", arguments: [instance])
                return instance
            }
        } catch {
            throw AgentError(.spool, "cannot open the spool in \(stateDirectory): \(error)")
        }
    }

    /// Stores an offer unless the job is known; returns the job as the spool has it, and whether it is new.
    public func receive(_ offer: JobOffer) async throws -> (entry: Entry, isNew: Bool) {
        try await pool.write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE job_id = ?", arguments: [offer.jobId])
            {
                return (Self.entry(existing), false)
            }
            let now = Date().timeIntervalSince1970
            try db.execute(
                sql: """
                    INSERT INTO jobs(job_id, printer_id, sequence, priority, kind, body, copies, expires_at, state,
                    received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)
                    """,
                arguments: [
                    offer.jobId, offer.printerId, offer.sequence, offer.priority.rawValue, offer.content.kind.rawValue,
                    offer.content.body, offer.copies, offer.expiresAt.timeIntervalSince1970, now, now,
                ]
            )
            let entry = Entry(
                jobId: offer.jobId,
                printerId: offer.printerId,
                sequence: offer.sequence,
                priority: offer.priority,
                content: offer.content,
                copies: offer.copies,
                expiresAt: offer.expiresAt,
                state: .received,
                result: nil,
                reported: false
            )
            return (entry, true)
        }
    }

    /// The next job to print on a printer: high priority first, then in order of submission.
    public func nextJob(printerId: String) async throws -> Entry? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM jobs WHERE printer_id = ? AND state = 'received'
                    ORDER BY CASE priority WHEN 'high' THEN 0 ELSE 1 END, sequence LIMIT 1
                    """,
                arguments: [printerId]
            ).map(Self.entry)
        }
    }

    /// Commits `printing` (before the first byte).
    public func markPrinting(_ jobId: String) async throws {
        try await setState(jobId, .printing, from: [.received])
    }

    /// Puts a job back to `received` after an attempt that delivered no byte.
    public func requeue(_ jobId: String) async throws {
        try await setState(jobId, .received, from: [.printing])
    }

    /// Commits a job's result (right after the printer answered).
    public func finish(_ result: JobResult, reported: Bool = false) async throws {
        let json = try BridgeJSON.text(result)
        let state: State =
            switch result.outcome {
            case .printed: .printed
            case .failed: .failed
            case .inDoubt: .inDoubt
            case .expired: .expired
            }
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE jobs SET state = ?, result_json = ?, bytes_sent = ?, reported = ?, updated_at = ?
                    WHERE job_id = ?
                    """,
                arguments: [
                    state.rawValue, json, result.bytesSent, reported, Date().timeIntervalSince1970, result.jobId,
                ]
            )
        }
    }

    /// The relay has the result: stop resending it.
    public func markReported(_ jobId: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE jobs SET reported = 1 WHERE job_id = ? AND result_json IS NOT NULL",
                arguments: [jobId]
            )
        }
    }

    /// After a crash: every job that was `printing` may have printed; it goes in doubt and is never printed again.
    public func recoverInterruptedJobs() async throws -> [JobResult] {
        let interrupted = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM jobs WHERE state = 'printing'").map(Self.entry)
        }
        var results: [JobResult] = []
        for entry in interrupted {
            let result = JobResult(
                jobId: entry.jobId,
                outcome: .inDoubt,
                bytesSent: 0,
                errorCode: "interrupted",
                detail:
                    "the agent stopped while the job was going to the printer; it may have printed, wholly or partly"
            )
            try await finish(result)
            results.append(result)
        }
        return results
    }

    /// Jobs the relay may not know the state of: in flight, or with a result not yet acknowledged.
    public func unreported() async throws -> [Entry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM jobs WHERE reported = 0 ORDER BY sequence").map(Self.entry)
        }
    }

    /// Follows the relay's answer about a job listed in `hello`: a job it no longer has, or has canceled, is
    /// dropped if it has not started printing; a job it has as final is reported.
    public func reconcile(jobId: String, relayState: JobState?) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE job_id = ?", arguments: [jobId]) else {
                return
            }
            let entry = Self.entry(row)
            switch relayState {
            case nil, .canceled?, .expired?:
                if entry.state == .received {
                    let result = JobResult(
                        jobId: jobId,
                        outcome: .failed,
                        bytesSent: 0,
                        errorCode: "canceled",
                        detail: "the relay canceled or no longer has the job"
                    )
                    try db.execute(
                        sql: "UPDATE jobs SET state = 'failed', result_json = ?, reported = 1 WHERE job_id = ?",
                        arguments: [try BridgeJSON.text(result), jobId]
                    )
                } else if entry.result != nil {
                    try db.execute(sql: "UPDATE jobs SET reported = 1 WHERE job_id = ?", arguments: [jobId])
                }
            case let state? where state.isFinal && entry.result != nil:
                try db.execute(sql: "UPDATE jobs SET reported = 1 WHERE job_id = ?", arguments: [jobId])
            case let state? where state.isFinal && entry.state == .received:
                // The relay settled the job without this agent (put it in doubt when another agent instance
                // of the site connected meanwhile): printing it now could make a second copy.
                let result = JobResult(
                    jobId: jobId,
                    outcome: .failed,
                    bytesSent: 0,
                    errorCode: "settledByRelay",
                    detail: "the relay had already settled the job as \(state.rawValue)"
                )
                try db.execute(
                    sql: "UPDATE jobs SET state = 'failed', result_json = ?, reported = 1 WHERE job_id = ?",
                    arguments: [try BridgeJSON.text(result), jobId]
                )
            default:
                break
            }
        }
    }

    /// Drops a job not yet printing (the relay canceled it); returns whether it was dropped.
    public func cancel(_ jobId: String) async throws -> Bool {
        try await pool.write { db in
            let result = JobResult(
                jobId: jobId,
                outcome: .failed,
                bytesSent: 0,
                errorCode: "canceled",
                detail: "canceled by the relay"
            )
            try db.execute(
                sql: "UPDATE jobs SET state = 'failed', result_json = ? WHERE job_id = ? AND state = 'received'",
                arguments: [try BridgeJSON.text(result), jobId]
            )
            return db.changesCount > 0
        }
    }

    /// How many jobs are in each state, and how many results the relay has not acknowledged.
    public func counts() async throws -> (byState: [State: Int], unreported: Int) {
        try await pool.read { db in
            var byState: [State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM jobs GROUP BY state") {
                if let state = State(rawValue: row["state"]) { byState[state] = row["n"] }
            }
            let unreported =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE reported = 0 AND result_json IS NOT NULL")
                ?? 0
            return (byState, unreported)
        }
    }

    /// Jobs waiting to print.
    public func queueDepth() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE state IN ('received','printing')") ?? 0
        }
    }

    /// Deletes reported jobs older than `age` (14 days by default: longer than any job may live).
    public func prune(olderThan age: TimeInterval = 14 * 86_400) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM jobs WHERE reported = 1 AND updated_at < ?",
                arguments: [Date().timeIntervalSince1970 - age]
            )
        }
    }

    /// A value of the agent's own (the printers it was last run with, for `escpos-agent status`).
    public func setMeta(_ key: String, _ value: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    public func meta(_ key: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        }
    }

    private func setState(_ jobId: String, _ state: State, from: [State]) async throws {
        try await pool.write { db in
            let marks = from.map { "'\($0.rawValue)'" }.joined(separator: ",")
            try db.execute(
                sql: "UPDATE jobs SET state = ?, updated_at = ? WHERE job_id = ? AND state IN (\(marks))",
                arguments: [state.rawValue, Date().timeIntervalSince1970, jobId]
            )
        }
    }

    private static func entry(_ row: Row) -> Entry {
        Entry(
            jobId: row["job_id"],
            printerId: row["printer_id"],
            sequence: row["sequence"],
            priority: JobPriority(rawValue: row["priority"]) ?? .normal,
            content: JobContent(kind: JobContent.Kind(rawValue: row["kind"]) ?? .raw, body: row["body"]),
            copies: row["copies"],
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
            state: State(rawValue: row["state"]) ?? .received,
            result: (row["result_json"] as String?).flatMap {
                try? BridgeJSON.decoder().decode(JobResult.self, from: Data($0.utf8))
            },
            reported: row["reported"]
        )
    }
}
