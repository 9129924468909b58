import Foundation
import Testing

@testable import OCR

@Suite struct LineCurveTests {
    /// The centre of column `c` of a 44-character line photographed in perspective: evenly spaced on the
    /// document, projected so the pitch shrinks from 20 to 63 % of that along the line, read at 3° and bowed by
    /// a curved booklet page.
    static func seen(_ c: Double) -> Point {
        let along = 20 * c / (1 + 0.006 * c)
        let bow = 0.004 * (c - 21.5) * (c - 21.5)
        let axis = Point.unit(3 * .pi / 180)
        return Point(x: 150, y: 400) + axis * along + axis.turnedClockwise * bow
    }

    /// The local pitch at column `c` of `seen`.
    static func pitch(_ c: Double) -> Double { 20 / ((1 + 0.006 * c) * (1 + 0.006 * c)) }

    static func distance(_ a: Point, _ b: Point) -> Double { (a - b).length }

    @Test func aCurveFitsALineSeenInPerspective() throws {
        // Blobs of two columns are missing (a faint filler, a broken character): the fit must count the gaps.
        let columns = (0..<44).filter { $0 != 12 && $0 != 30 }
        let points = columns.map { Self.seen(Double($0)) }
        let meanPitch = Self.distance(Self.seen(43), Self.seen(0)) / 43
        let curve = try #require(LineCurve.fit(points, firstColumn: 0, pitch: meanPitch))
        for c in 0..<44 {
            let column = Double(c)
            #expect(Self.distance(curve.point(column), Self.seen(column)) < 0.2 * Self.pitch(column), "column \(c)")
            #expect(abs(curve.tangent(column).length / Self.pitch(column) - 1) < 0.1, "column \(c)")
        }
        // What the curve is for: an evenly spaced straight grid through the two ends misses by over a pitch.
        let straightMiss =
            (0..<44).map { c in
                let even = Self.seen(0) + (Self.seen(43) - Self.seen(0)) * (Double(c) / 43)
                return Self.distance(even, Self.seen(Double(c))) / Self.pitch(Double(c))
            }.max() ?? 0
        #expect(straightMiss > 1)
    }

    @Test func theFirstColumnNumbersTheCurve() throws {
        let points = (0..<20).map { Self.seen(Double($0)) }
        let fromZero = try #require(LineCurve.fit(points, firstColumn: 0, pitch: 20))
        let fromFive = try #require(LineCurve.fit(points, firstColumn: 5, pitch: 20))
        for c in [0.0, 7, 19] {
            #expect(Self.distance(fromFive.point(c + 5), fromZero.point(c)) < 1e-6)
        }
    }

    @Test func evenlySpacedPointsOnALineFitAStraightCurve() throws {
        let points = (0..<30).map { Point(x: 40 + 12.5 * Double($0), y: 90 - 0.5 * Double($0)) }
        let curve = try #require(LineCurve.fit(points, firstColumn: 0, pitch: 12.5))
        #expect(abs(curve.cx[0] - 40) < 1e-6 && abs(curve.cx[1] - 12.5) < 1e-6 && abs(curve.cx[2]) < 1e-9)
        #expect(abs(curve.cy[0] - 90) < 1e-6 && abs(curve.cy[1] + 0.5) < 1e-6 && abs(curve.cy[2]) < 1e-9)
    }

    @Test func fewerThanEightPointsFitNothing() {
        let points = (0..<7).map { Self.seen(Double($0)) }
        #expect(LineCurve.fit(points, firstColumn: 0, pitch: 20) == nil)
        #expect(LineCurve.fit(points + [Self.seen(7)], firstColumn: 0, pitch: 20) != nil)
    }

    static let curve = LineCurve(cx: [100, 19.5, -0.06], cy: [300, 1.2, 0.004])

    @Test("a reversed curve counts its columns from the other end", arguments: [0.0, 3.5, 21.5, 43])
    func reversed(column: Double) {
        let reversed = Self.curve.reversed(last: 43)
        #expect(Self.distance(reversed.point(column), Self.curve.point(43 - column)) < 1e-9)
        #expect(Self.distance(reversed.tangent(column), Self.curve.tangent(43 - column) * -1) < 1e-9)
        #expect(Self.distance(reversed.reversed(last: 43).point(column), Self.curve.point(column)) < 1e-9)
    }

