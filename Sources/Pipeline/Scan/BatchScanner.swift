import Foundation
import Lists
import OCR
import Plumbing

/// Scans many files on `jobs` worker threads, one `PageReader` (one Tesseract engine) per worker, and hands
/// the readings back in input order as soon as each is next in line, so output streams and stays sorted.
public struct BatchScanner: Sendable {
    /// The model every worker loads.
    public var model: OCRModel
    /// Worker threads.
    public var jobs: Int
    /// Resolves two-digit birth years.
    public var currentYear: Int
    /// Where debug images go, if anywhere.
    public var debug: DebugImageWriter?
    /// The stolen/lost lists to check each read document against, if any.
    public var matcher: ListMatcher?
    /// Files larger than this many bytes are refused before reading.
    public var maxFileBytes = ScanFile.defaultMaxBytes
    /// The model the printed page is read with for the visual zone check; nil: no check.
    public var visualZoneModel: OCRModel?

    /// A batch over `model` with `jobs` workers.
    public init(
        model: OCRModel, jobs: Int, currentYear: Int, debug: DebugImageWriter? = nil,
        matcher: ListMatcher? = nil, visualZoneModel: OCRModel? = nil
    ) {
        self.visualZoneModel = visualZoneModel
        self.model = model
        self.jobs = max(1, jobs)
        self.currentYear = currentYear
        self.debug = debug
        self.matcher = matcher
    }

    /// Scans `files`; `emit` is called once per file, in order, on the calling thread. Throws only when an
    /// engine cannot be created.
    public func run(_ files: [String], emit: (ScanReading) -> Void) throws {
        let workers = try ScanWorkers(
            count: min(jobs, max(1, files.count)),
            makeReader: LineRecognizers.tesseract(model, visualZone: visualZoneModel))
        defer { workers.stop() }
        let settings = ScanSettings(
            matcher: matcher, currentYear: currentYear, maxFileBytes: maxFileBytes, debug: debug)
        workers.scan(files.map { ScanJob(path: $0) }, settings: settings, emit: emit)
    }
}
