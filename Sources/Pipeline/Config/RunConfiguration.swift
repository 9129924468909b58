import Foundation
import MRZ

/// Everything a run needs, whether the `scan` or `screen` flags or a pipeline file (`docguard run
/// PIPELINE.yaml`, SPEC.md "Pipeline files") gave it: the stages' settings every mode shares, and one mode
/// with what that mode needs (a watch run cannot lack its inbox, a batch its inputs).
public struct RunConfiguration: Sendable, Equatable {
    /// How a run takes documents in and where results go.
    public enum Mode: Sendable, Equatable {
        /// A night's scans (`run` batch mode), or the files `scan` names.
        case batch(BatchConfiguration)
        /// A border post's watched inbox, scan by scan as files arrive.
        case watch(WatchConfiguration)
        /// MRZ text records without images (`screen`).
        case screen(ScreenConfiguration)
    }

    /// The pipeline file it was read from; nil for a command's flags.
    public var file: String?
    /// The stages' settings.
    public var stages: StageConfiguration
    /// The mode and what it needs.
    public var mode: Mode
    /// Where the results file is forwarded to (the central database), if anywhere.
    public var forward: ForwardConfiguration?
    /// The central list a watch run keeps the post's store in step with, if any.
    public var listSync: PeriodicSyncConfiguration?

    /// A configuration of `mode` over `stages`.
    public init(
        file: String? = nil, stages: StageConfiguration, mode: Mode, forward: ForwardConfiguration? = nil,
        listSync: PeriodicSyncConfiguration? = nil
    ) {
        self.file = file
        self.stages = stages
        self.mode = mode
        self.forward = forward
        self.listSync = listSync
    }

    /// The result file a resumable batch or a watch run appends to, and counts for clone checks; nil otherwise.
    public var appendedResults: String? {
        switch mode {
        case .batch(let batch):
            if case .resumable(let results) = batch.output { return results }
            return nil
        case .watch(let watch): return watch.results
        case .screen: return nil
        }
    }
}

/// The settings of the stages, the same in every mode.
public struct StageConfiguration: Sendable, Equatable {
    /// The list store (SQLite path or postgres:// URL); nil when the run was told to go without one (`--no-lists`,
    /// `lists: none`), and then every result says no list was checked.
    public var lists: String?
    /// The OCR model name; nil for the default.
    public var model: String?
    /// The risk policy file; nil for the shipped one.
    public var riskPolicy: String?
    /// Earlier result files whose documents count for CLONE.
    public var history: [String] = []
    /// The day expiry is judged against; nil for the day the run starts.
    public var asOf: MRZDate?
    /// Worker threads.
    public var jobs: Int
    /// Scans larger than this many bytes are refused unread, with a result (`max_file_mb`).
    public var maxFileBytes: Int64 = ScanFile.defaultMaxBytes
    /// Where the MRZ band and an annotated page of every scan go (`scan --debug-dir`); nil for nowhere.
    public var debugDirectory: String? = nil
    /// The language model the printed page is read with for the visual zone check (`viz_model`, default `eng`);
    /// nil when the check is off (`scan --no-viz`, `viz: false`: a post that wants speed over the check).
    public var visualZoneModel: String? = StageConfiguration.defaultVisualZoneModel

    /// The printed page's model by default: Tesseract's `eng` (package tesseract-ocr-eng).
    public static let defaultVisualZoneModel = "eng"

    /// Stages over `lists`, with `jobs` workers; the rest as given or by default.
    public init(
        lists: String?, model: String? = nil, riskPolicy: String? = nil, history: [String] = [],
        asOf: MRZDate? = nil, jobs: Int, debugDirectory: String? = nil
    ) {
        self.lists = lists
        self.model = model
        self.riskPolicy = riskPolicy
        self.history = history
        self.asOf = asOf
        self.jobs = jobs
        self.debugDirectory = debugDirectory
    }
}

/// Batch mode: files in, results out.
public struct BatchConfiguration: Sendable, Equatable {
    /// Where the results go.
    public enum Output: Sendable, Equatable {
        /// Written afresh to a file, or to standard output (nil); the CSV and the report of this run's results.
        case fresh(String?)
        /// Appended to a result file, scanning only what is not in it yet (a pipeline file's night); the CSV and
        /// the report of the whole file.
        case resumable(String)
    }

    /// Folders, files and, when `expandsPatterns`, globs.
    public var inputs: [String]
    /// Whether `inputs` holds globs to expand (a pipeline file's); `scan`'s arguments are paths as the shell gave.
    public var expandsPatterns: Bool
    /// Where the results go.
    public var output: Output
    /// The CSV to write, if any.
    public var csv: String?
    /// The HTML report to write, if any.
    public var report: String?

    /// A batch of `inputs`.
    public init(inputs: [String], expandsPatterns: Bool, output: Output, csv: String? = nil, report: String? = nil) {
        self.inputs = inputs
        self.expandsPatterns = expandsPatterns
        self.output = output
        self.csv = csv
        self.report = report
    }

    /// The result file; nil for standard output.
    public var results: String? {
        switch output {
        case .fresh(let path): return path
        case .resumable(let path): return path
        }
    }
}

/// Watch mode: an inbox watched, results appended, scans moved on.
public struct WatchConfiguration: Sendable, Equatable {
    /// The watched folder.
    public var inbox: String
    /// Where scans go once their result is written.
    public var processed: String
    /// Where scans that could not be processed go, with `NAME.error.json`.
    public var quarantine: String
    /// The result file (JSON Lines), appended to.
    public var results: String
    /// How long a file must be unchanged before it is taken.
    public var settleSeconds: Double
    /// The command run for each alert (`on_alert`); nil for none.
    public var alertCommand: AlertCommand? = nil

