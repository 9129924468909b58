import Lists
import MRZ
import OCR
import VisualZone

/// What the read and look-up stages made of one scan or screened MRZ text record: everything of its result
/// line but the risk. Made once, by the stage that read it; never changed after.
public struct ScanReading: Sendable {
    /// The path as reached from the arguments (in watch mode, the inbox path); nil for a screened text record.
    public let file: String?
    /// 1-based position of a screened text record in its input; nil for a scan.
    public let record: Int?
    /// SHA-256 of the file's bytes, lowercase hex; nil when the file could not be read at all, or for a record.
    public let sha256: String?
    /// Outcome.
    public let status: ScanResult.Status
    /// The MRZ read (after repair), nil unless `status == .ok`.
    public let document: MRZDocument?
    /// OCR facts: confidence, orientation, what repair changed; nil when nothing was located.
    public let ocr: OCRSummary?
    /// Error code and detail for `status == .error` (and NO_MRZ / UNREADABLE for those statuses).
    public let problem: ScanProblem?
    /// The stolen/lost list verdict; nil when nothing was read.
    public let list: ListVerdict?
    /// The printed page held against the MRZ; nil when the check is off or nothing was read.
    public let visualZone: VisualZoneCheck?
    /// The band and the document as pictures for the report; nil when not made (never in the result line).
    public let reportImages: ReportImages?
    /// Seconds the scan took; for benchmarks and `eval`, never written to the result line.
    public let seconds: Double
    /// CPU seconds the scan took on its worker thread; for benchmarks and `eval`, never written either.
    public let cpuSeconds: Double
    /// Where a screened API (PAXLST) traveller document comes from; nil for scans and MRZ text records.
    public let api: APIContext?

    /// A reading with every field given.
    public init(
        file: String?, record: Int? = nil, sha256: String?, status: ScanResult.Status, document: MRZDocument? = nil,
        ocr: OCRSummary? = nil, problem: ScanProblem? = nil, list: ListVerdict? = nil,
        visualZone: VisualZoneCheck? = nil, reportImages: ReportImages? = nil, seconds: Double = 0,
        cpuSeconds: Double = 0, api: APIContext? = nil
    ) {
        self.file = file
        self.record = record
        self.sha256 = sha256
        self.status = status
        self.document = document
        self.ocr = ocr
        self.problem = problem
        self.list = list
        self.visualZone = visualZone
        self.reportImages = reportImages
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
        self.api = api
    }

    /// A scan that was refused or could not be decoded: status `error`, code BAD_FILE.
    static func badFile(_ file: String?, sha256: String?, detail: String) -> ScanReading {
        ScanReading(file: file, sha256: sha256, status: .error, problem: ScanProblem(code: .badFile, detail: detail))
    }
}

/// What the pipeline concluded about one scan or screened MRZ text record (SPEC.md result line): the reading
/// and the risk stage's decision, put together once at the end of the pipeline.
public struct ScanResult: Sendable {
    /// How far the scan got.
    public enum Status: String, Sendable {
        /// MRZ found and read.
        case ok
        /// No MRZ on the page.
        case noMRZ = "no_mrz"
        /// An MRZ band was found but could not be read as an MRZ.
        case unreadable
        /// The file is not a decodable image (or too large).
        case error
    }

    /// What was read and looked up.
    public let reading: ScanReading
    /// The risk stage's decision; nil only for a result line read back without one.
    public let risk: RiskAssessment?

    /// `reading`, weighed as `risk`.
    public init(_ reading: ScanReading, risk: RiskAssessment?) {
        self.reading = reading
        self.risk = risk
    }

