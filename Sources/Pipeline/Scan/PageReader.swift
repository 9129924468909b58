import Foundation
import MRZ
import OCR
import VisualZone

/// A document read on a page of a scan.
struct PageDocument {
    /// What was read.
    var reading: MRZReading
    /// The page, 0-based.
    var page: Int
}

/// The documents read on a file's pages: the best read, and every valid document on any page.
struct PagesRead {
    /// Pages in the file.
    var pageCount: Int
    /// The read the check digits and layout agree with best, on whichever page; nil when no page showed an MRZ.
    var best: PageDocument?
    /// Every distinct valid document on any page, in reading order page by page.
    var valid: [PageDocument]
    /// The page images the documents above were read on (as read: turned, colour washed out), by page; kept for
    /// the visual zone check of the document the scan's result is about.
    var images: [Int: GrayImage] = [:]
}

/// The decode and locate/read MRZ stages for one worker: holds its line recogniser (one engine), reused scan
/// after scan; never shared between threads.
final class PageReader {
    private let reader: MRZReader
    /// The model results name.
    let modelName: String
    /// Reads the printed page around the MRZ; nil when the visual zone check is off.
    private let visualEngine: PageTextEngine?
    private let comparer = VisualZoneComparer()
    /// Images over this many pixels are refused before decoding.
    var pixelBudget = ImageCodec.defaultPixelBudget
    /// Reads below this mean confidence are reported `unreadable`.
    var minimumConfidence = 0.3
    /// Reads with fewer characters where the layout allows them are reported `unreadable`: not an MRZ read.
    var minimumPlausibility = 0.8

    /// A reader of lines with `recognizer` (its own: never shared), whose results name `modelName`, asking
    /// `secondOpinion` about bands `recognizer` cannot validate without repair, and of the printed page with
    /// `visualEngine` (its own too) when the visual zone is checked.
    init(
        recognizer: any LineRecognizer, modelName: String, secondOpinion: (any LineRecognizer)? = nil,
        visualEngine: PageTextEngine? = nil
    ) {
        self.modelName = modelName
        reader = MRZReader(engine: recognizer, secondOpinion: secondOpinion)
        self.visualEngine = visualEngine
    }

    /// Whether this reader checks the printed page against the MRZ.
    var checksVisualZone: Bool { visualEngine != nil }

    /// The printed page around `document`'s MRZ held against it, and the pictures a report shows beside the result
    /// (the band, the document with the fields that differ outlined); nil when the check is off or the page was not
    /// kept. Costs one read of the region above the band, at a fixed scale, by the page-text engine.
    func checkVisualZone(of document: PageDocument, in pages: PagesRead, path: String, debug: DebugImageWriter?)
        -> (VisualZoneCheck, ReportImages?)?
    {
        guard let visualEngine, let image = pages.images[document.page] else { return nil }
        let view = VisualZoneView(band: document.reading.band, on: image)
        let printed = visualEngine.read(view.image)
        debug?.writeVisualZone(path: path, view: view.image, printed: printed)
        var comparer = self.comparer
        comparer.coarsePrint = view.isCoarse
        let check = comparer.compare(printed, with: document.reading.document)
        let differing = check.differing.compactMap { check[$0].box }
        return (check, ReportImages(band: document.reading.band, on: image, view: view, outlined: differing))
    }

    /// Decodes every page of the file `bytes` (read from `path`) and reads the MRZs on it. A multi-page file (a
    /// scanner's front and back) is read page by page, every page, so a second document on a later page is never
    /// passed over in silence. Throws the decoder's error when the first page is not an image; a later page that
    /// cannot be decoded leaves the pages read so far. `debug` receives the images QA looks at when set.
    func read(_ bytes: [UInt8], path: String, currentYear: Int, debug: DebugImageWriter?) throws -> PagesRead {
        var pages = PagesRead(pageCount: ImageCodec.pageCount(bytes), best: nil, valid: [])
        for pageIndex in 0..<pages.pageCount {
            let page: GrayImage
            do {
                page = try ImageCodec.decodeGray(bytes, page: pageIndex, pixelBudget: pixelBudget)
            } catch {
                guard pageIndex == 0 else { break }
                throw error
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
                if !pages.valid.contains(where: { $0.reading.document.lines == read.document.lines }) {
                    pages.valid.append(PageDocument(reading: read, page: pageIndex))
                    if visualEngine != nil { pages.images[pageIndex] = view }
                }
            }
            if let reading = documents.first, pages.best.map({ reading.ranks(above: $0.reading) }) ?? true {
                pages.best = PageDocument(reading: reading, page: pageIndex)
                if visualEngine != nil { pages.images[pageIndex] = view }
                debug?.write(path: path, page: view, reading: reading)
            } else if pages.best == nil, pageIndex == 0 {
                debug?.write(path: path, page: page, reading: nil)
            }
        }
        return pages
    }

    /// Whether `reading` is an MRZ read well enough to judge: a known format, enough confidence, and characters
    /// where the layout allows them.
    func accepts(_ reading: MRZReading) -> Bool {
        reading.document.format != nil && reading.confidence >= minimumConfidence
            && reading.plausibility >= minimumPlausibility
    }

    /// How much a colour JPEG is reduced for the ink-only look: to at most about 4 megapixels, which keeps a
    /// 12-megapixel photo's colour decode at 12 MB instead of 48 per worker and its characters large enough.
    static func colourReduction(pixels: Int) -> Int {
        var reduction = 1
        while reduction < 8, pixels / (reduction * reduction) > 4_000_000 { reduction *= 2 }
        return reduction
    }
}
