import Foundation
import GRDB
import Testing

@testable import Pipeline

/// The watch journal's states are typed; on disk they stay the words journals have always held, so a journal
/// written before opens as it was, and a state this docguard does not know is refused by name (issue 17).
@Suite struct WatchJournalTests {
    let scratch = ScratchFolder("watch-journal")

    /// A journal as an earlier docguard wrote it (no `reads` column), holding `states` in order.
    func journal(states: [String]) throws -> String {
        let path = try scratch.newFolder().appendingPathComponent("results.jsonl.journal").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE scans (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, state TEXT NOT NULL,
                        destination TEXT, quarantine INTEGER NOT NULL DEFAULT 0)
                    """)
            for (index, state) in states.enumerated() {
                try db.execute(
                    sql: "INSERT INTO scans (name, state) VALUES (?, ?)", arguments: ["scan\(index).jpg", state])
            }
        }
        return path
    }

    @Test func anEarlierJournalOpensWithItsStates() throws {
        let journal = try WatchJournal(path: try journal(states: ["claimed", "written", "done"]))
        #expect(try journal.unfinished().map(\.state) == [.claimed, .written])
        #expect(try journal.doneCounts().done == 1)
        let id = try journal.claim("new.jpg")
        try journal.markWritten(id, quarantine: false)
        try journal.markDone(id, destination: "processed/new.jpg")
        #expect(try journal.doneCounts().done == 2)
        #expect(WatchJournal.State.allCases.map(\.rawValue) == ["claimed", "written", "done"])
    }

    @Test func anUnknownStateIsRefusedByName() throws {
        let path = try journal(states: ["claimed", "moving"])
        let journal = try WatchJournal(path: path)
        #expect {
            try journal.unfinished()
        } throws: { error in
            "\(error)".hasPrefix("\(path): scan 2 is in the unknown state \"moving\"")
        }
    }
}
