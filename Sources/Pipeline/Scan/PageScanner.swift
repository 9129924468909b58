import Foundation
import Lists
import MRZ
import OCR

/// The image half of the pipeline for one worker: ingest → locate → OCR → parse/validate/repair.
/// Holds one Tesseract engine, reused scan after scan; never shared between threads.
final class PageScanner {
    private let reader: MRZReader
    /// The model results name.
    private let modelName: String
    /// Images over this many pixels are refused before decoding.
    var pixelBudget = ImageCodec.defaultPixelBudget
    /// Files larger than this many bytes are refused before reading (a 2 GB file must not stop a run).
    var maxFileBytes = ScanFile.defaultMaxBytes
    /// Reads below this mean confidence are reported `unreadable`.
    var minimumConfidence = 0.3
    /// Reads with fewer characters where the layout allows them are reported `unreadable`: not an MRZ read.
    var minimumPlausibility = 0.8
    /// The stolen/lost lists every read document is checked against; without them every read document's
    /// verdict is `ListVerdict.notConsulted`.
    var matcher: ListMatcher?

    /// A scanner reading lines with `recognizer` (its own: never shared), whose results name `modelName`.
    init(recognizer: any LineRecognizer, modelName: String) {
        self.modelName = modelName
        reader = MRZReader(engine: recognizer)
    }

    /// Scans the file at `path`, reporting it as `file` (by default the path as given by the user): decode →
    /// locate → OCR → parse/validate/repair → list lookup. Never throws: a bad file is a result too. `debug`
    /// receives the images QA looks at when set.
    func scan(path: String, as file: String? = nil, currentYear: Int, debug: DebugImageWriter? = nil)
        -> ScanReading
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = ThreadCPUClock.seconds()
        func done(
            _ status: ScanResult.Status, sha256: String?, problem: ScanProblem?, ocr: OCRSummary? = nil,
            document: MRZDocument? = nil, list: ListVerdict? = nil
        ) -> ScanReading {
            ScanReading(
                file: file ?? path, sha256: sha256, status: status, document: document, ocr: ocr, problem: problem,
                list: list, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                cpuSeconds: ThreadCPUClock.seconds() - cpuStart)
        }
        let bytes: [UInt8]
        do {
            bytes = try ScanFile.read(path, maxBytes: maxFileBytes)
        } catch {
            return done(.error, sha256: nil, problem: ScanProblem(code: .badFile, detail: error.detail))
        }
        let digest = ContentHash.sha256(bytes)
        // A multi-page file (a scanner's front and back) is read page by page, every page: the best read is the
        // result and names its page. The first document in reading order is the result; every other valid MRZ
        // on any page is counted (each should be scanned on its own: this result screens one), so a second
        // document on a later page is never passed over in silence. A listed document is the result wherever
        // it stands (below).
        let pageCount = ImageCodec.pageCount(bytes)
        var best: (reading: MRZReading, page: Int)? = nil
        var validDocuments: [(reading: MRZReading, page: Int)] = []
        for pageIndex in 0..<pageCount {
            let page: GrayImage
            do {
                page = try ImageCodec.decodeGray(bytes, page: pageIndex, pixelBudget: pixelBudget)
            } catch {
                // The first page decides whether the file is an image at all; a later page that cannot be
                // decoded leaves the pages read so far.
                guard pageIndex == 0 else { break }
                return done(.error, sha256: digest, problem: ScanProblem(code: .badFile, detail: "\(error)"))
            }
            var view = page
            var documents = reader.readDocuments(page, currentYear: currentYear)
            // A colour page that did not read is looked at again with coloured print washed out (annotation
            // boxes, stamps, tinted security print crossing the MRZ).
            if documents.first?.document.valid != true, ImageCodec.hasColour(bytes, page: pageIndex),
                let inkOnly = try? ImageCodec.decodeGray(
                    bytes, page: pageIndex, pixelBudget: pixelBudget, conversion: .inkOnly,
                    reduction: Self.colourReduction(pixels: page.width * page.height))
            {
                let second = reader.readDocuments(inkOnly, currentYear: currentYear)
                if let read = second.first, documents.first.map({ read.ranks(above: $0) }) ?? true {
                    documents = second
                    view = inkOnly
                }
            }
            for read in documents where read.document.valid {
                if !validDocuments.contains(where: { $0.reading.document.lines == read.document.lines }) {
                    validDocuments.append((read, pageIndex))
                }
            }
            if let reading = documents.first, best.map({ reading.ranks(above: $0.reading) }) ?? true {
                best = (reading, pageIndex)
                debug?.write(path: path, page: view, reading: reading)
            } else if best == nil, pageIndex == 0 {
                debug?.write(path: path, page: page, reading: nil)
            }
        }
        guard var (reading, pageIndex) = best else {
            let pages = pageCount > 1 ? " on any of its \(pageCount) pages" : " on the page"
            return done(
                .noMRZ, sha256: digest, problem: ScanProblem(code: .noMRZ, detail: "no machine readable zone found" + pages))
        }
        var verdict = matcher.map { Self.verdict(of: reading.document, by: $0) }
        // The officer must see a listed document: one on another page or elsewhere on the bed is the result when
        // its list verdict is stronger than that of the first document in reading order.
        if let matcher {
            for other in validDocuments where other.reading.document.lines != reading.document.lines {
                let otherVerdict = Self.verdict(of: other.reading.document, by: matcher)
                if Self.strength(of: otherVerdict) > Self.strength(of: verdict!) {
                    (reading, pageIndex, verdict) = (other.reading, other.page, otherVerdict)
                }
            }
        }
        let ocr = OCRSummary(
            confidence: reading.confidence, corrected: reading.document.corrections.map(\.description),
            model: modelName, rotation: reading.band.rotationDegrees, skew: reading.band.skewDegrees,
            page: pageCount > 1 ? pageIndex + 1 : nil,
            otherDocuments: validDocuments.filter { $0.reading.document.lines != reading.document.lines }.count)
        guard reading.document.format != nil, reading.confidence >= minimumConfidence,
            reading.plausibility >= minimumPlausibility
        else {
            return done(
                .unreadable, sha256: digest,
                problem: ScanProblem(code: .unreadable, detail: "an MRZ was found but could not be read"), ocr: ocr)
        }
        return done(.ok, sha256: digest, problem: nil, ocr: ocr, document: reading.document, list: verdict ?? .notConsulted)
    }

    private static func verdict(of document: MRZDocument, by matcher: ListMatcher) -> ListVerdict {
        matcher.verdictOrUnavailable(issuingState: document.issuingState, documentNumber: document.documentNumber)
    }

    /// How strongly a verdict lists its document: an exact or range hit over a fuzzy one over none.
    private static func strength(of verdict: ListVerdict) -> Int {
        guard let match = verdict.match else { return 0 }
        return match == .fuzzy ? 1 : 2
    }

    /// How much a colour JPEG is reduced for the ink-only look: to at most about 4 megapixels, which keeps a
    /// 12-megapixel photo's colour decode at 12 MB instead of 48 per worker and its characters large enough.
    static func colourReduction(pixels: Int) -> Int {
        var reduction = 1
        while reduction < 8, pixels / (reduction * reduction) > 4_000_000 { reduction *= 2 }
        return reduction
    }
}
