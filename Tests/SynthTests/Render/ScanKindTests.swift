import Foundation
import GroundTruth
import MRZ
import OCR
import Testing

@testable import Synth

/// The real-world kinds of image (`docguard synth --kinds`): deterministic, the geometry each promises, truth
/// that round-trips. Small photo frames and low resolutions keep them quick.
struct ScanKindTests {
    static let options = SynthOptions(
        count: 25, seed: 31, dpi: 100, kinds: Degradation.kinds,
        photoFrame: (width: 640, height: 480))

    /// The plan of the `format`-th format's scan of `kind`: kinds take turns within each format.
    static func plan(_ kind: Degradation, format: Int = 2) -> ScanPlan {
        let index = Degradation.kinds.firstIndex(of: kind)! * MRZFormat.icao.count + format
        return ScanPlan.draw(index: index, options: options)
    }

    /// `plan` made clean and square to the bed, for measuring.
    static func upright(_ plan: ScanPlan, dpi: Int) -> ScanPlan {
        var plan = plan
        (plan.degradations, plan.rotation, plan.skewDegrees, plan.dpi) = ([], 0, 0, dpi)
        return plan
    }

    @Test("each kind renders the same bytes twice; its truth names it and round-trips", arguments: Degradation.kinds)
    func deterministicWithTruth(kind: Degradation) throws {
        let plan = Self.plan(kind)
        #expect(plan.kind?.degradation == kind)
        let first = try ScanSynthesizer.render(plan)
        let second = try ScanSynthesizer.render(plan)
        #expect(first.imageBytes == second.imageBytes)
        #expect(first.truthFile == second.truthFile)
        #expect(first.truth.degradations.last == kind.rawValue)
        #expect(first.relativePath.hasSuffix(".jpg"))
        let encoded = try first.truthFile.encoded()
        #expect(try TruthFile.decode(encoded) == first.truthFile)
        // Readers of docguard.truth/1 that know nothing of other documents read the file as before.
        #expect(try ScanTruth.decode(encoded) == first.truth)
        let image = try ImageCodec.decodeGray(first.imageBytes)
        #expect(image.width > 0 && image.height > 0)
    }

    @Test("a photo is as large as its frame, in colour; its truth gives the MRZ's turn in it")
    func photoFrame() throws {
        let plan = Self.plan(.photo)
        guard case .photo(let shot) = plan.kind else {
            Issue.record("no photo")
            return
        }
        let scan = try ScanSynthesizer.render(plan)
        let image = try ImageCodec.decodeGray(scan.imageBytes)
        #expect((image.width, image.height) == (640, 480))
        #expect(JPEGMarkers(scan.imageBytes).components == 3)
        #expect(scan.truth.degradations == ["photo"])
        let layout = DocumentLayout.of(plan.fields.format)
        let angle = PhotoGeometry(shot: shot, documentWidth: layout.width, documentHeight: layout.height)
            .mrzAngleDegrees(layout)
        let off = (Double(scan.truth.rotation) + scan.truth.skewDegrees - angle).truncatingRemainder(dividingBy: 360)
        #expect(min(abs(off), 360 - abs(off)) < 0.01)
        #expect(abs(scan.truth.skewDegrees) <= 45)
    }

    @Test("12-megapixel photos: tilt up to 28°, any roll, the document a third of the frame and wholly in it")
    func photoGeometry() {
        let options = SynthOptions(count: 250, seed: 8, kinds: [.photo])
        var rolls: [Double] = []
        for index in 0..<50 {
            let plan = ScanPlan.draw(index: index, options: options)
            guard case .photo(let shot) = plan.kind else {
                Issue.record("scan \(index) is no photo")
                continue
            }
            #expect((shot.frameWidth, shot.frameHeight) == (4000, 3000))
            #expect((0...28).contains(shot.tiltDegrees) && (80...92).contains(shot.quality))
            let layout = DocumentLayout.of(plan.fields.format)
            let geometry = PhotoGeometry(shot: shot, documentWidth: layout.width, documentHeight: layout.height)
            #expect((0.22...0.4).contains(geometry.areaShare), "scan \(index): \(geometry.areaShare)")
            for corner in geometry.corners {
                #expect((0...4000).contains(corner.x) && (0...3000).contains(corner.y), "scan \(index)")
            }
            #expect(abs(Double(plan.dpi) - geometry.pixelsPerMM * 25.4) <= 5)
            rolls.append(shot.rollDegrees)
        }
        // Any way round: every quarter of the circle is met.
        #expect(Set(rolls.map { Int($0 / 90) }) == [0, 1, 2, 3])
    }

