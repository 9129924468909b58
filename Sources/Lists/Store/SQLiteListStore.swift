import Foundation
import GRDB

/// The embedded list store: one SQLite file (through GRDB), in rollback-journal mode so that a finished
/// file can be swapped in whole.
///
/// - A full refresh (`replace`, or the first import into an empty store) is built in a side file
///   (`STORE.importing`, no journal, indexes made after the load) and renamed over the store when it is
///   complete: readers are never blocked, and a failed import leaves the previous file untouched.
/// - A delta import changes the store in place inside one transaction.
/// - A lock file (`STORE.lock`) keeps two imports from running at once.
/// - The key filter is saved twice: in the database, and as a file beside it (`STORE.filter`,
///   `KeyFilterFile`) that is mapped when it matches the digest the database keeps, and read from the
///   database otherwise. The file takes its place once the import is committed.
public final class SQLiteListStore: ListStore {
    /// The store's file.
    public let path: String
    public var displayName: String { path }
    /// The store's own folder: the scratch files then sit on the disk meant for the list.
    public var scratchDirectory: String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
    /// The key filter's own file.
    public var filterPath: String { path + ".filter" }
    private let queue: DatabaseQueue
    /// Lookups run on connections of their own, one per lookup under way: a screening worker whose lookup
    /// waits on the disk does not hold up the others' lookups.
    private let lookupConnections: SQLiteReadConnections

    /// Opens the store at `path`; with `create`, a missing file becomes a new empty store (for imports),
    /// else a missing file is an error (a mistyped path must not read as an empty list).
    public init(path: String, create: Bool = true) throws {
        self.path = path
        guard create || FileManager.default.fileExists(atPath: path) else {
            throw ListError.cannotOpen(store: path, reason: "no such file")
        }
        do {
            queue = try Self.connect(path, bulk: false)
            lookupConnections = SQLiteReadConnections { try Self.connectForReading(path) }
        } catch let error as ListError {
            throw error
        } catch {
            throw ListError.cannotOpen(store: path, reason: Self.reason(error))
        }
    }

    public func withImport<Result>(replace: Bool, _ body: (any ListStoreWriter) throws -> Result) throws -> Result {
        let lock = try ImportLock(path: path + ".lock", store: path)
        defer { lock.release() }
        let filterFile = try KeyFilterFileWriter(path: filterPath)
        defer { filterFile.close() }  // before the lock goes
        let empty = try (info()?.records ?? 0) == 0
        let result: Result
        if replace || empty {
            result = try rebuild(filterFile, body)
        } else {
            result = try database("import") {
                try queue.write { db in
                    let writer = SQLiteListWriter(db, bulk: false, filterFile: filterFile)
                    defer { writer.close() }
                    return try body(writer)
                }
            }
        }
        // The list is committed: a filter file that cannot be put in place only means the filter is read from
        // the database until the next import (the old file no longer matches the digest).
        try? filterFile.commit()
        return result
    }

    public func records(state: String, foldedNumber: String) throws -> [ListRecord] {
        try database("lookup") {
            // One SELECT is atomic by itself: no transaction around it, and the statement is prepared once.
            try lookupConnections.with { connection in
                try connection.unsafeRead { db in
                    try Row.fetchAll(
                        db.cachedStatement(
                            sql:
                                "SELECT * FROM list_records WHERE issuing_state = ? AND folded_number = ? AND number_to IS NULL"
                        ),
                        arguments: [state, foldedNumber]
                    ).map(Self.record)
                }
            }
        }
    }

    public func rangeRecords() throws -> [ListRecord] {
        try database("range lookup") {
            try queue.read { db in
                // Through the partial range index: ordering by record_id in SQL would walk the whole table.
                try Row.fetchAll(
                    db, sql: "SELECT * FROM list_records INDEXED BY list_records_ranges WHERE number_to IS NOT NULL"
                ).map(Self.record).sorted { $0.recordID < $1.recordID }
            }
        }
    }

