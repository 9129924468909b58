import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The shared list store: a PostgreSQL server (through postgres-nio), for agencies whose border posts
/// check against one list. Same schema and behaviour as `SQLiteListStore`: an import is one transaction
/// (readers keep seeing the previous list until it commits), a transaction-scoped advisory lock keeps two
/// imports apart, and the key filter is saved in the same transaction as the records.
///
/// The URL and where the password comes from: `PostgresSession`. Calls block the calling thread (the
/// pipeline's workers are threads); one connection is shared under a lock.
public final class PostgresListStore: ListStore {
    private let session: PostgresSession
    public var displayName: String { session.displayName }
    private var display: String { session.displayName }
    /// The system's temporary folder: the server is elsewhere.
    public var scratchDirectory: String { FileManager.default.temporaryDirectory.path }

    /// The list tables and their indexes, created when missing (`docguard central setup` runs them too).
    static let schema =
        [
            """
            CREATE TABLE IF NOT EXISTS list_records (
                record_id text PRIMARY KEY, issuing_state text NOT NULL, document_number text NOT NULL,
                folded_number text NOT NULL, number_to text, document_type text, status text NOT NULL,
                reported_on text)
            """,
            "CREATE INDEX IF NOT EXISTS list_records_key ON list_records (issuing_state, folded_number) WHERE number_to IS NULL",
            "CREATE INDEX IF NOT EXISTS list_records_ranges ON list_records (issuing_state) WHERE number_to IS NOT NULL",
            "CREATE TABLE IF NOT EXISTS list_info (key text PRIMARY KEY, value text NOT NULL)",
            "CREATE TABLE IF NOT EXISTS list_filter (chunk integer PRIMARY KEY, generation integer NOT NULL, bytes bytea NOT NULL)",
        ] + ListChangeLog.schema

    /// The tables `schema` makes.
    static let tables = ["list_records", "list_info", "list_filter", "list_changes", "list_change_log"]

    /// Connects to the server `url` names and creates the schema when a table is missing. A database whose
    /// tables exist is opened without any DDL, so a role that may only read them (a border post syncing, the
    /// hub) opens it.
    public init(url: String) throws {
        session = try PostgresSession(url: url)
        try run("create schema") {
            if try !session.missingTables(Self.tables).isEmpty {
                for statement in Self.schema { _ = try query(PostgresQuery(unsafeSQL: statement)) }
            }
            try ListChangeLog.start(self)
        }
    }

    public func withImport<Result>(replace: Bool, _ body: (any ListStoreWriter) throws -> Result) throws -> Result {
        try run("import") {
            _ = try query("BEGIN")
            do {
                let locked = try query("SELECT pg_try_advisory_xact_lock(7307200462) AS locked")
                guard try locked.first?.decode(Bool.self) == true else { throw ListError.busy(store: display) }
                // A delta into a list that holds records is logged for the posts (`ListChangeLog`); a replace or a
                // first load starts the log afresh, and a post behind it gets a full copy.
                let logged =
                    try !replace && query("SELECT EXISTS (SELECT 1 FROM list_records)").first?.decode(Bool.self) == true
                if replace { _ = try query("DELETE FROM list_records") }
                let result = try body(PostgresListWriter(store: self, logChanges: logged))
                _ = try query("COMMIT")
                return result
            } catch {
                _ = try? query("ROLLBACK")
                throw error
            }
        }
    }

    public func records(state: String, foldedNumber: String) throws -> [ListRecord] {
        try run("lookup") {
            try query(
                """
                SELECT record_id, issuing_state, document_number, document_type, status, reported_on, number_to
                FROM list_records WHERE issuing_state = \(state) AND folded_number = \(foldedNumber) AND number_to IS NULL
                """
            ).map(Self.record)
        }
    }

    public func rangeRecords() throws -> [ListRecord] {
        try run("range lookup") {
            try query(
                """
                SELECT record_id, issuing_state, document_number, document_type, status, reported_on, number_to
                FROM list_records WHERE number_to IS NOT NULL ORDER BY record_id
                """
            ).map(Self.record)
        }
    }

    public func info() throws -> ListInfo? {
        try run("read list info") {
            var values: [String: String] = [:]
            for row in try query("SELECT key, value FROM list_info") {
                let (key, value) = try row.decode((String, String).self)
                values[key] = value
            }
            return ListInfo(keyValues: values)
        }
    }

