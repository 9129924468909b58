import Foundation
import GroundTruth
import MRZ
import OCR
import Testing

@testable import Synth

/// Rendered scans of varied sets (`--tampered`): truth files, determinism, glyphs, the forged value on the page.
struct TamperedScanTests {
    static let options = SynthOptions(count: 40, seed: 18, dpi: 100, tamperedShare: 0.5)

    /// Plan `index` at 100 dpi without scanner defects, so renders are quick and comparable.
    func plan(_ index: Int, options: SynthOptions = options) -> ScanPlan {
        var plan = ScanPlan.draw(index: index, options: options)
        (plan.dpi, plan.degradations, plan.rotation) = (100, [], 0)
        return plan
    }

    @Test("a tampered scan's truth names its kind and fields; its lines are the MRZ as printed")
    func truthOfTamperedScans() throws {
        let indices = (0..<Self.options.count).filter { ScanPlan.draw(index: $0, options: Self.options).forgery != nil }
        #expect(indices.count >= 10)
        for index in indices.prefix(10) {
            let plan = plan(index)
            let scan = try ScanSynthesizer.render(plan)
            let forgery = try #require(plan.forgery)
            #expect(scan.truth.tampering == Tampering(kind: forgery.kind, fields: forgery.fields))
            let printed = plan.printedLines ?? MRZComposer.compose(plan.fields)
            #expect(scan.truth.lines == printed.map { String(decoding: $0, as: UTF8.self) })
            #expect(MRZParser.parse(printed, currentYear: 2026).valid)
            let text = String(decoding: try scan.truthFile.encoded(), as: UTF8.self)
            #expect(text.contains(#""tampering":{"fields":["#) && text.contains(#""kind":"\#(forgery.kind)""#))
        }
    }

    @Test("a genuine page of a varied set has no tampering key")
    func genuinePagesHaveNoKey() throws {
        let index = try #require(
            (0..<Self.options.count).first { ScanPlan.draw(index: $0, options: Self.options).forgery == nil })
        let scan = try ScanSynthesizer.render(plan(index))
        #expect(scan.truth.tampering == nil)
        #expect(!String(decoding: try scan.truthFile.encoded(), as: UTF8.self).contains("tampering"))
    }

    @Test("the same seed writes the same bytes twice")
    func deterministic() throws {
        let options = SynthOptions(count: 10, seed: 18, dpi: 100, tamperedShare: 0.5)
        var written: [[String: Data]] = []
        for _ in 0..<2 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tampered-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(try SynthBatch.write(options, to: folder.path) == 10)
            var files: [String: Data] = [:]
            let walker = FileManager.default.enumerator(atPath: folder.path)!
            while let path = walker.nextObject() as? String {
                let url = folder.appendingPathComponent(path)
                if !url.hasDirectoryPath { files[path] = try Data(contentsOf: url) }
            }
            written.append(files)
        }
        #expect(written[0].count == 20)
        #expect(written[0] == written[1])
        #expect(written[0].values.contains { String(decoding: $0, as: UTF8.self).contains(#""tampering""#) })
    }

    @Test(
        "a forgery shows where it was made: a viz_ kind in the visual zone only, mrz_rebuilt in the MRZ only",
        arguments: 0..<16)
    func forgeryShowsWhereMade(index: Int) throws {
        let forged = plan(index)
        guard let forgery = forged.forgery else { return }
        var genuine = forged
        (genuine.forgery, genuine.printedLines) = (nil, nil)
        // Through the whole scan: the forged value is drawn.
        let scans = try [forged, genuine].map { try ImageCodec.decodeGray(ScanSynthesizer.render($0).imageBytes) }
        #expect((scans[0].width, scans[0].height) == (scans[1].width, scans[1].height))
        #expect(differingRows(scans[0], scans[1]).count > 3)
        // On the page alone, where it lies: above or below the visual zone's lower edge.
        let pages = try [forged, genuine].map(page)
        let rows = differingRows(pages[0], pages[1])
        let visualZoneBottom = Int(DocumentLayout.of(forged.fields.format).visualZoneBottom * 100 / 25.4)
        #expect(!rows.isEmpty)
        if forgery.kind == "mrz_rebuilt" {
            #expect(rows.allSatisfy { $0 >= visualZoneBottom }, "\(forgery.kind)")
        } else {
            #expect(rows.allSatisfy { $0 < visualZoneBottom }, "\(forgery.kind)")
        }
    }

    /// The document face of `plan` alone, as `ScanSynthesizer` draws it before it goes on the bed.
    func page(_ plan: ScanPlan) throws -> GrayImage {
        let renderer = try PageRenderer(
            font: FontRasterizer(), valueFont: FontRasterizer(path: FontRasterizer.dejaVuSansPath), dpi: plan.dpi)
        var look = SeededGenerator(seed: plan.lookSeed)
        let printed = plan.visual.map { PrintedValues.styled(plan.fields, style: $0, forgery: plan.forgery) }
        let lines = plan.printedLines ?? MRZComposer.compose(plan.fields)
        return try renderer.render(plan.fields, lines: lines, printed: printed, using: &look).gray
    }

    /// The rows where two images of one size differ.
    func differingRows(_ first: GrayImage, _ second: GrayImage) -> [Int] {
        (0..<first.height).filter { y in (0..<first.width).contains { x in first[x, y] != second[x, y] } }
    }

    @Test("varied pages render with every real-world kind")
    func withKinds() throws {
        let options = SynthOptions(
            count: 5, seed: 4, formats: [.td3], dpi: 100, kinds: Degradation.kinds, photoFrame: (640, 480),
            tamperedShare: 1)
        for index in 0..<5 {
            let plan = ScanPlan.draw(index: index, options: options)
            #expect(plan.kind != nil && plan.visual != nil && plan.forgery != nil)
            let scan = try ScanSynthesizer.render(plan)
            #expect(scan.truth.tampering?.kind == plan.forgery?.kind)
        }
    }

    @Test("the visual zone's face has a glyph for every character a varied page prints; OCR-B has not")
    func glyphsForNationalCharacters() throws {
        let texts =
            NationalNames.all.flatMap { $0.surnames + $0.givenNames } + NationalNames.plainSurnames
            + MonthNames.allCases.flatMap(\.months) + MonthNames.english + ["K/F", "M/M", "X/X", "0123456789./-"]
        let characters = Set(texts.flatMap(\.unicodeScalars))
        let dejaVu = try FontRasterizer(path: FontRasterizer.dejaVuSansPath)
        let missing = characters.filter { $0 != " " && !dejaVu.hasGlyph($0) }
        #expect(missing.isEmpty, "DejaVu Sans lacks \(missing)")
        let ocrB = try FontRasterizer()
        #expect(characters.contains { !ocrB.hasGlyph($0) })
    }
}
