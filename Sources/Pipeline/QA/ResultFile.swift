import Foundation

/// A result file (JSON Lines of SPEC.md result lines) read for comparison: each result by its key, the
/// file path as written (`file`), or `record N` for screened text.
public struct ResultFile {
    /// The path read.
    public let path: String
    /// Results by key.
    public let results: [String: ResultLine]
    /// Keys in file order.
    public let keys: [String]

    /// Reads `path`. Throws `QAError` when it cannot be read, a line is not a result, or a key comes twice.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QAError.unreadable(path: path, line: 0, why: "cannot read the file")
        }
        var results: [String: ResultLine] = [:]
        var keys: [String] = []
        for (index, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where bytes.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) {
            let result: ResultLine
            do {
                result = try ResultLine(parsing: bytes)
            } catch {
                throw QAError.unreadable(path: path, line: index + 1, why: error.description)
            }
            guard results[result.key] == nil else {
                throw QAError.unreadable(path: path, line: index + 1, why: "a second result for \(result.key)")
            }
            results[result.key] = result
            keys.append(result.key)
        }
        self.path = path
        self.results = results
        self.keys = keys
    }
}

/// Why a result file could not be compared.
public enum QAError: Error, CustomStringConvertible, Equatable {
    /// The file, or one of its lines, is not a result file.
    case unreadable(path: String, line: Int, why: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let line, let why): return line > 0 ? "\(path):\(line): \(why)" : "\(path): \(why)"
        }
    }
}