    public func loadFilter() throws -> KeyFilter? {
        guard let generation = try info()?.generation else { return nil }
        return try run("read key filter") {
            var size = 0
            for row in try query(
                "SELECT coalesce(sum(octet_length(bytes)), 0)::bigint FROM list_filter WHERE generation = \(generation)"
            ) {
                size = try row.decode(Int.self)
            }
            var loader = KeyFilterLoader(totalBytes: size)
            let chunks = try query("SELECT chunk FROM list_filter WHERE generation = \(generation) ORDER BY chunk")
            for row in chunks {
                // One chunk per query keeps the client's memory at one chunk plus the filter.
                let chunk = try row.decode(Int.self)
                for data in try query("SELECT bytes FROM list_filter WHERE chunk = \(chunk)") {
                    let buffer = try data.decode(ByteBuffer.self)
                    guard buffer.withUnsafeReadableBytes({ loader.append($0) }) else { return nil }
                }
            }
            return loader.finish()
        }
    }

    /// Runs a statement and collects its rows (the lock must be held): `PostgresSession.query`.
    func query(_ query: PostgresQuery, timeout: Duration? = nil) throws -> PostgresQueryResult {
        try session.query(query, timeout: timeout)
    }

    /// Runs `body` holding the connection's lock: `PostgresSession.run`.
    func run<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        try session.run(operation, body)
    }

    static func record(_ row: PostgresRow) throws -> ListRecord {
        let (id, state, number, type, status, reported, to) = try row.decode(
            (String, String, String, String?, String, String?, String?).self)
        return ListRecord(
            recordID: id, issuingState: state, documentNumber: number, documentType: type,
            status: ListStatus(rawValue: status) ?? .stolen, reportedOn: reported, numberTo: to)
    }
}

/// The writer of one PostgreSQL import; runs inside the store's transaction and lock. The ids of the current
/// file are noted in a temporary table (on the server, dropped at the end of the transaction) to tell a
/// repeated id.
final class PostgresListWriter: ListStoreWriter {
    private let store: PostgresListStore
    private var tally = ListImportCounts()
    private var seenFile = -1
    /// Whether the ids this import touches go to the change log (`ListChangeLog`), else the log starts afresh.
    private let logChanges: Bool
    private var changedTable = false

    init(store: PostgresListStore, logChanges: Bool) {
        self.store = store
        self.logChanges = logChanges
    }

    func apply(_ rows: [ListImportRow]) throws {
        var start = rows.startIndex
        while start < rows.endIndex {  // a batch may hold the end of one file and the start of the next
            let file = rows[start].file
            let end = rows[start...].firstIndex { $0.file != file } ?? rows.endIndex
            try apply(rows[start..<end], file: file)
            start = end
        }
    }

    /// One file's rows: repeats are told against the ids noted for the file, then runs of upserts go in one
    /// statement and runs of withdrawals in another, in file order.
    private func apply(_ rows: ArraySlice<ListImportRow>, file: Int) throws {
        let earlier = try noteSeen(rows, file: file)
        if logChanges {
            changedTable = try ListChangeLog.note(Array(Set(rows.map(\.recordID))), store: store, created: changedTable)
        }
        var index = rows.startIndex
        while index < rows.endIndex {
            if case .withdraw = rows[index].change {
                var first: [String] = []
                var repeated: [String] = []
                while index < rows.endIndex, case .withdraw(let id) = rows[index].change {
                    if let line = earlier[index] {
                        tally.addRepeat(file: file, line: rows[index].line, earlierLine: line)
                        repeated.append(id)
                    } else {
                        first.append(id)
                    }
                    index += 1
                }
                let removed =
                    try store.query("DELETE FROM list_records WHERE record_id = ANY(\(first))")
                    .metadata.rows ?? 0
                tally.withdrawn += removed
                tally.withdrawnUnknown += first.count - removed
                if !repeated.isEmpty {
                    _ = try store.query("DELETE FROM list_records WHERE record_id = ANY(\(repeated))")
                }
            } else {
                var records: [String: ListRecord] = [:]  // one row per id: the last in the run wins
                var order: [String] = []
                while index < rows.endIndex, case .upsert(let record) = rows[index].change {
                    if records.updateValue(record, forKey: record.recordID) == nil { order.append(record.recordID) }
                    if let line = earlier[index] {
                        tally.addRepeat(file: file, line: rows[index].line, earlierLine: line)
                    } else {
                        tally.upserted += 1
                    }
                    index += 1
                }
                try upsert(order.map { records[$0]! })
            }
        }
    }

