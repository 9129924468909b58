import Lists
import MRZ
import OCR

/// What the pipeline concluded about one scan or screened MRZ text record (SPEC.md result line).
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

    /// The path as reached from the arguments; nil for a screened text record.
    public var file: String?
    /// 1-based position of a screened text record in its input; nil for a scan.
    public var record: Int? = nil
    /// SHA-256 of the file's bytes, lowercase hex; empty when the file could not be read at all.
    public var sha256: String
    /// Outcome.
    public var status: Status
    /// The MRZ read (after repair), nil unless `status == .ok`.
    public var document: MRZDocument?
    /// OCR facts: confidence, orientation, what repair changed; nil when nothing was located.
    public var ocr: OCRSummary?
    /// Error code and detail for `status == .error` (and NO_MRZ / UNREADABLE for those statuses).
    public var problem: ScanProblem?
    /// The stolen/lost list verdict; nil when no list was consulted or nothing was read.
    public var list: ListVerdict? = nil
    /// The risk stage's decision; nil until it has run.
    public var risk: RiskAssessment? = nil
    /// Seconds the scan took; for benchmarks and `eval`, never written to the result line.
    public var seconds: Double = 0
    /// CPU seconds the scan took on its worker thread; for benchmarks and `eval`, never written either.
    public var cpuSeconds: Double = 0
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
    /// The result line of SPEC.md (`risk` is null until that stage has run), keys in sorted order.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("error")
        if let problem {
            writer.beginObject()
            writer.key("code"); writer.string(problem.code.rawValue)
            writer.key("detail"); writer.string(problem.detail)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("file"); writer.string(file)
        writer.key("list"); writer.value(list)
        writer.key("mrz"); writer.value(document)
        writer.key("ocr")
        if let ocr {
            writer.beginObject()
            writer.key("confidence"); writer.double(Self.rounded(ocr.confidence, places: 3))
            writer.key("corrected"); writer.strings(ocr.corrected)
            writer.key("model"); writer.string(ocr.model)
            if ocr.otherDocuments > 0 { writer.key("otherDocuments"); writer.int(ocr.otherDocuments) }
            if let page = ocr.page { writer.key("page"); writer.int(page) }
            writer.key("rotation"); writer.int(ocr.rotation)
            writer.key("skew"); writer.double(Self.rounded(ocr.skew, places: 1))
            writer.endObject()
        } else {
            writer.null()
        }
        if let record { writer.key("record"); writer.int(record) }
        writer.key("risk"); writer.value(risk)
        writer.key("schema"); writer.string("docguard.result/1")
        writer.key("sha256"); writer.string(sha256.isEmpty ? nil : sha256)
        writer.key("status"); writer.string(status.rawValue)
        writer.endObject()
    }

    private static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
