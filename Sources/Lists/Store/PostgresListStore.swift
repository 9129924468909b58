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
/// The URL is `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`. Calls
/// block the calling thread (the pipeline's workers are threads); one connection is shared under a lock.
public final class PostgresListStore: ListStore, @unchecked Sendable {
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
            ] {
                _ = try query(PostgresQuery(unsafeSQL: statement))
            }
        }
    }

    deinit { try? connection.close().wait() }

    public func withImport<Result>(replace: Bool, _ body: (any ListStoreWriter) throws -> Result) throws -> Result {
        try run("import") {
            _ = try query("BEGIN")
            do {
                let locked = try query("SELECT pg_try_advisory_xact_lock(7307200462) AS locked")
                guard try locked.first?.decode(Bool.self) == true else { throw ListError.busy(store: display) }
                if replace { _ = try query("DELETE FROM list_records") }
                let result = try body(PostgresListWriter(store: self))
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
            try query("""
                SELECT record_id, issuing_state, document_number, document_type, status, reported_on, number_to
                FROM list_records WHERE issuing_state = \(state) AND folded_number = \(foldedNumber) AND number_to IS NULL
                """).map(Self.record)
        }
    }

    public func rangeRecords() throws -> [ListRecord] {
        try run("range lookup") {
            try query("""
                SELECT record_id, issuing_state, document_number, document_type, status, reported_on, number_to
                FROM list_records WHERE number_to IS NOT NULL ORDER BY record_id
                """).map(Self.record)
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
            for row in try query("SELECT coalesce(sum(octet_length(bytes)), 0)::bigint FROM list_filter WHERE generation = \(generation)") {
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

    /// Runs a statement and collects its rows (the lock must be held).
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    /// Runs `body` holding the connection's lock, with failures turned into `ListError`s that hold no
    /// SQL arguments.
    private func run<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try ListError.wrapping(operation, reason: Self.reason, body)
    }

    private static func record(_ row: PostgresRow) throws -> ListRecord {
        let (id, state, number, type, status, reported, to) = try row.decode(
            (String, String, String, String?, String, String?, String?).self)
        return ListRecord(
            recordID: id, issuingState: state, documentNumber: number, documentType: type,
            status: ListStatus(rawValue: status) ?? .stolen, reportedOn: reported, numberTo: to)
    }

    /// The server's message (PSQLError's description hides it to protect bound values; the server's
    /// message names the problem, not the values).
    private static func reason(_ error: any Error) -> String {
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

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    private static func configuration(_ url: String, display: String) throws -> PostgresConnection.Configuration {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
              let user = components.user, !user.isEmpty
        else {
            throw ListError.cannotOpen(store: display, reason: "not a postgres://USER@HOST/DATABASE URL")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case "disable": tls = .disable
            case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: throw ListError.cannotOpen(store: display, reason: "sslmode must be disable, prefer or require")
            }
        } catch let error as ListError {
            throw error
        } catch {
            throw ListError.cannotOpen(store: display, reason: "TLS setup failed (\(error))")
        }
        return PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: tls)
    }
}

/// The writer of one PostgreSQL import; runs inside the store's transaction and lock.
final class PostgresListWriter: ListStoreWriter {
    private let store: PostgresListStore

    init(store: PostgresListStore) { self.store = store }

    func apply(_ changes: [ListChange]) throws -> (upserted: Int, withdrawn: Int) {
        var upserted = 0, withdrawn = 0
        var index = changes.startIndex
        // Runs of upserts go in one statement, runs of withdrawals in another, in file order.
        while index < changes.endIndex {
            if case .withdraw = changes[index] {
                var ids: [String] = []
                while index < changes.endIndex, case .withdraw(let id) = changes[index] {
                    ids.append(id)
                    index += 1
                }
                withdrawn += try store.query("DELETE FROM list_records WHERE record_id = ANY(\(ids))").metadata.rows ?? 0
            } else {
                var records: [String: ListRecord] = [:]  // one row per id: the last in the run wins
                var order: [String] = []
                while index < changes.endIndex, case .upsert(let record) = changes[index] {
                    if records.updateValue(record, forKey: record.recordID) == nil { order.append(record.recordID) }
                    upserted += 1
                    index += 1
                }
                try upsert(order.map { records[$0]! })
            }
        }
        return (upserted, withdrawn)
    }

    private func upsert(_ records: [ListRecord]) throws {
        let ids = records.map(\.recordID), states = records.map(\.issuingState)
        let numbers = records.map(\.documentNumber), folded = records.map(\.foldedNumber)
        let to = records.map { $0.numberTo ?? "" }, types = records.map { $0.documentType ?? "" }
        let statuses = records.map(\.status.rawValue), reported = records.map { $0.reportedOn ?? "" }
        _ = try store.query("""
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
        _ = try store.query("DECLARE list_keys NO SCROLL CURSOR FOR SELECT issuing_state, folded_number FROM list_records WHERE number_to IS NULL")
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
        _ = try store.query("INSERT INTO list_filter (chunk, generation, bytes) VALUES (\(number), \(generation), \(buffer))")
    }

    func finish(info: ListInfo) throws {
        _ = try store.query("DELETE FROM list_info")
        for (key, value) in info.keyValues {
            _ = try store.query("INSERT INTO list_info (key, value) VALUES (\(key), \(value))")
        }
    }
}