    /// The path as reached from the arguments; nil for a screened text record.
    public var file: String? { reading.file }
    /// 1-based position of a screened text record in its input; nil for a scan.
    public var record: Int? { reading.record }
    /// SHA-256 of the file's bytes, lowercase hex; nil when the file could not be read at all.
    public var sha256: String? { reading.sha256 }
    /// Outcome.
    public var status: Status { reading.status }
    /// The MRZ read (after repair), nil unless `status == .ok`.
    public var document: MRZDocument? { reading.document }
    /// OCR facts; nil when nothing was located.
    public var ocr: OCRSummary? { reading.ocr }
    /// Error code and detail, for every status but `ok`.
    public var problem: ScanProblem? { reading.problem }
    /// The stolen/lost list verdict; nil when nothing was read.
    public var list: ListVerdict? { reading.list }
    /// The printed page held against the MRZ; nil when the check is off or nothing was read.
    public var visualZone: VisualZoneCheck? { reading.visualZone }
    /// Where a screened API traveller document comes from; nil otherwise.
    public var api: APIContext? { reading.api }
    /// The band and the document as pictures for the report; nil when not made.
    public var reportImages: ReportImages? { reading.reportImages }
}

/// The `ocr` object: how the page was read.
public struct OCRSummary: Sendable, Equatable {
    /// Mean per-character confidence, 0…1.
    public var confidence: Double
    /// Corrections made by check-digit-driven repair, e.g. `line2[5]: O->0`.
    public var corrected: [String]
    /// Model used.
    public var model: String
    /// The document's clockwise quarter turn on the scan: 0, 90, 180, 270.
    public var rotation: Int
    /// Residual skew in degrees.
    public var skew: Double
    /// The page the MRZ was read on, 1-based, for a file of several pages (multi-page TIFF); nil otherwise.
    public var page: Int? = nil
    /// Valid MRZs of other documents on the same page, not screened by this result (0: the scan shows one).
    public var otherDocuments: Int = 0
}

/// A stable code with a detail that carries no personal data.
public struct ScanProblem: Sendable, Equatable {
    /// SPEC.md code: `.badFile`, `.noMRZ` or `.unreadable`.
    public var code: ReasonCode
    /// What went wrong, for a person.
    public var detail: String
}

extension ScanResult: JSONWritable {
    /// The result line of SPEC.md, keys in sorted order.
    public func write(to writer: inout JSONWriter) {
        Self.write(reading, risk: risk, to: &writer)
    }

    /// The result line of `reading` weighed as `risk`, written without putting the two together first (the
    /// screening workers write millions).
    static func write(_ reading: ScanReading, risk: RiskAssessment?, to writer: inout JSONWriter) {
        writer.beginObject()
        if let api = reading.api {
            writer.key("api")
            writer.value(api)
        }
        writer.key("error")
        if let problem = reading.problem {
            writer.beginObject()
            writer.key("code")
            writer.string(problem.code.rawValue)
            writer.key("detail")
            writer.string(problem.detail)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("file")
        writer.string(reading.file)
        writer.key("list")
        writer.value(reading.list)
        writer.key("mrz")
        writer.value(reading.document)
        writer.key("ocr")
        if let ocr = reading.ocr {
            writer.beginObject()
            writer.key("confidence")
            writer.double(rounded(ocr.confidence, places: 3))
            writer.key("corrected")
            writer.strings(ocr.corrected)
            writer.key("model")
            writer.string(ocr.model)
            if ocr.otherDocuments > 0 {
                writer.key("otherDocuments")
                writer.int(ocr.otherDocuments)
            }
            if let page = ocr.page {
                writer.key("page")
                writer.int(page)
            }
            writer.key("rotation")
            writer.int(ocr.rotation)
            writer.key("skew")
            writer.double(rounded(ocr.skew, places: 1))
            writer.endObject()
        } else {
            writer.null()
        }
        if let record = reading.record {
            writer.key("record")
            writer.int(record)
        }
        writer.key("risk")
        writer.value(risk)
        writer.key("schema")
        writer.string("docguard.result/1")
        writer.key("sha256")
        writer.string(reading.sha256)
        writer.key("status")
        writer.string(reading.status.rawValue)
        if let visualZone = reading.visualZone {
            writer.key("viz")
            writer.value(visualZone)
        }
        writer.endObject()
    }

    private static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
