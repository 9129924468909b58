import Testing

@testable import OCR

@Suite struct MRZGeometryTests {
    static func character(_ byte: Character, at center: Double, confidence: Double = 0.9, alternatives: String = "")
        -> RecognizedCharacter
    {
        RecognizedCharacter(
            byte: byte.asciiValue!, confidence: confidence, left: Int(center) - 8,
            right: Int(center) + 8, alternatives: Array(alternatives.utf8))
    }

    @Test func charactersLandInTheColumnsTheyStandIn() {
        let fitter = MRZLineFitter(lineLength: 6, firstCenter: 50, pitch: 30)
        // Column 1 was read twice (the surer read wins, the other becomes an alternative); columns 3 and 4
        // were not read at all (faint fillers) and are filled with fillers.
        let reading = LineReading(characters: [
            Self.character("P", at: 50), Self.character("K", at: 76, confidence: 0.4),
            Self.character("<", at: 84, confidence: 0.8, alternatives: "K"), Self.character("U", at: 110),
            Self.character("O", at: 200, alternatives: "0"),
        ])
        let fitted = fitter.fit(reading)
        #expect(String(decoding: fitted.line, as: UTF8.self) == "P<U<<O")
        #expect(fitted.alternatives[1] == Array("K".utf8))
        #expect(fitted.alternatives[5] == Array("0".utf8))
        #expect(fitted.confidence[3] == 0 && fitted.confidence[4] == 0)
    }

    @Test func charactersOutsideTheLineAreDropped() {
        let fitter = MRZLineFitter(lineLength: 3, firstCenter: 40, pitch: 20)
        let reading = LineReading(characters: [
            Self.character("X", at: 5), Self.character("A", at: 40), Self.character("B", at: 60),
            Self.character("C", at: 80), Self.character("Z", at: 130),
        ])
        #expect(String(decoding: fitter.fit(reading).line, as: UTF8.self) == "ABC")
    }

    @Test func aBandReadTheOtherWayRoundStartsAtTheOtherCorner() {
        let band = MRZBand(
            axis: Point(x: 1, y: 0), origin: Point(x: 100, y: 500), pitch: 20, lineOffsets: [0, 40],
            characterHeight: 18, lineLength: 44, extent: 860)
        #expect(band.rotationDegrees == 0)
        let flipped = band.flipped()
        #expect(flipped.rotationDegrees == 180)
        #expect(flipped.origin == Point(x: 960, y: 540))
        #expect(flipped.lineOffsets == [0, 40])
        // The last character of the second line, read upside down, is the first of the first line.
        let corner = flipped.center(line: 1, column: 43)
        #expect(abs(corner.x - 100) < 1e-9 && abs(corner.y - 500) < 1e-9)
        #expect(flipped.flipped() == band)
    }

    @Test(
        "quarter turns and skew come from the reading axis",
        arguments: [
            (0.0, 0, 0.0), (90.0, 90, 0.0), (183.0, 180, 3.0), (265.0, 270, -5.0), (-8.0, 0, -8.0),
        ])
    func turnAndSkew(degrees: Double, turn: Int, skew: Double) {
        let band = MRZBand(
            axis: Point.unit(degrees * .pi / 180), origin: Point(x: 0, y: 0), pitch: 10,
            lineOffsets: [0, 20], characterHeight: 9, lineLength: 44, extent: 430)
        #expect(band.rotationDegrees == turn)
        #expect(abs(band.skewDegrees - skew) < 1e-9)
    }
}
