import GroundTruth
import MRZ
import OCR
import Testing

@testable import Synth

/// Rendered scans: determinism, ground truth, turns and encodings. Small dpi keeps them fast.
struct ScanSynthesizerTests {
    let options = SynthOptions(count: 20, seed: 7)

    /// Scan `index` at 100 dpi, with its degradations replaced when `degradations` is given.
    func render(_ index: Int, degradations: [Degradation]? = nil) throws -> SyntheticScan {
        var plan = ScanPlan.draw(index: index, options: options)
        plan.dpi = 100
        if let degradations {
            plan.degradations = degradations
            plan.rotation = degradations.lazy.compactMap(\.turn).first ?? 0
        }
        return try ScanSynthesizer.render(plan)
    }

    @Test("the same seed and index give the same bytes", arguments: [0, 3, 11])
    func deterministic(index: Int) throws {
        let first = try ScanSynthesizer.scan(index: index, options: options)
        let second = try ScanSynthesizer.scan(index: index, options: options)
        #expect(first.imageBytes == second.imageBytes)
        #expect(first.truth == second.truth)
        #expect(first.relativePath == second.relativePath)
    }

    @Test("truth lines are the composed MRZ, valid, one format each", arguments: 0..<5)
    func truthMatchesComposedMRZ(index: Int) throws {
        let scan = try render(index, degradations: [])
        let plan = ScanPlan.draw(index: index, options: options)
        let composed = MRZComposer.compose(plan.fields)
        #expect(scan.truth.lines == composed.map { String(decoding: $0, as: UTF8.self) })
        #expect(MRZParser.parse(composed, currentYear: 2026).valid)
        #expect(scan.truth.format == plan.fields.format.rawValue)
        #expect(scan.relativePath.hasPrefix(plan.fields.format.rawValue.lowercased() + "/0001."))
        #expect(scan.truth.degradations.isEmpty && scan.truth.rotation == 0)
        #expect(scan.truth.dpi == 100)
    }

    @Test(
        "a quarter turn swaps width and height; a half turn keeps them",
        arguments: [
            (Degradation.rot90, true), (.rot180, false), (.rot270, true),
        ])
    func turns(degradation: Degradation, swaps: Bool) throws {
        let upright = try ImageCodec.decodeGray(render(2, degradations: []).imageBytes)
        let turned = try render(2, degradations: [degradation])
        let image = try ImageCodec.decodeGray(turned.imageBytes)
        #expect(turned.truth.rotation == degradation.turn)
        #expect(
            swaps
                ? (image.width, image.height) == (upright.height, upright.width)
                : (image.width, image.height) == (upright.width, upright.height))
    }

    @Test("a document lies landscape on its bed, darker MRZ ink at the bottom")
    func documentLooksUpright() throws {
        let image = try ImageCodec.decodeGray(render(2, degradations: []).imageBytes)
        #expect(image.width > image.height)
        func darkShare(rows: Range<Int>) -> Double {
            var dark = 0
            for y in rows { for x in 0..<image.width where image[x, y] < 100 { dark += 1 } }
            return Double(dark) / Double(rows.count * image.width)
        }
        // The MRZ band near the bottom holds more ink than the bed margin at the top.
        #expect(darkShare(rows: image.height * 2 / 3..<image.height) > darkShare(rows: 0..<image.height / 12))
    }

    @Test("MRZ capitals are 2.42 mm tall: about 14 pixels at 150 dpi (OCR-B size 1)")
    func mrzCharacterHeight() throws {
        var plan = ScanPlan.draw(index: 2, options: options)
        (plan.dpi, plan.degradations, plan.rotation, plan.skewDegrees) = (150, [], 0, 0)
        let image = try ImageCodec.decodeGray(ScanSynthesizer.render(plan, lossless: true).imageBytes)
        let inkRows = (0..<image.height).map { y in (0..<image.width).contains { x in image[x, y] < 100 } }
        // The lowest run of rows holding ink is the last MRZ line.
        guard let bottom = inkRows.lastIndex(of: true) else {
            Issue.record("no ink")
            return
        }
        let top = (inkRows[..<bottom].lastIndex(of: false) ?? -1) + 1
        #expect((13...16).contains(bottom - top + 1))
    }

    @Test(
        "file type follows the degradations",
        arguments: [
            ([Degradation](), "jpg", false), ([.jpeg], "jpg", false), ([.noise], "jpg", true), ([.grey], "png", true),
            ([], "png", true),
        ])
    func encoding(degradations: [Degradation], ext: String, lossless: Bool) throws {
        var plan = ScanPlan.draw(index: 1, options: options)
        plan.dpi = 100
        plan.degradations = degradations
        plan.rotation = 0
        let scan = try ScanSynthesizer.render(plan, lossless: lossless)
        #expect(scan.relativePath.hasSuffix("." + ext))
        #expect(scan.truthPath == String(scan.relativePath.dropLast(ext.count)) + "json")
        let magic = Array(scan.imageBytes.prefix(2))
        #expect(magic == (ext == "png" ? [0x89, 0x50] : [0xFF, 0xD8]))
        let image = try ImageCodec.decodeGray(scan.imageBytes)
        #expect(image.width > 0 && image.height > 0)
    }
}
