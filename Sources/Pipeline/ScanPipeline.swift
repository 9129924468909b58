import Foundation
import Lists
import MRZ
import OCR

/// The composition root: the one place that names every stage and builds them once, for every mode.
///
///     decode → locate/read MRZ → look up   `PageScanner.scan` (ScanJob → ScanReading), on long-lived
///                                           workers that own their engine (`ScanWorkers`)
///            → assess                       `RiskStage.assessInOrder` (ScanReading → ScanResult), in output order
///            → emit                         a `ResultWriter`
///
/// Text records take the same look-up and assess stages without the image ones (`screen`). Modes differ only
/// in where documents come from and where results go: `BatchMode` (files → a result writer), `WatchMode`
/// (inbox + journal → the result file, then moves), `screen` (text records → result line bytes).
public struct ScanPipeline: Sendable {
    /// The day dates are judged against.
    public let asOf: MRZDate
    /// Look up: the stolen/lost lists; nil when the run goes without (every result then says so).
    let matcher: ListMatcher?
    /// Assess: the scorer and the run's clone register.
    let risk: RiskStage
    /// Decode → locate/read → look up, as every worker applies it.
    let settings: ScanSettings
    /// Makes one worker's reader (its own engine); nil for a pipeline of text records only.
    private let makeScanner: (@Sendable () throws -> PageScanner)?
    private let jobs: Int

    /// The stages `configuration` names, judging dates as of its `asOf`, else `today`: the model (unless the
    /// mode reads text only), the risk policy with the documents of earlier results (a resumable run's own
    /// result file among them), the lists, the debug folder. Throws when one cannot be used.
    public static func make(
        _ configuration: RunConfiguration, today: MRZDate, recognizers: LineRecognizers = .tesseract
    ) throws -> ScanPipeline {
        let stages = configuration.stages
        let asOf = stages.asOf ?? today
        var makeScanner: (@Sendable () throws -> PageScanner)? = nil
        if case .screen = configuration.mode {} else { makeScanner = try recognizers.scanners(model: stages.model) }
        let own = configuration.appendedResults.map { [$0] }?.filter { FileManager.default.fileExists(atPath: $0) }
        let risk = try RiskStage.load(policyPath: stages.riskPolicy, asOf: asOf, history: stages.history + (own ?? []))
        let matcher = try stages.lists.map { try ListMatcher(store: try ListStores.open($0)) }
        let debug = try stages.debugDirectory.map(DebugImageWriter.init(directory:))
        return ScanPipeline(
            risk: risk, matcher: matcher, scanners: makeScanner, jobs: stages.jobs, maxFileBytes: stages.maxFileBytes,
            debug: debug)
    }

    /// A pipeline of these stages: `risk` (its scorer's day is the pipeline's), `matcher`, and `scanners` making
    /// one worker's reader each (nil: text records only).
    init(
        risk: RiskStage, matcher: ListMatcher?, scanners: (@Sendable () throws -> PageScanner)?, jobs: Int,
        maxFileBytes: Int64 = ScanFile.defaultMaxBytes, debug: DebugImageWriter? = nil
    ) {
        asOf = risk.scorer.asOf
        self.matcher = matcher
        self.risk = risk
        makeScanner = scanners
        self.jobs = jobs
        settings = ScanSettings(matcher: matcher, currentYear: asOf.year, maxFileBytes: maxFileBytes, debug: debug)
    }

    /// The readers for `count` files (at most one worker per file, at least one).
    func workers(for count: Int) throws -> ScanWorkers {
        guard let makeScanner else { preconditionFailure("a pipeline of text records reads no images") }
        return try ScanWorkers(count: min(jobs, max(1, count)), makeScanner: makeScanner)
    }

    /// Scans `files` and hands every result, weighed, to `writer` in input order, then finishes it. Throws when
    /// an engine cannot be made or an output cannot be written (after the other files were read).
    public func run(_ files: [String], writer: any ResultWriter) throws {
        let workers = try workers(for: files.count)
        defer { workers.stop() }
        var order = 0
        var failure: (any Error)?
        workers.scan(files.map { ScanJob(path: $0) }, settings: settings) { reading in
            guard failure == nil else { return }
            do { try writer.write(risk.assessInOrder(reading, order: order)) } catch { failure = error }
            order += 1
        }
        if let failure { throw failure }
        try writer.finish()
    }

    /// Screens every record from `reader` and hands the result lines (JSON Lines bytes) to `emit` in input
    /// order; `progress` hears how many records and alerts each chunk held. Throws when the input cannot be read.
    public func screen(
        _ reader: MRZTextRecordReader, progress: (_ records: Int, _ alerts: Int) -> Void = { _, _ in },
        emit: (UnsafeRawBufferPointer) -> Void
    ) throws {
        let screener = MRZScreener(matcher: matcher, currentYear: asOf.year)
        try TextScreening.run(
            reader: reader, screener: screener, risk: risk, jobs: jobs, progress: progress, emit: emit)
    }

    /// What a report says the run was judged by.
    func reportContext(title: String) -> ReportContext {
        ReportContext(
            title: title, asOf: risk.scorer.asOf.description, policyVersion: risk.scorer.policy.version,
            listVersion: matcher?.info?.version)
    }
}

/// The line recognisers a pipeline's workers read with: Tesseract, or (for tests of the logic above OCR) another.
public enum LineRecognizers: Sendable {
    /// Tesseract with the configured model.
    case tesseract
    /// `make` for every worker; results name `model`.
    case custom(model: String, make: @Sendable () -> any LineRecognizer)

    /// A maker of one worker's scanner; the model is located now, so a missing one stops the run before it starts.
    func scanners(model name: String?) throws -> @Sendable () throws -> PageScanner {
        switch self {
        case .tesseract:
            return Self.tesseract(try OCRModel.locate(name))
        case .custom(let model, let make):
            return { PageScanner(recognizer: make(), modelName: model) }
        }
    }

    /// A maker of one worker's scanner over a Tesseract engine running `model`.
    static func tesseract(_ model: OCRModel) -> @Sendable () throws -> PageScanner {
        { PageScanner(recognizer: try TesseractEngine(model: model), modelName: model.name) }
    }
}
