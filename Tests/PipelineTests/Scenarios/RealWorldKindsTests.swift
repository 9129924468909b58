import Foundation
import MRZ
import OCR
import Plumbing
import Synth
import Testing

@testable import Pipeline

/// The kinds of image a border post gets besides clean scanner-bed scans, rendered here from seeds by
/// `docguard synth --kinds` and read through the whole pipeline with the real Tesseract engine and the shipped
/// model: small JPEG web copies, CMYK JPEGs, MRZs printed at a wider pitch, two documents on one bed, phone photos
/// and a scanner's multi-page TIFF.
@Suite(.serialized)
struct RealWorldKindsTests {
    /// This test's files, removed when it ends.
    private let scratch = ScratchFolder("kinds")

    /// Renders `count` scans of `kinds` (taking turns within each format) into `folder`; their paths and truths.
    static func render(
        _ kinds: [Degradation], count: Int, seed: UInt64 = 2027, photoFrame: (width: Int, height: Int) = (2000, 1500),
        in folder: URL
    ) throws -> [(path: String, scan: SyntheticScan)] {
        let options = SynthOptions(count: count, seed: seed, kinds: kinds, photoFrame: photoFrame)
        return try (0..<count).map { index in
            let scan = try ScanSynthesizer.scan(index: index, options: options)
            let url = folder.appendingPathComponent(scan.relativePath.replacingOccurrences(of: "/", with: "-"))
            try Data(scan.imageBytes).write(to: url)
            return (url.path, scan)
        }
    }

    /// Scans `files` with the shipped model on two workers, keyed by path.
    static func scan(_ files: [String]) throws -> [String: ScanReading] {
        let collected = Locked([String: ScanReading]())
        try BatchScanner(model: try OCRModel.locate("mrz"), jobs: 2, currentYear: 2026).run(files) { result in
            collected.withLock { $0[result.file ?? ""] = result }
        }
        return collected.withLock { $0 }
    }

    @Test("web copies (pages 250-450 px wide), CMYK JPEGs and wide-pitch MRZs are read exactly, every format")
    func smallCMYKAndWidePitch() throws {
        let rendered = try Self.render([.webCopy, .cmyk, .widePitch], count: 15, in: try scratch.newFolder())
        let results = try Self.scan(rendered.map(\.path))
        for (path, scan) in rendered {
            let result = try #require(results[path])
            #expect(result.status == .ok, "\(scan.relativePath) \(scan.truth.degradations)")
            #expect(result.document?.lineTexts == scan.truth.lines, "\(scan.relativePath) \(scan.truth.degradations)")
        }
    }

    @Test("two documents on one bed: the first in reading order (left, else upper) is the result, the other counted")
    func twoDocuments() throws {
        let rendered = try Self.render([.twoDocuments], count: 5, in: try scratch.newFolder())
        let results = try Self.scan(rendered.map(\.path))
        let scorer = RiskScorer(
            policy: try RiskFixtures.shippedPolicy(), asOf: MRZDate(year: 2026, month: 11, day: 30)!)
        for (path, scan) in rendered {
            let result = try #require(results[path])
            #expect(scan.otherDocuments.count == 1)
            #expect(result.document?.lineTexts == scan.truth.lines, "\(scan.relativePath): the primary document")
            #expect(result.ocr?.otherDocuments == 1, "\(scan.relativePath)")
            let assessment = scorer.assess(result)
            #expect(assessment.reasons.contains { $0.code == .severalDocuments })
            #expect(assessment.level >= .review, "the second document was not screened: never clear")
        }
    }

    @Test("phone photos (perspective, glare, shadow, blur): most are read exactly, none wrong where checks guard")
    func photos() throws {
        let rendered = try Self.render([.photo], count: 5, in: try scratch.newFolder())
        let results = try Self.scan(rendered.map(\.path))
        var exact = 0
        for (path, scan) in rendered {
            let result = try #require(results[path])
            if result.document?.lineTexts == scan.truth.lines { exact += 1 }
            // A wrong read may happen on a photo, but not in what the check digits guard when it validates.
            if let document = result.document, document.valid, document.lineTexts != scan.truth.lines {
                let truth = MRZParser.parse(scan.truth.lines.map { Array($0.utf8) }, currentYear: 2026)
                #expect(document.documentNumber == truth.documentNumber, "\(scan.relativePath)")
                #expect(document.birthDate == truth.birthDate, "\(scan.relativePath)")
                #expect(document.expiryDate == truth.expiryDate, "\(scan.relativePath)")
            }
        }
        // Measured 3 of these 5 on 2026-11-30 (synthetic photos overall: 55-60 %); a drop means a regression.
        #expect(exact >= 3)
    }

