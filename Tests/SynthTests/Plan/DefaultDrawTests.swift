import Foundation
import GroundTruth
import MRZ
import Testing

@testable import Synth

/// The default draw is frozen: `docguard synth --out X --count 140 --seed 2026` made TestImages/, and new
/// kinds of image must not change a single byte of it.
struct DefaultDrawTests {
    static let options = SynthOptions(count: 140, seed: 2026)
    static let testImages = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestImages")

    /// The batch index of TestImages' `<format>/NNNN`: formats take turns, numbered within each.
    static func index(of path: String) -> Int {
        let parts = path.split(separator: "/")
        let format = MRZFormat.icao.firstIndex { $0.rawValue.lowercased() == parts[0] }!
        return (Int(parts[1].prefix(4))! - 1) * MRZFormat.icao.count + format
    }

    @Test("every TestImages truth file is what the plan of its index says")
    func plansMatchTestImages() throws {
        for index in 0..<Self.options.count {
            let plan = ScanPlan.draw(index: index, options: Self.options)
            let stem = "\(plan.fields.format.rawValue.lowercased())/\(String("000\(plan.number)".suffix(4)))"
            let data = try Data(contentsOf: Self.testImages.appendingPathComponent(stem + ".json"))
            let file = try TruthFile.decode(data)
            #expect(file.otherDocuments.isEmpty)
            #expect(plan.kind == nil)
            #expect(file.truth.lines == MRZComposer.compose(plan.fields).map { String(decoding: $0, as: UTF8.self) })
            #expect(file.truth.degradations == plan.classes.map(\.rawValue), "\(stem)")
            #expect(file.truth.dpi == plan.dpi && file.truth.rotation == plan.rotation, "\(stem)")
            #expect(file.truth.skewDegrees == plan.skewDegrees, "\(stem)")
        }
    }

    /// Low-resolution scans (quick to render) with a turn, poor JPEG, noise and uneven light between them.
    @Test(
        "renders are byte for byte the TestImages files",
        arguments: [
            "td2/0011", "mrva/0021", "td3/0013", "td2/0006",
        ])
    func rendersMatchTestImages(stem: String) throws {
        let scan = try ScanSynthesizer.scan(index: Self.index(of: stem), options: Self.options)
        #expect(scan.relativePath == stem + ".jpg")
        let image = try Data(contentsOf: Self.testImages.appendingPathComponent(scan.relativePath))
        let truth = try Data(contentsOf: Self.testImages.appendingPathComponent(scan.truthPath))
        #expect(Data(scan.imageBytes) == image)
        #expect(try scan.truthFile.encoded() == truth)
        #expect(try scan.truth.encoded() == truth)
    }

    @Test("the default draw picks scanner defects only, from the list it always used")
    func scannerDefectsKeepTheirOrder() {
        #expect(
            Degradation.scannerDefects.map(\.rawValue) == [
                "blur", "noise", "jpeg", "skew", "rot90", "rot180", "rot270", "uneven_light", "low_dpi", "grey",
            ])
        #expect(Set(Degradation.scannerDefects).isDisjoint(with: Degradation.kinds))
        #expect(Set(Degradation.scannerDefects + Degradation.kinds) == Set(Degradation.allCases))
        let plans = (0..<500).map { ScanPlan.draw(index: $0, options: SynthOptions(count: 500, seed: 2026)) }
        #expect(plans.allSatisfy { $0.kind == nil && $0.degradations.allSatisfy(Degradation.scannerDefects.contains) })
    }
}
