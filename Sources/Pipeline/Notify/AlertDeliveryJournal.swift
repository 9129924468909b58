import Foundation
import GRDB

/// The alert notifier's record (SQLite, `RESULTS.alerts.journal`): how far it has read the result file, and
/// each delivery of a result to the `on_alert` command with every attempt, so that a post killed at any
/// moment neither forgets an alert nor loses what happened to one. A line's delivery is recorded in the same
/// transaction that moves the reading position past it.
public final class AlertDeliveryJournal: Sendable {
    /// Where a delivery stands; the raw values are what the journal stores.
    public enum State: String, Sendable {
        /// Not yet delivered; tried again when due.
        case pending
        /// The command took it (exit status 0).
        case delivered
        /// Every attempt failed; not tried again.
        case failed
    }

    /// How far the result file has been read: the byte after a line's newline, and lines before it.
    public struct Position: Equatable, Sendable {
        /// Bytes from the start of the file.
        public var offset: Int64
        /// Lines before `offset`.
        public var line: Int64

        /// The start of the file.
        public static let start = Position(offset: 0, line: 0)

        /// The position `offset` bytes in, after `line` lines.
        public init(offset: Int64, line: Int64) {
            self.offset = offset
            self.line = line
        }
    }

    /// A delivery the journal holds.
    public struct Delivery: Equatable, Sendable {
        /// The result's line number in the result file.
        public var line: Int64
        /// The result's risk level (`alert` or `review`).
        public var level: String
        /// The result line, without its newline.
        public var result: String
        public var state: State
        /// Attempts made so far.
        public var attempts: Int
    }

    private let database: JournalDatabase

    /// Opens (or creates) the journal at `path`. A new journal starts reading at `start` (so a notifier added
    /// to a post that has run for months does not page anyone for its past).
    public init(path: String, start: () throws -> AlertDeliveryJournal.Position) throws {
        database = try JournalDatabase(path: path)
        let fresh = try database.read { db in try !db.tableExists("position") }
        let first = fresh ? try start() : .start
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS position (
                        single INTEGER PRIMARY KEY CHECK (single = 1), offset INTEGER NOT NULL, line INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS deliveries (
                        line INTEGER PRIMARY KEY, level TEXT NOT NULL, result TEXT NOT NULL, state TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0, due REAL NOT NULL DEFAULT 0);
                    CREATE TABLE IF NOT EXISTS attempts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, line INTEGER NOT NULL, started TEXT NOT NULL,
                        seconds REAL NOT NULL, exit_status INTEGER, timed_out INTEGER NOT NULL, errors TEXT NOT NULL);
                    """)
            try db.execute(
                sql: "INSERT OR IGNORE INTO position (single, offset, line) VALUES (1, ?, ?)",
                arguments: [first.offset, first.line])
        }
    }

    /// How far the result file has been read.
    public func position() throws -> AlertDeliveryJournal.Position {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT offset, line FROM position")
            return AlertDeliveryJournal.Position(offset: row?["offset"] ?? 0, line: row?["line"] ?? 0)
        }
    }

    /// Records the deliveries owed for lines read up to `position`, and `position` itself, in one transaction.
    public func record(
        _ owed: [(line: Int64, level: String, result: String)], upTo position: AlertDeliveryJournal.Position
    )
        throws
    {
        try database.write { db in
            for delivery in owed {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO deliveries (line, level, result, state) VALUES (?, ?, ?, ?)",
                    arguments: [delivery.line, delivery.level, delivery.result, State.pending.rawValue])
            }
            try db.execute(
                sql: "UPDATE position SET offset = ?, line = ?", arguments: [position.offset, position.line])
        }
    }

    /// The pending delivery of the lowest line whose time has come (`now`, seconds since 1970), and when the
    /// next one after it falls due.
    public func nextDue(now: Double) throws -> (delivery: Delivery?, nextDue: Double?) {
        try database.read { db in
            let due = try Row.fetchOne(
                db, sql: "SELECT * FROM deliveries WHERE state = ? AND due <= ? ORDER BY line LIMIT 1",
                arguments: [State.pending.rawValue, now])
            let later = try Double.fetchOne(
                db, sql: "SELECT MIN(due) FROM deliveries WHERE state = ? AND due > ?",
                arguments: [State.pending.rawValue, now])
            return (try due.map(Self.delivery), later)
        }
    }

    /// Records one attempt at `line`'s delivery and where the delivery stands after it (`due`: when to try
    /// again, for a pending one).
    public func recordAttempt(
        line: Int64, started: String, seconds: Double, exitStatus: Int32?, timedOut: Bool, errors: String,
        state: State, due: Double
    ) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO attempts (line, started, seconds, exit_status, timed_out, errors)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [line, started, seconds, exitStatus.map { Int($0) }, timedOut, errors])
            try db.execute(
                sql: "UPDATE deliveries SET state = ?, attempts = attempts + 1, due = ? WHERE line = ?",
                arguments: [state.rawValue, due, line])
        }
    }

    /// Every delivery, by line.
    public func deliveries() throws -> [Delivery] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM deliveries ORDER BY line").map(Self.delivery)
        }
    }

    /// How many deliveries stand in each state.
    public func counts() throws -> [State: Int] {
        try database.read { db in
            var counts: [State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state") {
                if let state = State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// Attempts recorded for `line`, oldest first: exit status (nil when killed) and whether it timed out.
    public func attempts(line: Int64) throws -> [(exitStatus: Int?, timedOut: Bool)] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT exit_status, timed_out FROM attempts WHERE line = ? ORDER BY id", arguments: [line]
            ).map { ($0["exit_status"], $0["timed_out"]) }
        }
    }

    private static func delivery(_ row: Row) throws -> Delivery {
        Delivery(
            line: row["line"], level: row["level"], result: row["result"],
            state: State(rawValue: row["state"]) ?? .pending, attempts: row["attempts"])
    }

}