    public func info() throws -> ListInfo? {
        try database("read list info") {
            try queue.read { db in
                let values = try [String: String](
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM list_info").map {
                        ($0["key"] as String, $0["value"] as String)
                    })
                return ListInfo(keyValues: values)
            }
        }
    }

    public func loadFilter() throws -> KeyFilter? {
        guard let generation = try info()?.generation else { return nil }
        if let digest = try savedFilterDigest(), let filter = KeyFilterFile.load(path: filterPath, digest: digest) {
            return filter
        }
        return try database("read key filter") {
            try queue.read { db in
                let size =
                    try Int.fetchOne(
                        db, sql: "SELECT sum(length(bytes)) FROM list_filter WHERE generation = ?",
                        arguments: [generation]) ?? 0
                var loader = KeyFilterLoader(totalBytes: size)
                let chunks = try SQLiteStatement(
                    db, "SELECT bytes FROM list_filter WHERE generation = \(generation) ORDER BY chunk")
                var valid = true
                try chunks.forEachBlob { piece in valid = valid && loader.append(piece) }
                return valid ? loader.finish() : nil
            }
        }
    }

    /// The digest of the key filter the last import saved (`KeyFilterFile`); nil for a store made before
    /// filter files.
    private func savedFilterDigest() throws -> UInt64? {
        try database("read key filter digest") {
            try queue.read { db in
                try String.fetchOne(
                    db, sql: "SELECT value FROM list_info WHERE key = ?",
                    arguments: [SQLiteListWriter.filterDigestKey]
                ).flatMap { UInt64($0, radix: 16) }
            }
        }
    }

    /// Builds the whole list in the side file, then renames it over the store.
    private func rebuild<Result>(_ filterFile: KeyFilterFileWriter, _ body: (any ListStoreWriter) throws -> Result)
        throws -> Result
    {
        let side = path + ".importing"
        Self.removeDatabase(at: side)
        do {
            let bulk = try Self.connect(side, bulk: true)
            let result = try bulk.write { db in
                let writer = SQLiteListWriter(db, bulk: true, filterFile: filterFile)
                defer { writer.close() }
                return try body(writer)
            }
            try bulk.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try bulk.close()
            try Self.syncFile(at: side)
            guard rename(side, path) == 0 else {
                throw ListError.database(operation: "replace store file", reason: String(cString: strerror(errno)))
            }
            try Self.syncFile(
                at: (path as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (path as NSString).deletingLastPathComponent)
            return result
        } catch {
            Self.removeDatabase(at: side)
            if let error = error as? ListError { throw error }
            throw ListError.database(operation: "import", reason: Self.reason(error))
        }
    }

    /// Opens a connection with the store's schema. `bulk`: a memory journal and no durability until the file
    /// is complete (a failed bulk file is thrown away), a large cache, and the indexes made only when the
    /// rows are in (`SQLiteListWriter`).
    private static func connect(_ path: String, bulk: Bool) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "docguard.lists"
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            if bulk {
                // A memory journal: nearly free on a file that starts empty, and it lets a failed step roll back.
                try db.execute(
                    sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
            } else {
                try db.execute(sql: "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL")
            }
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS list_records (
                        record_id TEXT NOT NULL,
                        issuing_state TEXT NOT NULL,
                        document_number TEXT NOT NULL,
                        folded_number TEXT NOT NULL,
                        number_to TEXT,
                        document_type TEXT,
                        status TEXT NOT NULL,
                        reported_on TEXT
                    );
                    CREATE TABLE IF NOT EXISTS list_info (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS list_filter (
                        chunk INTEGER PRIMARY KEY, generation INTEGER NOT NULL, bytes BLOB NOT NULL);
                    """)
            if !bulk { try SQLiteListWriter.createIndexes(db) }
        }
        return queue
    }

    /// A read-only connection to the store made by `connect`, for lookups. Its 64 MB page cache (filled only
    /// as pages are read) keeps the inner pages of a large list's b-trees: at 128 M records the default 2 MB
    /// made each lookup read most of its path again.
    private static func connectForReading(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "docguard.lists.lookup"
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -65536") }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    static func record(_ row: Row) -> ListRecord {
        ListRecord(
            recordID: row["record_id"], issuingState: row["issuing_state"], documentNumber: row["document_number"],
            documentType: row["document_type"], status: ListStatus(rawValue: row["status"]) ?? .stolen,
            reportedOn: row["reported_on"], numberTo: row["number_to"])
    }

    private func database<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        try ListError.wrapping(operation, reason: Self.reason, body)
    }

    /// The SQLite message without the SQL or its arguments (which can hold document numbers).
    private static func reason(_ error: any Error) -> String { SystemErrorReason.text(error) }

    private static func removeDatabase(at path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private static func syncFile(at path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ListError.database(operation: "sync \(path)", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        fsync(descriptor)
    }
}

/// An exclusive advisory lock on `STORE.lock` for the length of an import.
private struct ImportLock {
    private let descriptor: Int32

    init(path: String, store: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ListError.cannotOpen(store: store, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ListError.busy(store: store)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The writer of one SQLite import.
///
/// In place (a delta) it upserts on the `record_id` index, and notes each id of the current file in a
/// temporary table (on disk, so memory stays flat) to tell a repeated id. In a bulk load (a fresh side file)
/// rows are appended with no index at all — a withdrawal is appended as a tombstone row — each with a rowid
/// made of its file and line (`rowID`), and when the rows are in, the indexes are built by sorting once,
/// only each id's last row is kept and tombstones are dropped: the same list an in-place import gives,
/// several times faster. Repeats are then told from the rowids, and only when the id index shows that some
/// id came more than once.
final class SQLiteListWriter: ListStoreWriter {
    private let db: Database
    private let bulk: Bool
    private var indexed: Bool
    private var upsert: SQLiteStatement?
    private var withdraw: SQLiteStatement?
    /// In place: the line an id had earlier in the current file, noting it, and forgetting the file's ids.
    private var seenLine: SQLiteStatement?, noteSeen: SQLiteStatement?, forgetSeen: SQLiteStatement?
    private var seenFile = -1
    private var tombstones = 0
    private var tally = ListImportCounts()
    private let filterFile: KeyFilterFileWriter
    /// The `list_info` key of the filter file's digest (hexadecimal).
    static let filterDigestKey = "filter_digest"
    /// Bits of a bulk row's rowid that hold its line; the file's position is above them.
    private static let lineBits = 40

    /// A writer on `db`'s open transaction, saving the key filter into `filterFile` as well.
    init(_ db: Database, bulk: Bool, filterFile: KeyFilterFileWriter) {
        self.db = db
        self.bulk = bulk
        self.filterFile = filterFile
        indexed = !bulk
    }

    func apply(_ rows: [ListImportRow]) throws {
        if upsert == nil { try prepare() }
        for row in rows {
            let earlier = indexed ? try earlierLine(row) : nil
            switch row.change {
            case .upsert(let record):
                upsert!.bind([
                    record.recordID, record.issuingState, record.documentNumber, record.foldedNumber,
                    record.numberTo, record.documentType, record.status.rawValue, record.reportedOn,
                ])
                if !indexed { upsert!.bind(try Self.rowID(row), at: 9) }
                try upsert!.run()
                if let earlier {
                    tally.addRepeat(file: row.file, line: row.line, earlierLine: earlier)
                } else {
                    tally.upserted += 1
                }
            case .withdraw(let recordID):
                withdraw!.bind([recordID])
                if !indexed { withdraw!.bind(try Self.rowID(row), at: 2) }
                let removed = try withdraw!.run()
                if !indexed {
                    tombstones += 1  // counted when the rows are in (`countBulkRepeats`)
                } else if let earlier {
                    tally.addRepeat(file: row.file, line: row.line, earlierLine: earlier)
                } else if removed > 0 {
                    tally.withdrawn += 1
                } else {
                    tally.withdrawnUnknown += 1
                }
            }
        }
    }

    func counts() throws -> ListImportCounts {
        try finishBulkLoad()
        return tally
    }

    /// In place: the line of the current file that gave `row`'s id before, nil when none did; notes the row.
    private func earlierLine(_ row: ListImportRow) throws -> Int? {
        if row.file != seenFile {
            try forgetSeen!.run()
            seenFile = row.file
        }
        seenLine!.bind([row.recordID])
        let earlier = try seenLine!.integer()
        noteSeen!.bind([row.recordID])
        noteSeen!.bind(row.line, at: 2)
        try noteSeen!.run()
        return earlier
    }

    /// A bulk row's rowid: its file's position, then its line, so rowids follow the rows' order and tell
    /// which file and line a row came from.
    private static func rowID(_ row: ListImportRow) throws -> Int {
        guard row.line < 1 << lineBits, row.file < 1 << (62 - lineBits) else {
            throw ListError.database(operation: "import", reason: "more than 2^40 lines in a file, or 2^22 files")
        }
        return row.file << lineBits | row.line
    }

    private func prepare() throws {
        let columns = """
            INSERT INTO list_records (record_id, issuing_state, document_number, folded_number, number_to,
                document_type, status, reported_on
            """
        if indexed {
            upsert = try SQLiteStatement(
                db,
                columns + """
                    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (record_id) DO UPDATE SET issuing_state = excluded.issuing_state,
                        document_number = excluded.document_number, folded_number = excluded.folded_number,
                        number_to = excluded.number_to, document_type = excluded.document_type,
                        status = excluded.status, reported_on = excluded.reported_on
                    """)
            withdraw = try SQLiteStatement(db, "DELETE FROM list_records WHERE record_id = ?")
            try db.execute(
                sql: """
                    CREATE TEMP TABLE IF NOT EXISTS import_seen (record_id TEXT PRIMARY KEY NOT NULL, line INTEGER NOT NULL)
                        WITHOUT ROWID
                    """)
            seenLine = try SQLiteStatement(db, "SELECT line FROM temp.import_seen WHERE record_id = ?")
            noteSeen = try SQLiteStatement(
                db, "INSERT OR REPLACE INTO temp.import_seen (record_id, line) VALUES (?, ?)")
            forgetSeen = try SQLiteStatement(db, "DELETE FROM temp.import_seen")
        } else {
            upsert = try SQLiteStatement(db, columns + ", rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            let withdrawn = ListStatus.withdrawn.rawValue
            withdraw = try SQLiteStatement(
                db, columns + ", rowid) VALUES (?, '', '', '', NULL, NULL, '\(withdrawn)', NULL, ?)")
        }
    }

    func recordCount() throws -> Int {
        try finishBulkLoad()
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM list_records") ?? 0
    }

    func forEachKey(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) throws {
        try finishBulkLoad()
        let keys = try SQLiteStatement(
            db,
            "SELECT issuing_state, folded_number FROM list_records INDEXED BY list_records_key WHERE number_to IS NULL")
        try keys.forEachTextPair(body)
    }

    func saveFilterPiece(_ piece: UnsafeRawBufferPointer, number: Int, generation: Int) throws {
        if number == 0 { try db.execute(sql: "DELETE FROM list_filter") }
        try db.execute(
            sql: "INSERT INTO list_filter (chunk, generation, bytes) VALUES (?, ?, ?)",
            arguments: [number, generation, Data(piece)])
        try filterFile.append(piece)
    }

    func finish(info: ListInfo) throws {
        try finishBulkLoad()
        try db.execute(sql: "DELETE FROM list_info")
        let digest = (Self.filterDigestKey, String(filterFile.bytesDigest, radix: 16))
        for (key, value) in info.keyValues + [digest] {
            try db.execute(sql: "INSERT INTO list_info (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Drops the prepared statements (they must not outlive the connection's transaction).
    func close() {
        upsert = nil
        withdraw = nil
        seenLine = nil
        noteSeen = nil
        forgetSeen = nil
    }

    /// After a bulk load: the id index (keeping only each id's last row when an id came more than once),
    /// tombstones out, then the key and range indexes.
    private func finishBulkLoad() throws {
        guard !indexed else { return }
        close()
        // Usually every id comes once and the unique index builds at the first try; a failed try is undone
        // whole (savepoint) before the repeats are counted and the earlier rows go.
        try db.execute(sql: "SAVEPOINT id_index")
        do {
            try db.execute(sql: "CREATE UNIQUE INDEX list_records_id ON list_records (record_id)")
            try db.execute(sql: "RELEASE id_index")
            tally.withdrawnUnknown = tombstones  // no id came twice: no withdrawal found its record
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            try db.execute(
                sql: """
                    ROLLBACK TO id_index;
                    RELEASE id_index;
                    CREATE INDEX list_records_id_rows ON list_records (record_id);
                    """)
            try countBulkRepeats()
            try db.execute(
                sql: """
                    DELETE FROM list_records WHERE rowid NOT IN (SELECT max(rowid) FROM list_records GROUP BY record_id);
                    DROP INDEX list_records_id_rows;
                    CREATE UNIQUE INDEX list_records_id ON list_records (record_id);
                    """)
        }
        if tombstones > 0 {
            try db.execute(sql: "DELETE FROM list_records WHERE status = ?", arguments: [ListStatus.withdrawn.rawValue])
        }
        try Self.createIndexes(db)
        indexed = true
    }

    /// Counts what the rows of a bulk load did, from each row that follows an earlier row of its id: one in
    /// the same file is a repeat; a withdrawal that follows a record of an earlier file removed it; every other
    /// withdrawal named a record that was not there.
    private func countBulkRepeats() throws {
        let gone = "'\(ListStatus.withdrawn.rawValue)'"
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT row, status = \(gone) AS gone, previous, previous_status = \(gone) AS previous_gone FROM (
                    SELECT rowid AS row, status, lag(rowid) OVER by_id AS previous,
                        lag(status) OVER by_id AS previous_status
                    FROM list_records WINDOW by_id AS (PARTITION BY record_id ORDER BY rowid))
                WHERE previous IS NOT NULL ORDER BY row
                """)
        let lineMask = (1 << Self.lineBits) - 1
        var removed = 0
        var repeatedWithdrawals = 0
        while let row = try rows.next() {
            let id: Int = row["row"]
            let previous: Int = row["previous"]
            let withdrawal: Bool = row["gone"]
            if id >> Self.lineBits == previous >> Self.lineBits {
                tally.addRepeat(file: id >> Self.lineBits, line: id & lineMask, earlierLine: previous & lineMask)
                if withdrawal { repeatedWithdrawals += 1 } else { tally.upserted -= 1 }
            } else if withdrawal && !(row["previous_gone"] as Bool) {
                removed += 1
            }
        }
        tally.withdrawn = removed
        tally.withdrawnUnknown = tombstones - repeatedWithdrawals - removed
    }

    /// The id index, the key index (point records by state and folded number) and the range index. Both
    /// key and range index hold every column: a lookup reads one b-tree, not the index and then the table
    /// (about half the pages, which on a 14 GB list mostly come from disk), and the ranges, loaded whole
    /// when a matcher starts, come from a few index pages instead of one table page per range.
    static func createIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE UNIQUE INDEX IF NOT EXISTS list_records_id ON list_records (record_id);
                CREATE INDEX IF NOT EXISTS list_records_key ON list_records (issuing_state, folded_number, record_id,
                    document_number, number_to, document_type, status, reported_on)
                    WHERE number_to IS NULL;
                CREATE INDEX IF NOT EXISTS list_records_ranges ON list_records (issuing_state, record_id,
                    document_number, folded_number, number_to, document_type, status, reported_on)
                    WHERE number_to IS NOT NULL;
                """)
    }
}
