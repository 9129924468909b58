import GRDB

/// A journal's SQLite file (the watch journal, the alert deliveries): write-ahead log, synced at every commit,
/// and every failure a `PipelineError.journal` naming the file.
struct JournalDatabase: Sendable {
    /// The file, for messages.
    let path: String
    private let queue: DatabaseQueue

    /// Opens (or creates) the file at `path`.
    init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        }
        queue = try Self.recording(path, "open") { try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// Runs `body` in a write transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.recording(path, "write") { try queue.write(body) }
    }

    /// Runs `body` on a read.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.recording(path, "read") { try queue.read(body) }
    }

    /// Runs a journal operation; an SQLite failure becomes `PipelineError.journal` naming the file.
    private static func recording<T>(_ path: String, _ operation: String, _ body: () throws -> T) throws -> T {
        try PipelineError.wrapping({ .journal(path: path, operation: operation, reason: $0) }, body)
    }
}
