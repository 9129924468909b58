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
/// The URL is `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require][&password=P]`;
/// HOST may be an IPv6 address in brackets. Calls block the calling thread (the pipeline's workers are threads);
/// one connection is shared under a lock.
public final class PostgresListStore: ListStore {
    private let connection: PostgresConnection
    private let logger: Logger
    private let lock = NSLock()
    private let display: String
    public var displayName: String { display }
    /// The system's temporary folder: the server is elsewhere.
    public var scratchDirectory: String { FileManager.default.temporaryDirectory.path }

    /// Connects to the server `url` names and creates the schema when missing.
    public init(url: String) throws {
        display = Self.redacted(url)
        var logger = Logger(label: "docguard.lists.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let configuration = try Self.configuration(url, display: display)
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw ListError.cannotOpen(store: display, reason: Self.reason(error))
        }
        try run("create schema") {
            for statement in [
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
            ] + ListChangeLog.schema {
                _ = try query(PostgresQuery(unsafeSQL: statement))
            }
            try ListChangeLog.start(self)
        }
    }

    deinit { try? connection.close().wait() }

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

    /// Runs a statement and collects its rows (the lock must be held). With `timeout`, a server that has not
    /// answered by then fails the statement and the connection is closed (a link that drops without a reset
    /// would otherwise hold the caller for good).
    func query(_ query: PostgresQuery, timeout: Duration? = nil) throws -> PostgresQueryResult {
        // postgres-nio writes a statement to a closed connection without failing it: it would never answer.
        guard !connection.isClosed else {
            throw ListError.database(operation: "query", reason: "the connection to the server was closed")
        }
        let answer = connection.query(query, logger: logger)
        guard let timeout else { return try answer.wait() }
        let connection = connection
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let seconds = timeout.components.seconds
        let timer = connection.eventLoop.scheduleTask(in: .seconds(seconds)) {
            promise.fail(
                ListError.database(operation: "query", reason: "the server did not answer within \(seconds) s"))
            connection.close().whenComplete { _ in }
        }
        answer.whenComplete { result in  // on the same event loop as the timer: the first to come wins
            timer.cancel()
            promise.completeWith(result)
        }
        return try promise.futureResult.wait()
    }

    /// Runs `body` holding the connection's lock, with failures turned into `ListError`s that hold no
    /// SQL arguments.
    func run<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try ListError.wrapping(operation, reason: Self.reason, body)
    }

    static func record(_ row: PostgresRow) throws -> ListRecord {
        let (id, state, number, type, status, reported, to) = try row.decode(
            (String, String, String, String?, String, String?, String?).self)
        return ListRecord(
            recordID: id, issuingState: state, documentNumber: number, documentType: type,
            status: ListStatus(rawValue: status) ?? .stolen, reportedOn: reported, numberTo: to)
    }

    /// The server's message (PSQLError's description hides it to protect bound values; the server's
    /// message names the problem, not the values).
    public static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if error.code == .connectionError {
                return "cannot connect to the server" + (error.underlying.map { ": \($0)" } ?? "")
            }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError { return String(describing: error) }
        return String(describing: error)
    }

    /// The URL without its password — the `USER:PASSWORD@` form and a `password=` parameter — for messages.
    /// Works on the text itself, so a URL too malformed to parse is masked too.
    public static func redacted(_ url: String) -> String {
        var text = Substring(url)
        var shown = ""
        if let scheme = text.range(of: "://") {
            shown += text[..<scheme.upperBound]
            text = text[scheme.upperBound...]
            let authorityEnd = text.firstIndex { "/?#".contains($0) } ?? text.endIndex
            if let at = text[..<authorityEnd].lastIndex(of: "@"), let colon = text[..<at].firstIndex(of: ":") {
                shown += text[..<colon] + ":***"
                text = text[at...]
            }
        }
        guard let question = text.firstIndex(of: "?") else { return shown + text }
        shown += text[...question]
        let fragment = text[question...].firstIndex(of: "#") ?? text.endIndex
        let items = text[text.index(after: question)..<fragment].split(separator: "&", omittingEmptySubsequences: false)
        shown += items.map { $0.lowercased().hasPrefix("password=") ? "password=***" : String($0) }
            .joined(separator: "&")
        return shown + text[fragment...]
    }

    /// The connection the URL names. An IPv6 host is written in brackets (`[::1]`); the port must be 1–65535
    /// (a larger one would wrap round to another port); the parameters are `sslmode` and `password`, and any
    /// other is refused (a misspelt `sslmode` would silently connect without TLS).
    public static func configuration(_ url: String, display: String) throws -> PostgresConnection.Configuration {
        func refused(_ reason: String) -> ListError { ListError.cannotOpen(store: display, reason: reason) }
        guard let components = URLComponents(string: url), var host = components.host, !host.isEmpty,
            let user = components.user, !user.isEmpty
        else {
            throw refused("not a postgres://USER@HOST[:PORT]/DATABASE URL")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refused("the port must be 1–65535") }
        var sslMode = "disable"
        var password = components.password
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode": sslMode = item.value ?? ""
            case "password": password = item.value
            default: throw refused("unknown URL parameter \(ListError.excerpt(item.name)) (known: sslmode, password)")
            }
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case "disable": tls = .disable
            case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: throw refused("sslmode must be disable, prefer or require")
            }
        } catch let error as ListError {
            throw error
        } catch {
            throw refused("TLS setup failed (\(error))")
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password,
            database: database.isEmpty ? nil : database, tls: tls)
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
