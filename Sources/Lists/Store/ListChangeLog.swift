import PostgresNIO

/// The central list's change log, kept in the PostgreSQL store so that border posts can follow the list by
/// deltas (`ListSync`): for each generation a delta import made, the ids of the records it added, changed
/// or withdrew. A sync reads the ids changed since the post's generation and sends each one's record as it
/// stands now, or a withdrawal when it is gone.
///
/// - `list_changes (generation, record_id)`: one row per id an import touched.
/// - `list_change_log`: one row. `list_id` names this central list (posts keep it; a post whose list came
///   from elsewhere gets a full copy); the log holds every change of the generations after `complete_after`
///   and was written by every import up to `logged_through` (an import by a docguard without the log leaves
///   it behind, and posts then get a full copy); `keep_generations` bounds it.
/// - A replace or a first load clears the log (`complete_after` moves to that generation). After each delta
///   the oldest generations go while more than `keep_generations` generations are kept, or while the
///   changes kept outnumber the list's records (a full copy is then no more work than the log).
enum ListChangeLog {
    /// Generations of changes kept by default (an operator may change `list_change_log.keep_generations`).
    static let defaultKeptGenerations = 1_000

    /// The tables, created when missing: a central database made before the log gets them when opened.
    static let schema = [
        """
        CREATE TABLE IF NOT EXISTS list_changes (
            generation integer NOT NULL, record_id text NOT NULL, PRIMARY KEY (generation, record_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS list_change_log (
            single boolean PRIMARY KEY DEFAULT true CHECK (single), list_id text NOT NULL,
            complete_after integer NOT NULL, logged_through integer NOT NULL,
            keep_generations integer NOT NULL DEFAULT \(defaultKeptGenerations))
        """,
    ]

    /// Writes the log's row when missing. A list already there when the log is first made has no changes
    /// logged: the log starts at its generation. Checked before inserting, so a role that may only read
    /// opens a database that has the row.
    static func start(_ store: PostgresListStore) throws {
        guard try store.query("SELECT count(*) FROM list_change_log").first?.decode(Int.self) == 0 else { return }
        _ = try store.query(PostgresQuery(unsafeSQL: startStatement))
    }

    /// The statement `start` runs; safe to run again (`docguard central setup` runs it too).
    static let startStatement = """
        INSERT INTO list_change_log (list_id, complete_after, logged_through)
        SELECT gen_random_uuid()::text, g, g
        FROM (SELECT coalesce((SELECT value::integer FROM list_info WHERE key = 'generation'), 0) AS g) AS current
        ON CONFLICT DO NOTHING
        """

    /// Notes the ids of one batch of a delta import (in a table of the import's transaction: the generation is
    /// known only at its end); returns that the table exists.
    static func note(_ ids: [String], store: PostgresListStore, created: Bool) throws -> Bool {
        if !created {
            _ = try store.query("CREATE TEMP TABLE import_changed (record_id text PRIMARY KEY) ON COMMIT DROP")
        }
        _ = try store.query(
            "INSERT INTO import_changed (record_id) SELECT unnest(\(ids)::text[]) ON CONFLICT DO NOTHING")
        return true
    }

    /// At the end of an import that makes `generation` with `records` records: with `noted` (a delta; true
    /// when ids were noted) the noted ids are logged and the log trimmed, otherwise the log starts afresh.
    static func finish(_ store: PostgresListStore, generation: Int, records: Int, noted: Bool?) throws {
        guard let noted else {
            _ = try store.query("DELETE FROM list_changes")
            _ = try store.query(
                "UPDATE list_change_log SET complete_after = \(generation), logged_through = \(generation)")
            return
        }
        if noted {
            _ = try store.query(
                "INSERT INTO list_changes (generation, record_id) SELECT \(generation), record_id FROM import_changed")
        }
        let cut =
            try store.query(
                """
                WITH per AS (SELECT generation, count(*) AS n FROM list_changes GROUP BY generation),
                ranked AS (
                    SELECT generation, sum(n) OVER (ORDER BY generation DESC) AS since,
                        row_number() OVER (ORDER BY generation DESC) AS newer
                    FROM per)
                SELECT coalesce(max(generation), 0)::bigint FROM ranked
                WHERE newer > (SELECT keep_generations FROM list_change_log) OR since > \(records)
                """
            ).first?.decode(Int.self) ?? 0
        if cut > 0 { _ = try store.query("DELETE FROM list_changes WHERE generation <= \(cut)") }
        _ = try store.query(
            """
            UPDATE list_change_log SET complete_after = greatest(complete_after, \(cut)), logged_through = \(generation)
            """)
    }
}

