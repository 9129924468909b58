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

    /// The run: stages and the batch.
    public let configuration: RunConfiguration
    private let batch: BatchConfiguration

    /// A batch run of `configuration`; nil when its mode is not batch.
    public init?(_ configuration: RunConfiguration) {
        guard case .batch(let batch) = configuration.mode else { return nil }
        self.configuration = configuration
        self.batch = batch
    }

    /// Runs the batch, judging dates as of `today` when the configuration does not fix the day: the files (a
    /// resumable run leaves out those already in its result file), through the pipeline `recognizers` read
    /// with, into the result writer. `started` hears how many files will be scanned, `written` sees every
    /// result (a progress display). Throws when an input, the lists, the model or the policy cannot be used,
    /// or a result cannot be written.
    public func run(
        today: MRZDate, recognizers: LineRecognizers = .tesseract, started: (_ total: Int) -> Void = { _ in },
        written: ((ScanResult) -> Void)? = nil
    ) throws -> Summary {
        var summary = Summary()
        let files = try ScanInputs.files(batch.expandsPatterns ? try Self.expand(batch.inputs) : batch.inputs)
        summary.inputs = files.count
        var resumed: String? = nil
        if case .resumable(let results) = batch.output { resumed = results }
        // A scan is done when its hash has a line; a PAXLST file's traveller documents each have their own.
        var done: Set<String> = []
        var apiDone: [String: Set<Int>] = [:]
        for result in try resumed.map(ResultLog.completedResults) ?? [] {
            if let record = result.record, result.file != nil {
                apiDone[result.sha256, default: []].insert(record)
            } else {
                done.insert(result.sha256)
            }
        }
        let pending = Self.notIn(done, files, jobs: configuration.stages.jobs)
        summary.skipped = files.count - pending.count
        let pipeline = try ScanPipeline.make(configuration, today: today, recognizers: recognizers)
        let tally = Tally(watcher: written)
        var writers: [any ResultWriter] = [
            JSONLinesWriter(try batch.results.map { try OutputFile(path: $0, append: resumed != nil) } ?? OutputFile())
        ]
        // Written afresh, the CSV and the report follow the results; a resumable run's cover the whole result
        // file, every run (below).
        if resumed == nil { writers += try summaryWriters(pipeline, title: "docguard scan report") }
        started(pending.count)
        let start = DispatchTime.now().uptimeNanoseconds
        try pipeline.run(pending, writer: ResultWriters(writers + [tally]), apiDone: apiDone)
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // A re-run or a resumed night that scanned little (or nothing) must not replace the night's report with
        // its own few scans.
        if let results = resumed, case let summaries = try summaryWriters(pipeline, title: "docguard batch report"),
            !summaries.isEmpty
        {
            let writer = ResultWriters(summaries)
            try ResultLineReader.forEach(inFile: results) { try writer.write($0) }
            try writer.finish()
        }
        summary.levels = tally.levels
        summary.hits = tally.hits
        summary.unread = tally.unread
        return summary
    }

    /// The CSV and the HTML report the batch names.
    private func summaryWriters(_ pipeline: ScanPipeline, title: String) throws -> [any ResultWriter] {
        var writers: [any ResultWriter] = []
        if let csv = batch.csv { writers.append(CSVResultWriter(try OutputFile(path: csv))) }
        if let report = batch.report {
            let context = pipeline.reportContext(title: title)
            writers.append(HTMLReportWriter(try OutputFile(path: report), context: context))
        }
        return writers
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
        ParallelWork.run(workers: max(1, min(jobs, files.count))) { worker in
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
    let watcher: ((ScanResult) -> Void)?
    var levels: [RiskLevel: Int] = [:]
    var hits = 0
    var unread = 0

    init(watcher: ((ScanResult) -> Void)?) {
        self.watcher = watcher
    }

    func write(_ result: ScanResult) throws {
        levels[result.risk?.level ?? .review, default: 0] += 1
        if result.list?.hit == true { hits += 1 }
        if result.status != .ok { unread += 1 }
        watcher?(result)
    }

    func finish() throws {}
}
