import Foundation
import GRDB

/// How far the forwarder has got through the results file: what the centre has committed. Lines after it
/// wait in the outbox (the results file itself is the outbox's content; only this cursor is kept apart).
public struct ForwardCursor: Sendable, Equatable {
    /// Bytes of the results file forwarded (always the end of a complete line).
    public var offset: Int64 = 0
    /// Result lines forwarded (or passed over by `forward_levels`): the last one's 1-based number.
    public var line = 0
    /// Of those lines, results, alerts and reviews: the running totals each report sends.
    public var scans = 0
    public var alerts = 0
    public var reviews = 0

    /// The start of the file.
    public init() {}
}

/// The forwarder's cursor, in SQLite beside the results file (`RESULTS.outbox`), committed (WAL, synchronous
/// FULL) only after the centre committed the lines it passes: killed at any moment, the forwarder sends again
/// at most the batch in flight, which the centre's unique key drops.
final class ForwardOutbox: @unchecked Sendable {
    private let database: JournalDatabase

    /// Opens (or creates) the outbox at `path`.
    init(path: String) throws {
        database = try JournalDatabase(path: path, failure: PipelineError.outbox)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS cursor (
                        single INTEGER PRIMARY KEY CHECK (single = 1), offset INTEGER NOT NULL, line INTEGER NOT NULL,
                        scans INTEGER NOT NULL, alerts INTEGER NOT NULL, reviews INTEGER NOT NULL)
                    """)
        }
    }

    /// The committed cursor (the file's start when nothing was forwarded).
    func cursor() throws -> ForwardCursor {
        try database.read { db in
            var cursor = ForwardCursor()
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM cursor") {
                cursor.offset = row["offset"]
                cursor.line = row["line"]
                cursor.scans = row["scans"]
                cursor.alerts = row["alerts"]
                cursor.reviews = row["reviews"]
            }
            return cursor
        }
    }

    /// Commits `cursor`.
    func advance(to cursor: ForwardCursor) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO cursor (single, offset, line, scans, alerts, reviews) VALUES (1, ?, ?, ?, ?, ?)
                    ON CONFLICT (single) DO UPDATE SET offset = excluded.offset, line = excluded.line,
                        scans = excluded.scans, alerts = excluded.alerts, reviews = excluded.reviews
                    """,
                arguments: [cursor.offset, cursor.line, cursor.scans, cursor.alerts, cursor.reviews])
        }
    }
}
