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

    public var description: String {
        switch self {
        case .cannotOpen(let store, let reason): "list store \(store): cannot open (\(reason))"
        case .database(let operation, let reason): "list store: \(operation) failed (\(reason))"
        case .cannotRead(let path, let reason): "\(path): cannot read (\(reason))"
        case .badFile(let path, let reason): "\(path): \(reason)"
        case .busy(let store): "list store \(store): another import is running; try again when it has finished"
        case .noList(let store):
            "list store \(store): no list has been imported (check the path or URL, or run docguard lists import)"
        }
    }
}

extension ListError {
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
