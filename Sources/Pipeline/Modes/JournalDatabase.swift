import GRDB

/// A journal's SQLite file (the watch journal, the alert deliveries, the forwarder's outbox): write-ahead log,
/// synced at every commit, and every failure a `PipelineError` naming the file (`.journal` unless told).
struct JournalDatabase: Sendable {
    /// The file, for messages.
    let path: String
    private let queue: DatabaseQueue
    private let failure: @Sendable (_ path: String, _ operation: String, _ reason: String) -> PipelineError

    /// Opens (or creates) the file at `path`; its failures are made by `failure`.
    init(
        path: String,
        failure: @escaping @Sendable (_ path: String, _ operation: String, _ reason: String) -> PipelineError =
            PipelineError.journal
    ) throws {
        self.path = path
        self.failure = failure
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        }
        queue = try PipelineError.wrapping(
            { failure(path, "open", $0) }, { try DatabaseQueue(path: path, configuration: configuration) })
    }

    /// Runs `body` in a write transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try recording("write") { try queue.write(body) }
    }

    /// Runs `body` on a read.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try recording("read") { try queue.read(body) }
    }

    /// Runs an operation; an SQLite failure becomes the file's `PipelineError`.
    private func recording<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        try PipelineError.wrapping({ failure(path, operation, $0) }, body)
    }
}
