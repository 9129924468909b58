import GRDB
import GRDBSQLite

/// One prepared SQLite statement on a GRDB connection, driven through the C API for the bulk paths
/// (import, key scans) where building GRDB argument values per row would cost more than SQLite's own work.
/// Owns the handle; finalised on deinit. Never crosses threads: used inside one GRDB access block.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// Prepares `sql` on `db`'s connection.
    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw ListError.database(operation: "prepare", reason: "connection closed")
        }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw ListError.database(operation: "prepare", reason: String(cString: sqlite3_errmsg(connection)))
        }
        self.handle = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` (nil binds NULL) to the parameters in order.
    func bind(_ values: [String?]) {
        sqlite3_reset(handle)
        for (index, value) in values.enumerated() {
            if let value {
                sqlite3_bind_text(handle, Int32(index + 1), value, -1, SQLiteStatement.transient)
            } else {
                sqlite3_bind_null(handle, Int32(index + 1))
            }
        }
    }

    /// Binds an integer to parameter `index` (1-based), after `bind(_:)`.
    func bind(_ value: Int, at index: Int) {
        sqlite3_bind_int64(handle, Int32(index), Int64(value))
    }

    /// Runs a statement that returns no rows; returns the rows it changed. The statement is reset after, so
    /// it can run again.
    @discardableResult
    func run() throws -> Int {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_DONE else { throw failure("write") }
        return Int(sqlite3_changes(connection))
    }

    /// Runs a query for one integer: the first column of its first row; nil when there is no row or it is NULL.
    func integer() throws -> Int? {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw failure("read") }
        return sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, 0))
    }

    /// Steps through the rows, lending `body` the UTF-8 text of the first two columns (empty for NULL),
    /// without making strings: a key scan reads every record of the list.
    func forEachTextPair(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) throws {
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
            let bytes = sqlite3_column_text(handle, column)  // before the length: it may convert the value
            return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
        }
        try forEachRow { body(text(0), text(1)) }
    }

    /// Steps through the rows, lending `body` the bytes of the first column where SQLite holds them (valid
    /// only during the call: no copy, however large the blob).
    func forEachBlob(_ body: (UnsafeRawBufferPointer) -> Void) throws {
        try forEachRow {
            let bytes = sqlite3_column_blob(handle, 0)
            body(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, 0))))
        }
    }

    /// Runs the statement from the start, calling `row` while a row is current.
    private func forEachRow(_ row: () -> Void) throws {
        sqlite3_reset(handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure("read") }
            row()
        }
    }

    private func failure(_ operation: String) -> ListError {
        .database(operation: operation, reason: String(cString: sqlite3_errmsg(connection)))
    }

    /// SQLite's SQLITE_TRANSIENT: copy the bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