    @Test("a tilted camera makes the near edge of the document longer than the far one")
    func photoPerspective() {
        var generator = SeededGenerator(seed: 3)
        var shot = PhotoShot.draw(width: 4000, height: 3000, using: &generator)
        (shot.tiltDegrees, shot.tiltAxisDegrees, shot.rollDegrees, shot.offsetX, shot.offsetY) = (25, 0, 0, 0, 0)
        let geometry = PhotoGeometry(shot: shot, documentWidth: 125, documentHeight: 88)
        func length(_ a: Int, _ b: Int) -> Double {
            let (p, q) = (geometry.corners[a], geometry.corners[b])
            return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
        }
        // Tilted about the x axis: top and bottom edges differ by more than 10 %, left and right match.
        #expect(abs(length(0, 1) / length(3, 2) - 1) > 0.1)
        #expect(abs(length(1, 2) / length(0, 3) - 1) < 0.01)
    }

    @Test("a web copy is small: the page 250–450 pixels wide, MRZ capitals 6–10 pixels tall", arguments: [0, 2])
    func webCopy(format: Int) throws {
        let plan = Self.plan(.webCopy, format: format)
        guard case .webCopy(let copy) = plan.kind else {
            Issue.record("no web copy")
            return
        }
        #expect((250...450).contains(copy.pageWidth) && (30...60).contains(copy.quality))
        let scan = try ScanSynthesizer.render(plan)
        let image = try ImageCodec.decodeGray(scan.imageBytes)
        // The bed's margins add 8–20 % (and a degree and a half of skew a little more).
        #expect(image.width >= copy.pageWidth && Double(image.width) <= Double(copy.pageWidth) * 1.3)
        let widthMM = DocumentLayout.of(plan.fields.format).width
        // The truth holds whole dots per inch: half a dot off over the widest document is 2.5 pixels.
        #expect(abs(Double(scan.truth.dpi) * widthMM / 25.4 - Double(copy.pageWidth)) <= 2.5)
        let capital = Double(scan.truth.dpi) / 25.4 * DocumentLayout.mrzCapHeight
        #expect((5.9...10.1).contains(capital))
        #expect(scan.imageBytes.count < 40_000)
    }

