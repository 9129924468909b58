import Foundation
import GRDB

/// Watch mode's record of every scan it has taken, in SQLite, so that a process killed at any moment
/// finishes or redoes what was in flight when it starts again: each scan is `claimed` (moved out of the
/// inbox into the work folder), then `written` (its result line is on disk), then `done` (moved to
/// processed/ or quarantine/). Each step is committed before the next begins. Each start of a read is
/// counted too, so a file that was being read when the process died is known on restart (it may be what
/// killed it) and is not read again forever.
public final class WatchJournal: Sendable {
    /// A scan's step; the raw values are what the journal file stores, so journals written before stay open.
    public enum State: String, Sendable, CaseIterable {
        /// Moved out of the inbox into the work folder.
        case claimed
        /// Its result line is on disk.
        case written
        /// Moved to processed/ or quarantine/.
        case done
    }

    /// A scan the journal holds.
    public struct Entry: Equatable, Sendable {
        public var id: Int64
        /// The file's name in the inbox.
        public var name: String
        /// How far it got.
        public var state: State
        /// Where the file went, once done.
        public var destination: String?
        /// Whether it goes to quarantine (decided when its result was written).
        public var quarantine: Bool
        /// How many times a read of it began.
        public var reads: Int
    }

    private let database: JournalDatabase
    /// The journal file, for messages.
    private var path: String { database.path }

    /// Opens (or creates) the journal at `path`.
    public init(path: String) throws {
        database = try JournalDatabase(path: path)
        try database.write { db in
            try db.execute(
                sql: """
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
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO scans (name, state) VALUES (?, ?)", arguments: [name, State.claimed.rawValue])
            return db.lastInsertedRowID
        }
    }

    /// Records that a read of the scan begins.
    public func markReading(_ id: Int64) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE scans SET reads = reads + 1 WHERE id = ?", arguments: [id])
        }
    }

    /// Records that the scan's result line is on disk, and whether the file goes to quarantine.
    public func markWritten(_ id: Int64, quarantine: Bool) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE scans SET state = ?, quarantine = ? WHERE id = ?",
                arguments: [State.written.rawValue, quarantine, id])
        }
    }

    /// Records that the scan's file is at `destination`.
    public func markDone(_ id: Int64, destination: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE scans SET state = ?, destination = ? WHERE id = ?",
                arguments: [State.done.rawValue, destination, id])
        }
    }

    /// Drops a claim whose file never left the inbox (it will be taken again).
    public func forget(_ id: Int64) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM scans WHERE id = ?", arguments: [id]) }
    }

    /// Scans not yet done, oldest first. Throws `PipelineError.journalState` for a state this docguard does
    /// not know: guessing what happened to that scan could lose it or write its result twice.
    public func unfinished() throws -> [Entry] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM scans WHERE state != ? ORDER BY id", arguments: [State.done.rawValue]
            ).map(entry)
        }
    }

    /// How many scans are done, and how many of them went to quarantine.
    public func doneCounts() throws -> (done: Int, quarantined: Int) {
        try database.read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT COUNT(*) AS done, COALESCE(SUM(quarantine), 0) AS quarantined FROM scans WHERE state = ?",
                arguments: [State.done.rawValue])
            return (row?["done"] ?? 0, row?["quarantined"] ?? 0)
        }
    }

    private func entry(_ row: Row) throws -> Entry {
        let id: Int64 = row["id"]
        let stored: String = row["state"]
        guard let state = State(rawValue: stored) else {
            throw PipelineError.journalState(journal: path, scan: id, state: stored)
        }
        return Entry(
            id: id, name: row["name"], state: state, destination: row["destination"],
            quarantine: row["quarantine"], reads: row["reads"])
    }
}