    /// For each row of one file, the line of that file that gave its id before (nil for none); notes the rows.
    private func noteSeen(_ rows: ArraySlice<ListImportRow>, file: Int) throws -> [Int: Int] {
        if seenFile < 0 {
            _ = try store.query(
                """
                CREATE TEMP TABLE IF NOT EXISTS import_seen (record_id text PRIMARY KEY, line bigint NOT NULL)
                    ON COMMIT DROP
                """)
        }
        if file != seenFile {
            _ = try store.query("DELETE FROM import_seen")
            seenFile = file
        }
        var latest: [String: Int] = [:]
        for row in try store.query(
            "SELECT record_id, line FROM import_seen WHERE record_id = ANY(\(Array(Set(rows.map(\.recordID)))))")
        {
            let (id, line) = try row.decode((String, Int).self)
            latest[id] = line
        }
        var earlier: [Int: Int] = [:]
        for index in rows.indices {
            let id = rows[index].recordID
            if let line = latest[id] { earlier[index] = line }
            latest[id] = rows[index].line
        }
        let ids = Array(latest.keys)
        let lines = ids.map { latest[$0]! }
        _ = try store.query(
            """
            INSERT INTO import_seen (record_id, line) SELECT * FROM unnest(\(ids)::text[], \(lines)::bigint[])
            ON CONFLICT (record_id) DO UPDATE SET line = excluded.line
            """)
        return earlier
    }

    func counts() throws -> ListImportCounts { tally }

    private func upsert(_ records: [ListRecord]) throws {
        let ids = records.map(\.recordID)
        let states = records.map(\.issuingState)
        let numbers = records.map(\.documentNumber)
        let folded = records.map(\.foldedNumber)
        let to = records.map { $0.numberTo ?? "" }
        let types = records.map { $0.documentType ?? "" }
        let statuses = records.map(\.status.rawValue)
        let reported = records.map { $0.reportedOn ?? "" }
        _ = try store.query(
            """
            INSERT INTO list_records (record_id, issuing_state, document_number, folded_number, number_to,
                document_type, status, reported_on)
            SELECT id, st, num, fold, NULLIF(nto, ''), NULLIF(typ, ''), stat, NULLIF(rep, '')
            FROM unnest(\(ids)::text[], \(states)::text[], \(numbers)::text[], \(folded)::text[], \(to)::text[],
                        \(types)::text[], \(statuses)::text[], \(reported)::text[])
                AS t(id, st, num, fold, nto, typ, stat, rep)
            ON CONFLICT (record_id) DO UPDATE SET issuing_state = excluded.issuing_state,
                document_number = excluded.document_number, folded_number = excluded.folded_number,
                number_to = excluded.number_to, document_type = excluded.document_type,
                status = excluded.status, reported_on = excluded.reported_on
            """)
    }

    func recordCount() throws -> Int {
        try store.query("SELECT count(*) FROM list_records").first?.decode(Int.self) ?? 0
    }

    func forEachKey(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) throws {
        // A cursor keeps memory flat however large the list.
        _ = try store.query(
            "DECLARE list_keys NO SCROLL CURSOR FOR SELECT issuing_state, folded_number FROM list_records WHERE number_to IS NULL"
        )
        while true {
            let rows = try store.query("FETCH 50000 FROM list_keys")
            var fetched = 0
            for row in rows {
                var (state, folded) = try row.decode((String, String).self)
                state.withUTF8 { state in folded.withUTF8 { body(state, $0) } }
                fetched += 1
            }
            if fetched == 0 { break }
        }
        _ = try store.query("CLOSE list_keys")
    }

    func saveFilterPiece(_ piece: UnsafeRawBufferPointer, number: Int, generation: Int) throws {
        if number == 0 { _ = try store.query("DELETE FROM list_filter") }
        let buffer = ByteBuffer(bytes: piece)
        _ = try store.query(
            "INSERT INTO list_filter (chunk, generation, bytes) VALUES (\(number), \(generation), \(buffer))")
    }

    func finish(info: ListInfo) throws {
        _ = try store.query("DELETE FROM list_info")
        for (key, value) in info.keyValues {
            _ = try store.query("INSERT INTO list_info (key, value) VALUES (\(key), \(value))")
        }
        try ListChangeLog.finish(
            store, generation: info.generation, records: info.records, noted: logChanges ? changedTable : nil)
    }
}