    @Test("zones printed in a sans-serif face: the second opinion reads more exactly, and fewer wrongly")
    func sansFace() throws {
        let rendered = try Self.render([.sansFace], count: 16, in: try scratch.newFolder())
        // Exact reads, and reads that validate but are not what is printed.
        func tally(_ documents: [MRZDocument?]) -> (exact: Int, validButWrong: Int) {
            let outcomes = zip(documents, rendered).map { document, rendered in
                (exact: document?.lineTexts == rendered.scan.truth.lines, valid: document?.valid == true)
            }
            return (outcomes.filter(\.exact).count, outcomes.filter { $0.valid && !$0.exact }.count)
        }
        let alone = MRZReader(engine: try TesseractEngine(model: try OCRModel.locate("mrz")))
        let withoutSecondOpinion = tally(
            try rendered.map { try alone.read(ImageCodec.decodeGray($0.scan.imageBytes), currentYear: 2026)?.document })
        // The pipeline's readers ask Tesseract's `eng` about bands the shipped model cannot validate.
        let results = try Self.scan(rendered.map(\.path))
        let withSecondOpinion = tally(rendered.map { results[$0.path]?.document })
        print(
            "sans-serif zones, exact / valid but wrong of 16: \(withSecondOpinion) with the second opinion, "
                + "\(withoutSecondOpinion) without")
        // Measured 2026-12-01: 11 exact and 1 valid but wrong with it, 2 and 9 without. The shipped model alone reads
        // `6` as `G` (16, the same modulo 10, which no check digit sees) and the repair makes the rest validate.
        #expect(withSecondOpinion.exact > withoutSecondOpinion.exact)
        #expect(withSecondOpinion.validButWrong < withoutSecondOpinion.validButWrong)
    }

    @Test("a multi-page TIFF whose MRZ is on page 2 (front, then back) is read there and names the page")
    func multiPageTIFF() throws {
        let folder = try scratch.newFolder()
        let scan = try Self.render([.cmyk], count: 1, in: folder)[0]
        let back = try ImageCodec.decodeGray(scan.scan.imageBytes)
        let front = GrayImage(width: back.width, height: back.height, fill: 235)
        let path = folder.appendingPathComponent("front-back.tif").path
        try Data(ImageCodec.tiff(pages: [front, back])).write(to: URL(fileURLWithPath: path))
        let result = try #require(try Self.scan([path])[path])
        #expect(result.status == .ok)
        #expect(result.ocr?.page == 2)
        #expect(result.document?.lineTexts == scan.scan.truth.lines)
        #expect(result.ocr?.otherDocuments == 0)
    }

    @Test("a multi-page TIFF of two documents: every page is read, the second document counted, never cleared")
    func twoDocumentsOnTwoPages() throws {
        let folder = try scratch.newFolder()
        let scans = try Self.render([.cmyk], count: 2, in: folder)
        let pages = try scans.map { try ImageCodec.decodeGray($0.scan.imageBytes) }
        let path = folder.appendingPathComponent("two-passports.tif").path
        try Data(ImageCodec.tiff(pages: pages)).write(to: URL(fileURLWithPath: path))
        let result = try #require(try Self.scan([path])[path])
        #expect(result.status == .ok)
        #expect(result.ocr?.page == 1)
        #expect(result.document?.lineTexts == scans[0].scan.truth.lines)
        #expect(result.ocr?.otherDocuments == 1, "the document on page 2 was read too")
        let scorer = RiskScorer(
            policy: try RiskFixtures.shippedPolicy(), asOf: MRZDate(year: 2026, month: 11, day: 30)!)
        let assessment = scorer.assess(result)
        #expect(assessment.reasons.contains { $0.code == .severalDocuments })
        #expect(assessment.level >= .review)
    }
}
