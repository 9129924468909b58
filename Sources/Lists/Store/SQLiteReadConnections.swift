import GRDB
import Synchronization

/// Read-only connections to one SQLite file, opened as needed and kept for reuse: each caller borrows one
/// for the length of its read, so as many reads run at once as there are callers (a single connection
/// would serialise them all, each waiting while another's read waits on the disk).
final class SQLiteReadConnections: Sendable {
    private let open: @Sendable () throws -> DatabaseQueue
    private let idle = Mutex<[DatabaseQueue]>([])

    /// Connections made by `open` (called when every connection made so far is in use).
    init(open: @escaping @Sendable () throws -> DatabaseQueue) {
        self.open = open
    }

    /// Runs `body` with a connection no other caller uses meanwhile.
    func with<T>(_ body: (DatabaseQueue) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer { idle.withLock { $0.append(connection) } }
        return try body(connection)
    }
}
