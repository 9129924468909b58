import Plumbing

/// Operational failures of the list stage; each description tells a person what to do. Descriptions never
/// hold list contents (document numbers are personal data).
public enum ListError: Error, CustomStringConvertible, Sendable {
    /// The store could not be opened or created.
    case cannotOpen(store: String, reason: String)
    /// A database operation failed.
    case database(operation: String, reason: String)
    /// An import file could not be read.
    case cannotRead(path: String, reason: String)
    /// An import file's header lacks required columns, or it is neither CSV nor JSONL.
    case badFile(path: String, reason: String)
    /// Another import into the same store is running.
    case busy(store: String)
    /// Documents were to be checked against a store holding no list (a wrong path, or never imported):
    /// refused, since "no hit" from an empty list would clear every document.
    case noList(store: String)
    /// An import would have left the list empty, or replaced it with one much smaller, and the operator did
    /// not say that this is meant: refused before anything changed, since a list emptied by a slip (an empty
    /// or header-only file, a file whose rows are all bad) would clear every stolen document.
    case refusedImport(store: String, reason: String)
    /// The central database (results forwarded to it) could not be reached or written; `database` is the
    /// URL without its password.
    case central(database: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let store, let reason):
            "list store \(Self.excerpt(store)): cannot open (\(Self.excerpt(reason)))"
        case .database(let operation, let reason): "list store: \(operation) failed (\(Self.excerpt(reason)))"
        case .cannotRead(let path, let reason): "\(Self.excerpt(path)): cannot read (\(Self.excerpt(reason)))"
        case .badFile(let path, let reason): "\(Self.excerpt(path)): \(reason)"
        case .busy(let store):
            "list store \(Self.excerpt(store)): another import is running; try again when it has finished"
        case .noList(let store):
            "list store \(Self.excerpt(store)): no list has been imported "
                + "(check the path or URL, or run docguard lists import)"
        case .refusedImport(let store, let reason):
            "list store \(Self.excerpt(store)): import refused, the list is unchanged: \(reason)"
        case .central(let database, let operation, let reason):
            "central database \(Self.excerpt(database)): cannot \(operation) (\(Self.excerpt(reason)))"
        }
    }

    /// Characters of a quoted value shown in a message; the rest is cut (a 50 MB argument must not be echoed).
    public static let excerptLength = 240

    /// `text` as a message may quote it: on one line (control characters as `?`), and at most `excerptLength`
    /// characters, a longer text cut with its full size said.
    public static func excerpt(_ text: String) -> String {
        let oneLine = { (text: Substring) in
            String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
        }
        guard text.utf8.count > excerptLength else { return oneLine(text[...]) }
        return oneLine(text.prefix(excerptLength)) + "… (\(text.utf8.count) bytes in all)"
    }
}

extension ListError {
    /// Runs `body` on a `LineReader`; a file it cannot open or read becomes `.cannotRead` with the
    /// system's reason, as list import (and screening) tell it.
    public static func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch LineReader.Failure.cannotOpen(let path) {
            throw ListError.cannotRead(path: path, reason: "no such file, or not readable")
        } catch LineReader.Failure.cannotRead(let path, let underlying) {
            throw ListError.cannotRead(path: path, reason: SystemErrorReason.text(underlying))
        }
    }

    /// Runs a store operation; a failure that is not already a `ListError` becomes `.database` with the
    /// backend's message as `reason` gives it (never the SQL or its arguments).
    static func wrapping<T>(_ operation: String, reason: (any Error) -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ListError {
            throw error
        } catch {
            throw ListError.database(operation: operation, reason: reason(error))
        }
    }
}