    @Test("a scaled curve lies on the larger image", arguments: [0.0, 10, 43])
    func scaled(column: Double) {
        let offset = Point(x: 1, y: 1)
        let scaled = Self.curve.scaled(by: 3, offset: offset)
        #expect(Self.distance(scaled.point(column), Self.curve.point(column) * 3 + offset) < 1e-9)
        #expect(Self.distance(scaled.tangent(column), Self.curve.tangent(column) * 3) < 1e-9)
    }
}

@Suite struct MRZBandCurveTests {
    /// A two-line TD3 band at 2°, with each line's curve on its grid line (`bow` 0) or bowed away from it.
    static func band(bow: Double = 0) -> MRZBand {
        var band = MRZBand(
            axis: Point.unit(2 * .pi / 180), origin: Point(x: 100, y: 200), pitch: 20, lineOffsets: [0, 40],
            characterHeight: 18, lineLength: 44, extent: 860)
        band.curves = (0..<2).map { line in
            let start = band.center(line: line, column: 0)
            let step = band.axis * band.pitch
            let bend = line == 0 ? bow : -bow / 2
            return LineCurve(cx: [start.x, step.x, 0], cy: [start.y, step.y, bend])
        }
        return band
    }

    static func distance(_ a: Point, _ b: Point) -> Double { (a - b).length }

    @Test func aFlippedBandsCurvesFollowItsGrid() throws {
        let flipped = Self.band().flipped()
        let curves = try #require(flipped.curves)
        #expect(curves.count == 2)
        for line in 0..<2 {
            for column in stride(from: 0.0, through: 43, by: 1) {
                let onGrid = flipped.center(line: line, column: column)
                #expect(Self.distance(curves[line].point(column), onGrid) < 1e-9, "line \(line) column \(column)")
            }
        }
    }

    @Test func aFlippedBandsCurvesAreItsLinesReadBackwards() throws {
        let band = Self.band(bow: 0.01)
        let original = try #require(band.curves)
        let flipped = try #require(band.flipped().curves)
        for column in [0.0, 10, 43] {
            // The flipped first line is the original last line, from its far end.
            #expect(Self.distance(flipped[0].point(column), original[1].point(43 - column)) < 1e-9)
            #expect(Self.distance(flipped[1].point(column), original[0].point(43 - column)) < 1e-9)
        }
        let twice = try #require(band.flipped().flipped().curves)
        for (back, line) in zip(twice, original) {
            #expect(Self.distance(back.point(17), line.point(17)) < 1e-9)
        }
    }

    @Test func aBandWithoutCurvesFlipsWithoutThem() {
        var band = Self.band()
        band.curves = nil
        #expect(band.flipped().curves == nil)
    }

    /// Ways another band can differ from `band(bow: 0)`, and whether it is the same band found again.
    static let others: [(name: String, change: @Sendable (MRZBand) -> MRZBand, same: Bool)] = [
        ("itself", { $0 }, true),
        ("itself read the other way round", { $0.flipped() }, true),
        ("one column along", { moved($0, along: 20) }, true),
        ("two columns along", { moved($0, along: 40) }, false),
        ("two columns along, the other way round", { moved($0, along: 40).flipped() }, false),
        ("half a character down", { moved($0, down: 9) }, true),
        ("a line down", { moved($0, down: 40) }, false),
        ("turned 1°", { turned($0, degrees: 1) }, true),
        ("turned 3°", { turned($0, degrees: 3) }, false),
        ("pitch 10 % wider", { withPitch($0, 22) }, true),
        ("pitch 20 % wider", { withPitch($0, 24) }, false),
        ("three lines", { withLines($0, [0, 40, 80]) }, false),
    ]

    static func moved(_ band: MRZBand, along: Double = 0, down: Double = 0) -> MRZBand {
        var band = band
        band.origin = band.origin + band.axis * along + band.down * down
        return band
    }

