import PostgresNIO

/// One result line as `central_results` holds it (`CentralSchema`).
public struct CentralResultRow: Sendable, Equatable {
    /// The scanned file's SHA-256; `''` when the result has none.
    public var sha256: String
    /// The generation of the list screened against; -1 when no list was checked.
    public var listGeneration: Int
    /// 0 for an image scan; the 1-based record of a screened file.
    public var record: Int
    /// The line's 1-based position in the post's results file.
    public var postSequence: Int
    /// SPEC.md `status`.
    public var status: String
    /// `risk.level`; nil when the line has no risk.
    public var level: String?
    /// `risk.score`; nil when the line has no risk.
    public var score: Int?
    /// The risk reason codes, comma separated.
    public var reasons: String
    public var documentNumber: String?
    public var issuingState: String?
    /// `list.version`.
    public var listVersion: String?
    /// `file`.
    public var file: String?
    /// The result line, byte for byte (without its newline).
    public var line: String

    /// A row with every column given.
    public init(
        sha256: String, listGeneration: Int, record: Int, postSequence: Int, status: String, level: String?,
        score: Int?, reasons: String, documentNumber: String?, issuingState: String?, listVersion: String?,
        file: String?, line: String
    ) {
        self.sha256 = sha256
        self.listGeneration = listGeneration
        self.record = record
        self.postSequence = postSequence
        self.status = status
        self.level = level
        self.score = score
        self.reasons = reasons
        self.documentNumber = documentNumber
        self.issuingState = issuingState
        self.listVersion = listVersion
        self.file = file
        self.line = line
    }
}

/// A post's report at one contact, as `central_post_reports` holds it.
public struct CentralPostReport: Sendable, Equatable {
    /// The post's list (nil when it holds none).
    public var list: ListInfo?
    /// Result lines not yet forwarded.
    public var queueDepth: Int
    /// Result lines in the post's results file.
    public var scans: Int
    /// Of them, `alert`.
    public var alerts: Int
    /// Of them, `review`.
    public var reviews: Int

    /// A report with every field given.
    public init(list: ListInfo?, queueDepth: Int, scans: Int, alerts: Int, reviews: Int) {
        self.list = list
        self.queueDepth = queueDepth
        self.scans = scans
        self.alerts = alerts
        self.reviews = reviews
    }
}

/// The central database as a border post writes to it: results and reports, appended, never read back, so
/// the post's role needs INSERT only (`CentralSchema.setupStatements`). Every statement has a time limit: a
/// link that drops without a reset fails the send instead of holding it.
public final class CentralDatabase: @unchecked Sendable {
    private let session: PostgresSession
    private let postID: String
    private let timeout: Duration

    /// How long the server may take to answer one statement, by default.
    public static let defaultTimeout = Duration.seconds(60)

    /// Connects as post `postID` to the central database `url` names; refuses one without the central tables
    /// (run `docguard central setup` there first).
    public init(url: String, postID: String, timeout: Duration = defaultTimeout) throws {
        let display = PostgresSession.redacted(url)
        session = try Self.central(display, "connect") { try PostgresSession(url: url) }
        self.postID = postID
        self.timeout = timeout
        let missing = try Self.central(display, "connect") {
            try session.run("check the central tables") { try session.missingTables(CentralSchema.centralTables) }
        }
        guard missing.isEmpty else {
            throw ListError.central(
                database: display, operation: "forward",
                reason: "no \(missing.joined(separator: ", ")) table; run docguard central setup on it first")
        }
    }

    /// Runs `body`; a failure is said as the central database's, naming it and what could not be done.
    private static func central<T>(_ display: String, _ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch ListError.cannotOpen(_, let reason), ListError.database(_, let reason) {
            throw ListError.central(database: display, operation: operation, reason: reason)
        }
    }

    /// The URL without its password.
    public var displayName: String { session.displayName }
    /// Whether the connection is gone; a new `CentralDatabase` is needed.
    public var isClosed: Bool { session.isClosed }

    /// Inserts `rows` in their order, and `report` after them, in one transaction: all of it or none. A row
    /// the centre holds already (same post, hash, list generation and record) is passed over, so a batch sent
    /// again after a failure that hid its commit adds nothing twice.
    public func send(_ rows: [CentralResultRow], report: CentralPostReport?) throws {
        try Self.central(session.displayName, "forward results") {
            try session.run("forward results") {
                try session.transaction(timeout: timeout) {
                    if !rows.isEmpty { try insert(rows) }
                    if let report { try insert(report) }
                }
            }
        }
    }

    private func insert(_ rows: [CentralResultRow]) throws {
        let posts = [String](repeating: postID, count: rows.count)
        let hashes = rows.map(\.sha256)
        let generations = rows.map(\.listGeneration)
        let records = rows.map(\.record)
        let sequences = rows.map(\.postSequence)
        let statuses = rows.map(\.status)
        let levels = rows.map { $0.level ?? "" }
        let scores = rows.map { $0.score ?? -1 }
        let reasons = rows.map(\.reasons)
        let numbers = rows.map { $0.documentNumber ?? "" }
        let states = rows.map { $0.issuingState ?? "" }
        let versions = rows.map { $0.listVersion ?? "" }
        let files = rows.map { $0.file ?? "" }
        let lines = rows.map(\.line)
        _ = try session.query(
            """
            INSERT INTO central_results (post_id, sha256, list_generation, record, post_sequence, status, level, score,
                reasons, document_number, issuing_state, list_version, file, line)
            SELECT p, h, g, r, q, s, NULLIF(lv, ''), NULLIF(sc, -1), rs, NULLIF(dn, ''), NULLIF(st, ''), NULLIF(v, ''),
                NULLIF(f, ''), l
            FROM unnest(\(posts)::text[], \(hashes)::text[], \(generations)::bigint[], \(records)::integer[],
                        \(sequences)::bigint[], \(statuses)::text[], \(levels)::text[], \(scores)::integer[],
                        \(reasons)::text[], \(numbers)::text[], \(states)::text[], \(versions)::text[], \(files)::text[],
                        \(lines)::text[])
                WITH ORDINALITY AS t(p, h, g, r, q, s, lv, sc, rs, dn, st, v, f, l, n)
            ORDER BY n
            ON CONFLICT DO NOTHING
            """, timeout: timeout)
    }

    private func insert(_ report: CentralPostReport) throws {
        _ = try session.query(
            """
            INSERT INTO central_post_reports (post_id, list_version, list_generation, list_imported_at, queue_depth,
                scans, alerts, reviews)
            VALUES (\(postID), \(report.list?.version), \(report.list?.generation), \(report.list?.importedAt),
                \(report.queueDepth), \(report.scans), \(report.alerts), \(report.reviews))
            """, timeout: timeout)
    }

    /// Sets up the central database `url` names (`CentralSchema.setupStatements`), as a role that may create
    /// tables and roles.
    public static func setUp(url: String, postRole: String, hubRole: String) throws {
        let session = try PostgresSession(url: url)
        try session.run("set up the central database") {
            try session.transaction {
                for statement in CentralSchema.setupStatements(postRole: postRole, hubRole: hubRole) {
                    _ = try session.query(PostgresQuery(unsafeSQL: statement))
                }
            }
        }
    }
}
