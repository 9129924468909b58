import Foundation

/// A result file (JSON Lines of SPEC.md result lines) read for comparison: each result by its key, the
/// file path as written (`file`), or `record N` for screened text.
public struct ResultFile {
    /// The path read.
    public let path: String
    /// Results by key, each a JSON object.
    public let results: [String: [String: Any]]
    /// Keys in file order.
    public let keys: [String]

    /// Reads `path`. Throws `QAError` when it cannot be read, a line is not a result, or a key comes twice.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QAError.unreadable(path: path, line: 0, why: "cannot read the file")
        }
        var results: [String: [String: Any]] = [:]
        var keys: [String] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw QAError.unreadable(path: path, line: index + 1, why: "not a JSON object")
            }
            guard let key = Self.key(of: object) else {
                throw QAError.unreadable(path: path, line: index + 1, why: "not a result line (no file or record)")
            }
            guard results[key] == nil else {
                throw QAError.unreadable(path: path, line: index + 1, why: "a second result for \(key)")
            }
            results[key] = object
            keys.append(key)
        }
        self.path = path
        self.results = results
        self.keys = keys
    }

    private static func key(of object: [String: Any]) -> String? {
        if let file = object["file"] as? String { return file }
        if let record = object["record"] as? Int { return "record \(record)" }
        return nil
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