    /// A watch of `inbox`, results to `results`, scans moved to `processed` or `quarantine`.
    public init(inbox: String, processed: String, quarantine: String, results: String, settleSeconds: Double) {
        self.inbox = inbox
        self.processed = processed
        self.quarantine = quarantine
        self.results = results
        self.settleSeconds = settleSeconds
    }
}

/// Screen mode: MRZ text records in, result lines out.
public struct ScreenConfiguration: Sendable, Equatable {
    /// The records (`-` for standard input).
    public var input: String
    /// The result file; nil for standard output.
    public var results: String?

    /// Records from `input`, results to `results`.
    public init(input: String, results: String?) {
        self.input = input
        self.results = results
    }
}

/// Reads pipeline files. Relative paths are relative to the pipeline file.
extension RunConfiguration {
    static let keys: Set<String> = Set<String>([
        "mode", "inbox", "inputs", "processed", "quarantine", "results", "lists", "model", "risk", "jobs",
        "settle_seconds", "as_of", "report", "csv", "history",
        "max_file_mb", "viz", "viz_model",
        "on_alert", "on_alert_reviews", "on_alert_timeout_seconds", "on_alert_retries",
    ]).union(centralKeys)

    /// Reads and checks the pipeline file at `path`. Throws a `ConfigError` naming the file, line and key of
    /// anything unknown, missing for the mode, or out of range.
    public static func load(_ path: String) throws -> RunConfiguration {
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
        let modeName = try fields["mode"]!.string()
        guard modeName == "watch" || modeName == "batch" else { throw fields["mode"]!.error("must be watch or batch") }
        let results = try location("results")!
        let inputs = try fields["inputs"].map { try $0.strings().map(resolved) } ?? []
        let inbox = try location("inbox")
        let processed = try location("processed")
        let quarantine = try location("quarantine")
        var stages = StageConfiguration(
            lists: nil, model: try Self.model(fields["model"]), riskPolicy: try location("risk"),
            history: try fields["history"].map { try $0.strings().map(resolved) } ?? [],
            jobs: try fields["jobs"].map { try $0.int(in: 1...256) } ?? 2)
        let settleSeconds = try fields["settle_seconds"].map { try $0.double(in: 0...3600) } ?? 2
        let (report, csv) = (try location("report"), try location("csv"))
        if let asOf = fields["as_of"], !asOf.isNull {
            guard let date = MRZDate(iso: try asOf.string()) else {
                throw asOf.error("must be a date written YYYY-MM-DD, or null")
            }
            stages.asOf = date
        }
        if let limit = fields["max_file_mb"] {
            stages.maxFileBytes = Int64(try limit.int(in: 1...100_000)) * 1_000_000
        }
        let checksVisualZone = try fields["viz"].map { try $0.bool() } ?? true
        stages.visualZoneModel = checksVisualZone ? try Self.model(fields["viz_model"]) ?? stages.visualZoneModel : nil
        let needed = modeName == "watch" ? ["inbox", "processed", "quarantine"] : ["inputs"]
        for key in needed where fields[key] == nil || fields[key]!.isNull {
            throw ConfigError(file: path, line: root.line, key: key, problem: "missing; \(modeName) mode needs it")
        }
        let central = try Self.central(
            fields, root: root, mode: modeName, lists: try Self.listStore(fields["lists"], in: root).map(resolved),
            folder: folder)
        stages.lists = central.lists
        let alertCommand = try Self.alertCommand(fields, watch: modeName == "watch")
        // The check above leaves watch mode its folders.
        if modeName == "watch", let inbox, let processed, let quarantine {
            var watch = WatchConfiguration(
                inbox: inbox, processed: processed, quarantine: quarantine, results: results,
                settleSeconds: settleSeconds)
            watch.alertCommand = alertCommand
            return RunConfiguration(
                file: path, stages: stages, mode: .watch(watch), forward: central.forward, listSync: central.sync)
        }
        let batch = BatchConfiguration(
            inputs: inputs, expandsPatterns: true, output: .resumable(results), csv: csv, report: report)
        return RunConfiguration(file: path, stages: stages, mode: .batch(batch), forward: central.forward)
    }

    /// The `on_alert` command and its settings; nil when `on_alert` is not given. Only a watched inbox notifies
    /// (a batch's alerts are in its report), and settings without the command are refused as a slip.
    static func alertCommand(_ fields: [String: ConfigValue], watch: Bool) throws -> AlertCommand? {
        let settings = ["on_alert_reviews", "on_alert_timeout_seconds", "on_alert_retries"]
        guard let value = fields["on_alert"], !value.isNull else {
            if let setting = settings.first(where: { fields[$0] != nil }) {
                throw fields[setting]!.error("has no effect without on_alert")
            }
            return nil
        }
        guard watch else { throw value.error("only watch mode runs a command for each alert") }
        var command = AlertCommand(command: try value.string())
        command.includesReviews = try fields["on_alert_reviews"].map { try $0.bool() } ?? false
        command.timeoutSeconds =
            try fields["on_alert_timeout_seconds"].map { try $0.double(in: 0.1...3600) } ?? command.timeoutSeconds
        command.retries = try fields["on_alert_retries"].map { try $0.int(in: 0...100) } ?? command.retries
        return command
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
        let path = (folder.isEmpty ? "" : folder + "/") + relative
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
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
