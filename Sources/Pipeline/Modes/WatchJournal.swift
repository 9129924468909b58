import Foundation
import GRDB

/// Watch mode's record of every scan it has taken, in SQLite, so that a process killed at any moment
/// finishes or redoes what was in flight when it starts again: each scan is `claimed` (moved out of the
/// inbox into the work folder), then `written` (its result line is on disk), then `done` (moved to
/// processed/ or quarantine/). Each step is committed before the next begins. Each start of a read is
/// counted too, so a file that was being read when the process died is known on restart (it may be what
/// killed it) and is not read again forever.
public final class WatchJournal {
    /// A scan the journal holds.
    public struct Entry: Equatable, Sendable {
        public var id: Int64
        /// The file's name in the inbox.
        public var name: String
        /// `claimed`, `written` or `done`.
        public var state: String
        /// Where the file went, once done.
        public var destination: String?
        /// Whether it goes to quarantine (decided when its result was written).
        public var quarantine: Bool
        /// How many times a read of it began.
        public var reads: Int
    }

    private let queue: DatabaseQueue

    /// Opens (or creates) the journal at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL") }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS scans (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, state TEXT NOT NULL, destination TEXT,
                    quarantine INTEGER NOT NULL DEFAULT 0)
                """)
            // A journal from before reads were counted gains the column (every scan in it: none begun).
            if try !Row.fetchAll(db, sql: "PRAGMA table_info(scans)").contains(where: { $0["name"] == "reads" }) {
                try db.execute(sql: "ALTER TABLE scans ADD COLUMN reads INTEGER NOT NULL DEFAULT 0")
            }
        }
    }

    /// Records that `name` is being taken from the inbox; the work file is named after the returned id.
    public func claim(_ name: String) throws -> Int64 {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO scans (name, state) VALUES (?, 'claimed')", arguments: [name])
            return db.lastInsertedRowID
        }
    }

    /// Records that a read of the scan begins.
    public func markReading(_ id: Int64) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE scans SET reads = reads + 1 WHERE id = ?", arguments: [id])
        }
    }

    /// Records that the scan's result line is on disk, and whether the file goes to quarantine.
    public func markWritten(_ id: Int64, quarantine: Bool) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE scans SET state = 'written', quarantine = ? WHERE id = ?", arguments: [quarantine, id])
        }
    }

    /// Records that the scan's file is at `destination`.
    public func markDone(_ id: Int64, destination: String) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE scans SET state = 'done', destination = ? WHERE id = ?", arguments: [destination, id])
        }
    }

    /// Drops a claim whose file never left the inbox (it will be taken again).
    public func forget(_ id: Int64) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM scans WHERE id = ?", arguments: [id]) }
    }

    /// Scans not yet done, oldest first.
    public func unfinished() throws -> [Entry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM scans WHERE state != 'done' ORDER BY id").map(Self.entry)
        }
    }

    /// How many scans are done, and how many of them went to quarantine.
    public func doneCounts() throws -> (done: Int, quarantined: Int) {
        try queue.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS done, COALESCE(SUM(quarantine), 0) AS quarantined FROM scans WHERE state = 'done'")
            return (row?["done"] ?? 0, row?["quarantined"] ?? 0)
        }
    }

    private static func entry(_ row: Row) -> Entry {
        Entry(id: row["id"], name: row["name"], state: row["state"], destination: row["destination"],
              quarantine: row["quarantine"], reads: row["reads"])
    }
}
