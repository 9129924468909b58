import Foundation
import MRZ

/// A pipeline file (`docguard run PIPELINE.yaml`, SPEC.md "Pipeline files"): which mode, what goes in,
/// where results go, and the lists, model and risk policy used. Relative paths are relative to the
/// pipeline file.
public struct PipelineDefinition: Sendable, Equatable {
    /// How the pipeline runs.
    public enum Mode: String, Sendable {
        /// A border post's watched inbox, scan by scan as files arrive.
        case watch
        /// A night's scans: folders and globs, once, resumable.
        case batch
    }

    /// The pipeline file.
    public var file: String
    public var mode: Mode
    /// watch: the watched folder.
    public var inbox: String?
    /// batch: folders, files or globs.
    public var inputs: [String]
    /// watch: where scans go once their result is written.
    public var processed: String?
    /// watch: where scans that could not be processed go, with `NAME.error.json`.
    public var quarantine: String?
    /// The result file (JSON Lines), appended to.
    public var results: String
    /// The list store (SQLite path or postgres:// URL); nil when the pipeline says `lists: none`, and then every
    /// result says no list was checked.
    public var lists: String?
    /// The OCR model name; nil for the default.
    public var model: String?
    /// The risk policy file; nil for the shipped one.
    public var risk: String?
    /// Worker threads.
    public var jobs: Int
    /// watch: how long a file must be unchanged before it is taken.
    public var settleSeconds: Double
    /// The day expiry is judged against; nil for today.
    public var asOf: MRZDate?
    /// batch: the HTML report to write, if any.
    public var report: String?
    /// batch: the CSV to write, if any.
    public var csv: String?
    /// Earlier result files whose documents count for CLONE.
    public var history: [String]
    /// Scans larger than this many bytes are refused unread, with a result (`max_file_mb`).
    public var maxFileBytes: Int64 = ScanFile.defaultMaxBytes

    static let keys: Set<String> = [
        "mode", "inbox", "inputs", "processed", "quarantine", "results", "lists", "model", "risk", "jobs",
        "settle_seconds", "as_of", "report", "csv", "history",
        "max_file_mb",
    ]

    /// Reads and checks the pipeline file at `path`. Throws a `ConfigError` naming the file, line and key of
    /// anything unknown, missing for the mode, or out of range.
    public static func load(_ path: String) throws -> PipelineDefinition {
        let root = try ConfigValue.load(file: path)
        let fields = try root.object(allowed: keys, required: ["mode", "results"])
        let folder = (path as NSString).deletingLastPathComponent
        func resolved(_ value: String) -> String {
            value.hasPrefix("/") || value.hasPrefix("postgres://") || value.hasPrefix("postgresql://")
                ? value : Self.joined(folder, value)
        }
        func location(_ key: String) throws -> String? {
            guard let value = fields[key], !value.isNull else { return nil }
            return resolved(try value.string())
        }
        guard let mode = Mode(rawValue: try fields["mode"]!.string()) else {
            throw fields["mode"]!.error("must be watch or batch")
        }
        var definition = PipelineDefinition(
            file: path, mode: mode, inbox: try location("inbox"),
            inputs: try fields["inputs"].map { try $0.strings().map(resolved) } ?? [],
            processed: try location("processed"), quarantine: try location("quarantine"), results: try location("results")!,
            lists: nil, model: try Self.model(fields["model"]),
            risk: try location("risk"), jobs: try fields["jobs"].map { try $0.int(in: 1...256) } ?? 2,
            settleSeconds: try fields["settle_seconds"].map { try $0.double(in: 0...3600) } ?? 2,
            asOf: nil, report: try location("report"), csv: try location("csv"),
            history: try fields["history"].map { try $0.strings().map(resolved) } ?? [])
        if let asOf = fields["as_of"], !asOf.isNull {
            guard let date = MRZDate(iso: try asOf.string()) else { throw asOf.error("must be a date written YYYY-MM-DD, or null") }
            definition.asOf = date
        }
        if let limit = fields["max_file_mb"] {
            definition.maxFileBytes = Int64(try limit.int(in: 1...100_000)) * 1_000_000
        }
        let needed = mode == .watch ? ["inbox", "processed", "quarantine"] : ["inputs"]
        for key in needed where fields[key] == nil || fields[key]!.isNull {
            throw ConfigError(file: path, line: root.line, key: key, problem: "missing; \(mode.rawValue) mode needs it")
        }
        definition.lists = try Self.listStore(fields["lists"], in: root).map(resolved)
        return definition
    }

    /// The model `model:` names; nil for the default.
    static func model(_ value: ConfigValue?) throws -> String? {
        guard let value, !value.isNull else { return nil }
        let name = try value.string()
        if let problem = ModelName.problem(with: name) { throw value.error(problem) }
        return name
    }

    /// The store `lists:` names, or nil for `lists: none`. A blank, `~` or missing `lists:` is refused: it would
    /// screen nothing and clear every stolen document in silence, so running without a list is said explicitly.
    static func listStore(_ value: ConfigValue?, in root: ConfigValue) throws -> String? {
        guard let value, !value.isNull else {
            throw ConfigError(
                file: root.file, line: value?.line ?? root.line, key: "lists",
                problem: "no list store named; name one (a SQLite path or postgres:// URL), or write `lists: none` "
                    + "to run without a list check (then no result is clear)")
        }
        let store = try value.string()
        return store == "none" ? nil : store
    }

    /// `relative` below `folder`, with `.` and `folder/..` steps taken out by spelling alone: results name
    /// scans as reached from where docguard runs, not made absolute (SPEC.md `file`), so
    /// `pipelines/../TestImages/a.jpg` is `TestImages/a.jpg`.
    static func joined(_ folder: String, _ relative: String) -> String {
        var parts: [Substring] = []
        for part in ((folder.isEmpty ? "" : folder + "/") + relative).split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = (folder.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}
