import Foundation
import Yams

/// A configuration file that cannot be used, said with the file, the line and the key, so a person can
/// fix it without reading code.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file.
    public var file: String
    /// 1-based line, 0 when the problem is the file as a whole.
    public var line: Int
    /// The key concerned (dotted path, e.g. `weights.LIST_STOLEN.points`), empty for the whole file.
    public var key: String
    /// What is wrong.
    public var problem: String

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        // A key is the file's own text: a runaway one is cut like any quoted value.
        return key.isEmpty ? "\(place): \(problem)" : "\(place): \(QuotedValue.cut(key)): \(problem)"
    }
}

/// One value of a YAML configuration file, with where it stands: typed reads that refuse what does not
/// fit with a `ConfigError` naming the file, line and key.
public struct ConfigValue {
    /// The file it came from.
    public let file: String
    /// Its dotted key path.
    public let key: String
    let node: Node

    /// The file's top-level value. Throws when the file cannot be read or is not YAML.
    public static func load(file: String) throws -> ConfigValue {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file: file, line: 0, key: "", problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: file, line: 0, key: "", problem: "not UTF-8 text")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: 0, key: "", problem: "the file is empty")
            }
            return ConfigValue(file: file, key: "", node: node)
        } catch let error as YamlError {
            throw ConfigError(
                file: file, line: Self.line(of: error), key: "", problem: "not valid YAML (\(Self.problem(of: error)))")
        }
    }

    /// 1-based line of the value.
    public var line: Int { node.mark?.line ?? 0 }

    /// A problem with this value.
    public func error(_ problem: String) -> ConfigError {
        ConfigError(file: file, line: line, key: key, problem: problem)
    }

    /// Whether the value is YAML null (`null`, `~` or nothing).
    public var isNull: Bool { node.null != nil }

    /// The members of a mapping, in file order; refuses keys outside `allowed` (nil: any key).
    public func members(allowed: Set<String>? = nil) throws -> [(name: String, value: ConfigValue)] {
        guard let mapping = node.mapping else { throw error("must be a mapping of keys to values") }
        var seen = Set<String>()
        return try mapping.map { pair in
            let name = pair.key.string ?? ""
            let child = ConfigValue(file: file, key: key.isEmpty ? name : key + "." + name, node: pair.value)
            let keyError = ConfigError(file: file, line: pair.key.mark?.line ?? 0, key: child.key, problem: "")
            if let allowed, !allowed.contains(name) {
                var error = keyError
                error.problem = "unknown key (known keys: \(allowed.sorted().joined(separator: ", ")))"
                throw error
            }
            guard seen.insert(name).inserted else {
                var error = keyError
                error.problem = "given twice"
                throw error
            }
            return (name, child)
        }
    }

    /// A mapping's members by name, refusing unknown keys and requiring `required`.
    public func object(allowed: Set<String>, required: Set<String> = []) throws -> [String: ConfigValue] {
        let members = try members(allowed: allowed)
        let byName = Dictionary(members.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        if let missing = required.subtracting(byName.keys).sorted().first {
            throw ConfigError(
                file: file, line: line, key: key.isEmpty ? missing : key + "." + missing,
                problem: "missing; it is required")
        }
        return byName
    }

    /// A non-empty string.
    public func string() throws -> String {
        guard let scalar = node.scalar, !isNull, !scalar.string.isEmpty else { throw error("must be a text value") }
        return scalar.string
    }

    /// `true` or `false`.
    public func bool() throws -> Bool {
        guard let value = node.bool else { throw error("must be true or false") }
        return value
    }

    /// A whole number in `range`.
    public func int(in range: ClosedRange<Int>) throws -> Int {
        guard let value = node.int, range.contains(value) else {
            throw error("must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A number in `range`.
    public func double(in range: ClosedRange<Double>) throws -> Double {
        guard let value = node.float ?? node.int.map(Double.init), range.contains(value) else {
            throw error("must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A list of non-empty strings (a single string counts as a list of one).
    public func strings() throws -> [String] {
        if let sequence = node.sequence {
            return try sequence.enumerated().map { index, element in
                try ConfigValue(file: file, key: "\(key)[\(index)]", node: element).string()
            }
        }
        return [try string()]
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)"
        }
    }
}
