import Foundation
import Lists
import MRZ
import OCR
import VisualZone

/// The composition root: the one place that names every stage and builds them once, for every mode.
///
///     ingest → decode → locate/read MRZ → look up   `ScanPipeline.read` (ScanJob → ScanReading), on
///                                                   long-lived workers that own their engine (`ScanWorkers`)
///            → assess                               `RiskStage.assessInOrder` (ScanReading → ScanResult), in
///                                                   output order, on the calling thread
///            → emit                                 a `ResultWriter`
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
    /// What every worker reads with: the lists, the year, the size limit, debug images.
    let settings: ScanSettings
    /// Makes one worker's page reader (its own engine); nil for a pipeline of text records only.
    private let makeReader: (@Sendable () throws -> PageReader)?
    private let jobs: Int

    /// The stages `configuration` names, judging dates as of its `asOf`, else `today`: the model (unless the
    /// mode reads text only), the risk policy with the documents of earlier results (a resumable run's own
    /// result file among them), the lists, the debug folder. Throws when one cannot be used.
    public static func make(
        _ configuration: RunConfiguration, today: MRZDate, recognizers: LineRecognizers = .tesseract
    ) throws -> ScanPipeline {
        let stages = configuration.stages
        let asOf = stages.asOf ?? today
        var makeReader: (@Sendable () throws -> PageReader)? = nil
        if case .screen = configuration.mode {
        } else {
            makeReader = try recognizers.readers(model: stages.model, visualZoneModel: stages.visualZoneModel)
        }
        let own = configuration.appendedResults.flatMap { FileManager.default.fileExists(atPath: $0) ? [$0] : nil }
        let risk = try RiskStage.load(policyPath: stages.riskPolicy, asOf: asOf, history: stages.history + (own ?? []))
        let matcher = try stages.lists.map { try ListMatcher(store: try ListStores.open($0)) }
        let debug = try stages.debugDirectory.map(DebugImageWriter.init(directory:))
        return ScanPipeline(
            risk: risk, matcher: matcher, readers: makeReader, jobs: stages.jobs, maxFileBytes: stages.maxFileBytes,
            debug: debug)
    }

    /// A pipeline of these stages: `risk` (its scorer's day is the pipeline's), `matcher`, and `readers` making
    /// one worker's page reader each (nil: text records only).
    init(
        risk: RiskStage, matcher: ListMatcher?, readers: (@Sendable () throws -> PageReader)?, jobs: Int,
        maxFileBytes: Int64 = ScanFile.defaultMaxBytes, debug: DebugImageWriter? = nil
    ) {
        asOf = risk.scorer.asOf
        self.matcher = matcher
        self.risk = risk
        makeReader = readers
        self.jobs = jobs
        settings = ScanSettings(matcher: matcher, currentYear: asOf.year, maxFileBytes: maxFileBytes, debug: debug)
    }

    /// The readers for `count` files (at most one worker per file, at least one).
    func workers(for count: Int) throws -> ScanWorkers {
        guard let makeReader else { preconditionFailure("a pipeline of text records reads no images") }
        return try ScanWorkers(count: min(jobs, max(1, count)), makeReader: makeReader)
    }

    /// Scans `files` and hands every result, weighed, to `writer` in input order, then finishes it; a PAXLST
    /// file among them (told by content) gives one result per traveller document, where it stands, but those
    /// `apiDone` names by the file's hash (written by a run that stopped). Throws when an engine cannot be made
    /// or an output cannot be written (after the other files were read).
    public func run(_ files: [String], writer: any ResultWriter, apiDone: [String: Set<Int>] = [:]) throws {
        let isAPI = files.map(APIFile.isPaxlst)
        let workers = isAPI.allSatisfy { $0 } ? nil : try workers(for: isAPI.filter { !$0 }.count)
        defer { workers?.stop() }
        var order = 0
        var failure: (any Error)?
        func emit(_ reading: ScanReading) {
            guard failure == nil else { return }
            do { try writer.write(risk.assessInOrder(reading, order: order)) } catch { failure = error }
            order += 1
        }
        var start = 0
        while start < files.count {
            let end = isAPI[start...].firstIndex { $0 != isAPI[start] } ?? files.count
            if isAPI[start] {
                for path in files[start..<end] { screenAPI(path, done: apiDone, emit) }
            } else {
                workers?.scan(files[start..<end].map { ScanJob(path: $0) }, settings: settings, emit: emit)
            }
            start = end
        }
        if let failure { throw failure }
        try writer.finish()
    }

    /// The readings of the PAXLST file at `path`, or one `BAD_FILE` reading when it gives no traveller.
    private func screenAPI(_ path: String, done: [String: Set<Int>], _ emit: (ScanReading) -> Void) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return emit(.badFile(path, sha256: nil, detail: "the file cannot be read"))
        }
        let bytes = [UInt8](data)
        let sha256 = ContentHash.sha256(bytes)
        let screened = APIFile(
            bytes: bytes, sha256: sha256, path: path, matcher: settings.matcher, currentYear: asOf.year,
            done: done[sha256] ?? [])
        if let problem = screened.problem { return emit(.badFile(path, sha256: screened.sha256, detail: problem)) }
        screened.readings.forEach(emit)
    }

    /// Screens every record from `reader` and hands the result lines (JSON Lines bytes) to `emit` in input
    /// order; `progress` hears how many records and alerts each chunk held. Throws when the input cannot be read.
    public func screen(
        _ reader: any ScreeningSource, progress: (_ records: Int, _ alerts: Int) -> Void = { _, _ in },
        emit: (UnsafeRawBufferPointer) -> Void
    ) throws {
        let screener = MRZScreener(matcher: matcher, currentYear: asOf.year)
        try TextScreening.run(
            reader: reader, screener: screener, risk: risk, jobs: jobs, progress: progress, emit: emit)
    }

    /// One worker's stages for one file, top to bottom: ingest (bytes, content hash) → decode → locate/read
    /// MRZ (`PageReader`) → look up (`ListLookup`). Never throws: a bad file is a result too.
    static func read(_ job: ScanJob, with reader: PageReader, settings: ScanSettings) -> ScanReading {
        let clock = ScanClock()
        func reading(
            _ status: ScanResult.Status, sha256: String?, problem: ScanProblem?, ocr: OCRSummary? = nil,
            document: MRZDocument? = nil, list: ListVerdict? = nil,
            visualZone: (VisualZoneCheck, ReportImages?)? = nil
        ) -> ScanReading {
            ScanReading(
                file: job.file, sha256: sha256, status: status, document: document, ocr: ocr, problem: problem,
                list: list, visualZone: visualZone?.0, reportImages: visualZone?.1, seconds: clock.seconds,
                cpuSeconds: clock.cpuSeconds)
        }
        let bytes: [UInt8]
        do {
            bytes = try ScanFile.read(job.path, maxBytes: settings.maxFileBytes)
        } catch {
            return reading(.error, sha256: nil, problem: ScanProblem(code: .badFile, detail: error.detail))
        }
        let digest = ContentHash.sha256(bytes)
        let pages: PagesRead
        do {
            pages = try reader.read(bytes, path: job.path, currentYear: settings.currentYear, debug: settings.debug)
        } catch {
            return reading(.error, sha256: digest, problem: ScanProblem(code: .badFile, detail: "\(error)"))
        }
        guard let best = pages.best else {
            let on = pages.pageCount > 1 ? " on any of its \(pages.pageCount) pages" : " on the page"
            let problem = ScanProblem(code: .noMRZ, detail: "no machine readable zone found" + on)
            return reading(.noMRZ, sha256: digest, problem: problem)
        }
        let (chosen, verdict) = ListLookup.choose(best, among: pages.valid, matcher: settings.matcher)
        let read = chosen.reading
        let ocr = OCRSummary(
            confidence: read.confidence, corrected: read.document.corrections.map(\.description),
            model: reader.modelName, rotation: read.band.rotationDegrees, skew: read.band.skewDegrees,
            page: pages.pageCount > 1 ? chosen.page + 1 : nil,
            otherDocuments: pages.valid.filter { $0.reading.document.lines != read.document.lines }.count)
        guard reader.accepts(read) else {
            let problem = ScanProblem(code: .unreadable, detail: "an MRZ was found but could not be read")
            return reading(.unreadable, sha256: digest, problem: problem, ocr: ocr)
        }
        return reading(
            .ok, sha256: digest, problem: nil, ocr: ocr, document: read.document, list: verdict ?? .notConsulted,
            visualZone: reader.checkVisualZone(of: chosen, in: pages, path: job.path, debug: settings.debug))
    }

    /// What a report says the run was judged by.
    public func reportContext(title: String) -> ReportContext {
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

    /// A maker of one worker's page reader, reading the printed page with `visualZoneModel` unless nil; the models
    /// are located now, so a missing one stops the run before it starts.
    func readers(model name: String?, visualZoneModel: String? = nil) throws -> @Sendable () throws -> PageReader {
        let visual = try visualZoneModel.map { try OCRModel.locate($0) }
        switch self {
        case .tesseract:
            return Self.tesseract(try OCRModel.locate(name), visualZone: visual)
        case .custom(let model, let make):
            return {
                PageReader(recognizer: make(), modelName: model, visualEngine: try visual.map(PageTextEngine.init))
            }
        }
    }

    /// A maker of one worker's page reader over a Tesseract engine running `model`, one running `visualZone` for the
    /// printed page when given, and a second opinion on MRZ lines no cut of `model`'s validates without repair
    /// (`OCRModel.secondOpinionName`, when installed and not `model` itself; loaded when first asked).
    static func tesseract(_ model: OCRModel, visualZone: OCRModel? = nil) -> @Sendable () throws -> PageReader {
        let secondOpinion =
            model.name == OCRModel.secondOpinionName ? nil : try? OCRModel.locate(OCRModel.secondOpinionName)
        return {
            PageReader(
                recognizer: try TesseractEngine(model: model), modelName: model.name,
                secondOpinion: secondOpinion.map { model in LazyLineRecognizer { try TesseractEngine(model: model) } },
                visualEngine: try visualZone.map(PageTextEngine.init))
        }
    }
}