/// The central list as a sync sees it, read in one snapshot.
struct CentralListState: Sendable, Equatable {
    /// The list's info, with `source` set to the central list's id.
    var info: ListInfo
    /// The log holds every change of the generations after this one.
    var completeAfter: Int
    /// The last generation whose import wrote the log.
    var loggedThrough: Int
}

/// What a sync sends a post.
enum ListSyncPlan: Sendable, Equatable {
    /// The post holds the central list's generation already.
    case nothing
    /// The records changed since the post's generation.
    case changes(since: Int)
    /// Every record; the reason says why a delta would not do.
    case everything(reason: String)
}

extension PostgresListStore {
    /// Reads the list for a post in one read-only snapshot (an import committing meanwhile is not seen):
    /// `plan` gets the list's state (nil when none was imported) and says what to send; `rows` gets it in
    /// batches of at most `batchSize` changes, and returns false to stop early. A statement the server has
    /// not answered within `timeout` fails the read. Blocks the connection throughout.
    func readForSync(
        batchSize: Int, timeout: Duration, plan: (CentralListState?) throws -> ListSyncPlan,
        rows: ([ListChange]) throws -> Bool
    ) throws {
        try run("read the list for a sync") {
            _ = try query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", timeout: timeout)
            do {
                try readSnapshot(batchSize: batchSize, timeout: timeout, plan: plan, rows: rows)
                _ = try query("COMMIT", timeout: timeout)
            } catch {
                _ = try? query("ROLLBACK")
                throw error
            }
        }
    }

    private func readSnapshot(
        batchSize: Int, timeout: Duration, plan: (CentralListState?) throws -> ListSyncPlan,
        rows: ([ListChange]) throws -> Bool
    ) throws {
        var values: [String: String] = [:]
        for row in try query("SELECT key, value FROM list_info", timeout: timeout) {
            let (key, value) = try row.decode((String, String).self)
            values[key] = value
        }
        var state: CentralListState?
        if var info = ListInfo(keyValues: values),
            let log = try query(
                "SELECT list_id, complete_after, logged_through FROM list_change_log", timeout: timeout
            ).first
        {
            let (id, completeAfter, loggedThrough) = try log.decode((String, Int, Int).self)
            info.source = id
            state = CentralListState(info: info, completeAfter: completeAfter, loggedThrough: loggedThrough)
        }
        let columns = "issuing_state, document_number, document_type, status, reported_on, number_to"
        let select: String
        switch try plan(state) {
        case .nothing: return
        case .everything: select = "SELECT record_id, \(columns) FROM list_records"
        case .changes(let since):
            select = """
                SELECT record_id, \(columns) FROM (SELECT DISTINCT record_id FROM list_changes WHERE generation > \(since))
                    AS changed LEFT JOIN list_records USING (record_id)
                """
        }
        // A cursor keeps memory at one batch however large the list.
        _ = try query(PostgresQuery(unsafeSQL: "DECLARE list_sync NO SCROLL CURSOR FOR " + select), timeout: timeout)
        while true {
            var batch: [ListChange] = []
            batch.reserveCapacity(batchSize)
            let fetch = PostgresQuery(unsafeSQL: "FETCH \(max(1, batchSize)) FROM list_sync")
            for row in try query(fetch, timeout: timeout) {
                let (id, state, number, type, status, reported, to) = try row.decode(
                    (String, String?, String?, String?, String?, String?, String?).self)
                guard let state, let number, let status else {
                    batch.append(.withdraw(recordID: id))
                    continue
                }
                batch.append(
                    .upsert(
                        ListRecord(
                            recordID: id, issuingState: state, documentNumber: number, documentType: type,
                            status: ListStatus(rawValue: status) ?? .stolen, reportedOn: reported, numberTo: to)))
            }
            if batch.isEmpty { break }
            guard try rows(batch) else { return }
        }
        _ = try query("CLOSE list_sync", timeout: timeout)
    }
}