    @Test("a CMYK scan is a four-component JPEG with an Adobe marker that reads like the scan it is")
    func cmyk() throws {
        let plan = Self.upright(Self.plan(.cmyk), dpi: 100)
        let scan = try ScanSynthesizer.render(plan)
        let markers = JPEGMarkers(scan.imageBytes)
        #expect(markers.components == 4)
        #expect(markers.adobeTransform == 0)
        #expect(!markers.hasJFIF)
        var plain = plan
        plain.kind = nil
        let reference = try ImageCodec.decodeGray(ScanSynthesizer.render(plain, lossless: true).imageBytes)
        let decoded = try ImageCodec.decodeGray(scan.imageBytes)
        #expect((decoded.width, decoded.height) == (reference.width, reference.height))
        // Right polarity: ink where the ink is, paper where the paper is.
        let difference = zip(decoded.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        #expect(Double(difference) / Double(decoded.pixels.count) < 6)
    }

    @Test("wide pitch: the MRZ's characters stand 25.4/cpi mm apart, the line as long as ever")
    func widePitch() throws {
        let plan = Self.upright(Self.plan(.widePitch), dpi: 150)
        guard case .widePitch(let cpi) = plan.kind else {
            Issue.record("no wide pitch")
            return
        }
        #expect((8...9).contains(cpi))
        let scan = try ScanSynthesizer.render(plan, lossless: true)
        let length = scan.truth.lines.last!.count
        #expect(length == MRZComposer.compose(plan.fields).last!.count)
        let wide = try characterCentres(of: ImageCodec.decodeGray(scan.imageBytes))
        #expect(wide.count == length)
        let pitch = (wide.last! - wide.first!) / Double(wide.count - 1)
        #expect(abs(pitch - 150 / cpi) < 0.02 * 150 / cpi, "measured \(pitch) px, printed \(150 / cpi)")
        var normal = plan
        normal.kind = nil
        let ocrB = try characterCentres(
            of: ImageCodec.decodeGray(ScanSynthesizer.render(normal, lossless: true).imageBytes))
        #expect(abs((ocrB.last! - ocrB.first!) / Double(ocrB.count - 1) - 15) < 0.3)
    }

    @Test("two documents: both on one bed, the truth's lines the first's, the other's in otherDocuments")
    func twoDocuments() throws {
        let plan = Self.upright(Self.plan(.twoDocuments), dpi: 100)
        guard case .twoDocuments(let second) = plan.kind else {
            Issue.record("no second document")
            return
        }
        let scan = try ScanSynthesizer.render(plan)
        #expect(scan.truth.lines == MRZComposer.compose(plan.fields).map { String(decoding: $0, as: UTF8.self) })
        #expect(scan.otherDocuments.count == 1)
        let other = try #require(scan.otherDocuments.first)
        #expect(other.format == second.fields.format.rawValue && other.lines != scan.truth.lines)
        #expect(MRZParser.parse(other.lines.map { Array($0.utf8) }, currentYear: 2026).valid)
        var single = plan
        single.kind = nil
        let one = try ImageCodec.decodeGray(ScanSynthesizer.render(single).imageBytes)
        let two = try ImageCodec.decodeGray(scan.imageBytes)
        let secondLayout = DocumentLayout.of(second.fields.format)
        let (along, oneAlong) = second.sideBySide ? (two.width, one.width) : (two.height, one.height)
        let secondAlong = (second.sideBySide ? secondLayout.width : secondLayout.height) * 100 / 25.4
        // The second document and the gap make the bed longer (its margins are drawn anew: take some off).
        #expect(Double(along) > Double(oneAlong) + secondAlong * 0.7)
    }

    @Test("kinds are drawn apart: the scan's own choices are those it has without kinds")
    func kindsLeaveTheScanAlone() {
        let plain = SynthOptions(count: 25, seed: 31, dpi: 100)
        for index in 0..<25 {
            let with = ScanPlan.draw(index: index, options: Self.options)
            let without = ScanPlan.draw(index: index, options: plain)
            #expect(with.fields == without.fields && with.lookSeed == without.lookSeed && with.number == without.number)
            #expect(with.kind?.degradation == Degradation.kinds[(index / 5) % Degradation.kinds.count])
        }
    }

    @Test("options refuse scanner defects as kinds and frames too small or too large")
    func optionsAreChecked() {
        #expect(throws: SynthError.self) { try SynthOptions(count: 1, seed: 1, kinds: [.blur]).validate() }
        #expect(throws: SynthError.self) {
            try SynthOptions(count: 1, seed: 1, kinds: [.photo], photoFrame: (100, 100)).validate()
        }
        #expect(throws: SynthError.self) {
            try SynthOptions(count: 1, seed: 1, kinds: [.photo], photoFrame: (10_000, 8_000)).validate()
        }
        #expect(throws: Never.self) { try Self.options.validate() }
    }

    /// Centres of the characters of the lowest MRZ line on an upright scan: runs of ink columns across its rows.
    func characterCentres(of image: GrayImage) throws -> [Double] {
        let inkRows = (0..<image.height).map { y in (0..<image.width).contains { x in image[x, y] < 100 } }
        let bottom = try #require(inkRows.lastIndex(of: true))
        let top = (inkRows[..<bottom].lastIndex(of: false) ?? -1) + 1
        var centres: [Double] = []
        var start: Int?
        for x in 0...image.width {
            let ink = x < image.width && (top...bottom).contains { image[x, $0] < 100 }
            if ink, start == nil { start = x }
            if !ink, let first = start {
                centres.append(Double(first + x - 1) / 2)
                start = nil
            }
        }
        return centres
    }
}