    static func turned(_ band: MRZBand, degrees: Double) -> MRZBand {
        var band = band
        band.axis = Point.unit(atan2(band.axis.y, band.axis.x) + degrees * .pi / 180)
        return band
    }

    static func withPitch(_ band: MRZBand, _ pitch: Double) -> MRZBand {
        var band = band
        band.pitch = pitch
        return band
    }

    static func withLines(_ band: MRZBand, _ offsets: [Double]) -> MRZBand {
        var band = band
        band.lineOffsets = offsets
        return band
    }

    @Test("a band found again is the same band", arguments: others.map(\.name))
    func sameBand(name: String) throws {
        let (_, change, same) = try #require(Self.others.first { $0.name == name })
        let band = Self.band()
        let other = change(band)
        #expect(band.isSameBand(as: other) == same, "\(name)")
        #expect(other.isSameBand(as: band) == same, "\(name), asked the other way")
    }

    /// A band as found on a working image, in its pixels.
    static let working: MRZBand = {
        var band = MRZBand(
            axis: Point(x: 1, y: 0), origin: Point(x: 10, y: 20), pitch: 5, lineOffsets: [0, 10],
            characterHeight: 4.5, lineLength: 44, extent: 215)
        band.curves = [
            LineCurve(cx: [10, 5, 0.01], cy: [20, 0.1, 0]), LineCurve(cx: [10, 5, 0], cy: [30, 0.1, -0.002]),
        ]
        return band
    }()

    @Test(
        "a band found at a working scale maps back onto the page",
        arguments: [
            // Reduced by 3: working pixel i covers page pixels 3i…3i+2, so its centre is page pixel 3i + 1.
            (1.0 / 3, 3.0, 1.0),
            // Reduced by 2: working pixel i covers 2i and 2i+1, centre 2i + 0.5.
            (0.5, 2.0, 0.5),
            // Enlarged 2.5 times: working pixel i samples the page at i / 2.5 (ImageOps.enlarge).
            (2.5, 0.4, 0.0),
            (1.0, 1.0, 0.0),
        ])
    func mappedFromWorkingScale(scale: Double, factor: Double, offset: Double) throws {
        let band = Self.working.mapped(fromWorkingScale: scale)
        let shift = Point(x: offset, y: offset)
        #expect(Self.distance(band.origin, Self.working.origin * factor + shift) < 1e-9)
        #expect(abs(band.pitch - 5 * factor) < 1e-9 && abs(band.extent - 215 * factor) < 1e-9)
        #expect(abs(band.characterHeight - 4.5 * factor) < 1e-9 && band.lineOffsets == [0, 10 * factor])
        #expect(band.axis == Self.working.axis && band.lineLength == 44)
        let curves = try #require(band.curves)
        let original = try #require(Self.working.curves)
        for line in 0..<2 {
            for column in [0.0, 20, 43] {
                let onPage = Self.working.center(line: line, column: column) * factor + shift
                #expect(Self.distance(band.center(line: line, column: column), onPage) < 1e-9)
                let curvePoint = original[line].point(column) * factor + shift
                #expect(Self.distance(curves[line].point(column), curvePoint) < 1e-9)
            }
        }
    }

    @Test func aReducedPixelsCentreIsWhereThePageBlockIs() {
        // A dark 3 × 3 block at page pixels 30…32, 60…62 becomes working pixel (10, 20) at a third of the size;
        // a band whose origin is that pixel maps back onto the block's middle pixel.
        var page = GrayImage(width: 90, height: 90, fill: 255)
        for y in 60...62 { for x in 30...32 { page[x, y] = 0 } }
        let reduced = ImageOps.reduce(page, by: 3)
        #expect(reduced[10, 20] == 0 && reduced[11, 20] == 255 && reduced[10, 21] == 255)
        let mapped = Self.working.mapped(fromWorkingScale: 1.0 / 3)
        #expect(mapped.origin == Point(x: 31, y: 61))
        #expect(page[Int(mapped.origin.x), Int(mapped.origin.y)] == 0)
    }
}
