import Dispatch
import Foundation
import Lists
import MRZ
import OCR
import Plumbing

/// Batch mode (a night's scans): every input not yet in the result file — by content hash, so a re-run
/// after a stop, or over a folder that grew, scans only what is new — goes through the whole pipeline,
/// and its result is appended. Optionally writes the CSV and the HTML report of the whole result file.
public struct BatchMode {
    /// What the run did.
    public struct Summary: Sendable, Equatable {
        /// Input files found.
        public var inputs = 0
        /// Inputs whose result was already in the result file.
        public var skipped = 0
        /// Results written by this run, by level.
        public var levels: [RiskLevel: Int] = [:]
        /// Results with a list hit.
        public var hits = 0
        /// Results for scans that could not be read (`error`, `no_mrz`, `unreadable`).
        public var unread = 0
        /// Seconds the scanning took.
        public var seconds = 0.0

        /// Results written by this run.
        public var scanned: Int { levels.values.reduce(0, +) }
    }

    /// The pipeline.
    public let definition: PipelineDefinition

    /// A batch run of `definition` (its mode must be batch).
    public init(definition: PipelineDefinition) {
        self.definition = definition
    }

    /// Runs the batch, judging dates as of `asOf` when the pipeline does not fix the day; `watcher` also
    /// sees every result (a progress bar), and `total` the number to scan. Throws when an input, the lists,
    /// the model or the policy cannot be used, or a result cannot be written.
    public func run(asOf today: MRZDate, watcher: ((ScanResult, _ total: Int) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        let files = try ScanInputs.files(try Self.expand(definition.inputs))
        summary.inputs = files.count
        let done = try ResultLog.completedHashes(definition.results)
        let pending = Self.notIn(done, files, jobs: definition.jobs)
        summary.skipped = files.count - pending.count
        let stages = try PipelineStages(definition, today: today)
        let risk = stages.risk, matcher = stages.batch.matcher
        let tally = Tally(total: pending.count, watcher: watcher)
        let results = JSONLinesWriter(try OutputFile(path: definition.results, append: true))
        let start = DispatchTime.now().uptimeNanoseconds
        try ScanRun(batch: stages.batch, risk: risk).run(pending, writer: ResultWriters([results, tally]))
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The CSV and the report cover the whole result file, every run: a re-run or a resumed night that
        // scanned little (or nothing) must not replace the night's report with its own few scans.
        var summaries: [any ResultWriter] = []
        if let csv = definition.csv { summaries.append(CSVResultWriter(try OutputFile(path: csv))) }
        if let report = definition.report {
            summaries.append(HTMLReportWriter(try OutputFile(path: report), context: ReportContext(
                title: "docguard batch report", asOf: risk.scorer.asOf.description,
                policyVersion: risk.scorer.policy.version, listVersion: matcher?.info?.version)))
        }
        if !summaries.isEmpty {
            let writer = ResultWriters(summaries)
            try ResultLineReader.forEach(inFile: definition.results) { try writer.write($0) }
            try writer.finish()
        }
        summary.levels = tally.levels
        summary.hits = tally.hits
        summary.unread = tally.unread
        return summary
    }

    /// Folders and files as they are; a pattern with `*`, `?` or `[` expanded by glob(3), and an error when
    /// it matches nothing (a mistyped night folder must not pass as an empty night).
    static func expand(_ inputs: [String]) throws -> [String] {
        try inputs.flatMap { input -> [String] in
            guard input.contains(where: { "*?[".contains($0) }) else { return [input] }
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(input, 0, nil, &matches) == 0 else { throw PipelineError.inputNotFound(input) }
            return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { FileName.render(cString: $0) } }
        }
    }

    /// The files whose content hash is not in `done`, in order; hashed on `jobs` threads.
    static func notIn(_ done: Set<String>, _ files: [String], jobs: Int) -> [String] {
        guard !done.isEmpty else { return files }
        let hashes = Locked([String?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, files.count))) { worker in
            for index in stride(from: worker, to: files.count, by: max(1, min(jobs, files.count))) {
                let digest = ContentHash.sha256(ofFileAt: files[index])
                hashes.withLock { $0[index] = digest }
            }
        }
        let known = hashes.withLock { $0 }
        return files.indices.filter { known[$0].map { !done.contains($0) } ?? true }.map { files[$0] }
    }
}

/// Counts a run's results as they are written, and shows each to a watcher.
private final class Tally: ResultWriter {
    let total: Int
    let watcher: ((ScanResult, Int) -> Void)?
    var levels: [RiskLevel: Int] = [:]
    var hits = 0
    var unread = 0

    init(total: Int, watcher: ((ScanResult, Int) -> Void)?) {
        self.total = total
        self.watcher = watcher
    }

    func write(_ result: ScanResult) throws {
        levels[result.risk?.level ?? .review, default: 0] += 1
        if result.list?.hit == true { hits += 1 }
        if result.status != .ok { unread += 1 }
        watcher?(result, total)
    }

    func finish() throws {}
}
