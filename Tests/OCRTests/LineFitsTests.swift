import MRZ
import Testing

@testable import OCR

/// Column fitting above the engine, with a scripted engine: each line takes its own column origin, a line's
/// pitch comes from the engine's characters, and lines without check digits stay with the others.
@Suite struct LineFitsTests {
    /// Hands out prepared readings, one per line image, in order.
    final class ScriptedEngine: LineRecognizer {
        var readings: [LineReading]
        init(_ readings: [LineReading]) { self.readings = readings }
        func read(line image: GrayImage) -> LineReading {
            readings.isEmpty ? LineReading(characters: []) : readings.removeFirst()
        }
    }

    /// A band of `lines` lines of `length` columns, 24 px characters at a 20 px pitch, so the cutter's line
    /// images are at scale 1 with the first column's centre 30 px in.
    static func band(lines: Int, length: Int) -> MRZBand {
        MRZBand(
            axis: Point(x: 1, y: 0), origin: Point(x: 100, y: 100), pitch: 20,
            lineOffsets: (0..<lines).map { Double($0) * 48 }, characterHeight: 24, lineLength: length,
            extent: Double(length - 1) * 20)
    }

    /// What an engine reads on a line image: `text`'s characters standing from column `firstColumn` at `pitch`.
    static func reading(_ text: String, firstColumn: Double = 0, pitch: Double = 20) -> LineReading {
        LineReading(
            characters: Array(text.utf8).enumerated().map { index, byte in
                let center = 30 + (firstColumn + Double(index)) * pitch
                return RecognizedCharacter(
                    byte: byte, confidence: 0.97, left: Int(center - 7), right: Int(center + 7), alternatives: [])
            })
    }

    static let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    static let td1 = [
        "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]
    static let page = GrayImage(width: 1200, height: 400)

    func read(_ readings: [LineReading], band: MRZBand) -> MRZDocument {
        MRZReader(engine: ScriptedEngine(readings)).read(band, on: Self.page, currentYear: 2026).document
    }

    @Test("a stray character before one line moves that line only")
    func strayCharacterOnOneLine() {
        // Line 2 as read: a stray `<` where column 0 is, every character one column on.
        let document = read(
            [Self.reading(Self.td3[0]), Self.reading("<" + Self.td3[1].dropLast(), firstColumn: 0)],
            band: Self.band(lines: 2, length: 44))
        // The dropped last character is repaired by the composite; the stray is gone.
        #expect(document.lineTexts[0] == Self.td3[0])
        #expect(document.lineTexts[1].hasPrefix("L898902C36UTO7408122F1204159ZE184226B<<<<<1"))
        #expect(document.checks.documentNumber == true)
        #expect(document.checks.birthDate == true)
    }

    @Test("a line read straight stays where it is when moving it a column would start it with a filler")
    func noFillerBeforeADataLine() {
        // Austria's specimen identity card, printed without the expiry date's check digit: as printed, its
        // nationality stands a column early and fails. Moved a column right, line 2 reads `AUT` there and passes
        // a check digit by chance, but would start with a filler where the year of birth must be.
        let printed = [
            "IDAUT000009993<<<<<<<<<<<<<<<<", "7109094F111231AUT<<<<<<<<<<<<0", "MUSTERFRAU<<ISOLDE<<<<<<<<<<<<",
        ]
        let document = read(printed.map { Self.reading($0) }, band: Self.band(lines: 3, length: 30))
        #expect(document.lineTexts == printed)
    }

    @Test("stray fillers before a card's name line, on a read that needs repair: the name line starts at its name")
    func strayFillersBeforeANameLine() {
        // A photographed card: two blobs before the surname read as `<<`, the name pushed two columns on, and the
        // birth date's check digit misread, so the lines are repaired and their origins weighed.
        let document = read(
            [
                Self.reading(Self.td1[0]), Self.reading("7408127F1204159UTO<<<<<<<<<<<6"),
                Self.reading("<<" + Self.td1[2].dropLast(2)),
            ], band: Self.band(lines: 3, length: 30))
        #expect(document.lineTexts[2] == Self.td1[2])
    }

    @Test("a single name (no primary identifier) keeps its leading fillers on a read that needs repair")
    func singleNameKeepsItsFillers() {
        let card = [Self.td1[0], "7408127F1204159UTO<<<<<<<<<<<6", "<<ANNA<MARIA<<<<<<<<<<<<<<<<<<"]
        let document = read(card.map { Self.reading($0) }, band: Self.band(lines: 3, length: 30))
        #expect(document.lineTexts[2] == card[2])
    }

    @Test("a lost first character on one line: that line moves a column, the others stay")
    func lostFirstCharacter() {
        let document = read(
            [Self.reading(Self.td3[0]), Self.reading(String(Self.td3[1].dropFirst()), firstColumn: 1)],
            band: Self.band(lines: 2, length: 44))
        #expect(document.lineTexts[0] == Self.td3[0])
        #expect(Array(document.lineTexts[1].utf8.dropFirst()) == Array(Self.td3[1].utf8.dropFirst()))
    }

    @Test("every line one column off: the name line without check digits moves with the others")
    func wholeBandOffByOne() {
        let document = read(
            Self.td1.map { Self.reading($0, firstColumn: 1) } + [], band: Self.band(lines: 3, length: 30))
        #expect(document.lineTexts == Self.td1)
        #expect(document.valid)
    }

    @Test("the pitch comes from the engine's characters: a band pitch 2.5 % off does not drift a column")
    func pitchFromCharacters() {
        let document = read(
            Self.td3.map { Self.reading($0, pitch: 20.5) }, band: Self.band(lines: 2, length: 44))
        #expect(document.lineTexts == Self.td3)
        #expect(document.valid)
        #expect(document.corrections.isEmpty)
    }

    @Test("a straight read that validates is taken as it is, whatever the other origins give")
    func straightReadWins() {
        let document = read(Self.td3.map { Self.reading($0) }, band: Self.band(lines: 2, length: 44))
        #expect(document.lineTexts == Self.td3)
        #expect(document.corrections.isEmpty)
    }

    @Test("the median slope between characters 8 to 20 apart gives the pitch; too few agreeing pairs give none")
    func characterPitch() {
        let characters = Self.reading(Self.td3[1], pitch: 20.5).characters
        let pitch = MRZLineFitter.pitch(of: characters, near: 20)
        #expect(pitch.map { abs($0 - 20.5) < 0.1 } == true)
        #expect(MRZLineFitter.pitch(of: Array(characters.prefix(6)), near: 20) == nil)
        #expect(MRZLineFitter.pitch(of: characters, near: 30) == nil)
    }

    @Test("a character one cut gets wrong and another gets right is put right where the check digit agrees")
    func otherCutsGiveTheAlternatives() {
        let band = Self.band(lines: 2, length: 44)
        // The straight cut reads a 7 for the document number's 0, the other cuts a 5 for its 3: neither
        // validates alone (the repair finds no one cheapest explanation of either).
        let first = "L898972C36UTO7408122F1204159ZE184226B<<<<<10"
        let second = "L898902C56UTO7408122F1204159ZE184226B<<<<<10"
        for alone in [first, second] {
            let document = read([Self.reading(Self.td3[0]), Self.reading(alone)], band: band)
            #expect(!document.valid)
        }
        let cuts = [first, second, second].flatMap { [Self.reading(Self.td3[0]), Self.reading($0)] }
        let document = read(cuts, band: band)
        #expect(document.lineTexts == Self.td3)
        #expect(document.valid)
        #expect(document.corrections.map(\.description) == ["line2[6]: 7->0"])
    }

    /// A TD3 band whose measured lines lie 200 px below where its straight grid puts them, their pitch shrinking
    /// from 20 to 15.7 px along the line (a page photographed at a slant).
    static func slantedBand(characterHeight: Double) -> MRZBand {
        var band = Self.band(lines: 2, length: 44)
        band.characterHeight = characterHeight
        band.curves = [300.0, 348].map { LineCurve(cx: [100, 20, -0.05], cy: [$0, 0, 0]) }
        return band
    }

    @Test("a band seen in perspective is cut along its curves first; small print's noisy curves are not")
    func perspectiveCutsAlongTheCurvesFirst() {
        #expect(Self.band(lines: 2, length: 44).perspective == 0)
        #expect(abs(Self.slantedBand(characterHeight: 24).perspective - 4.3 / 15.7) < 1e-9)
        // The page is black from y = 200 down: the curved cut's first line image is dark, the straight one's light.
        var page = GrayImage(width: 1200, height: 500)
        for index in (200 * page.width)..<page.pixels.count { page.pixels[index] = 0 }
        final class FirstImage: LineRecognizer {
            var mean: Double?
            func read(line image: GrayImage) -> LineReading {
                if mean == nil { mean = Double(image.pixels.reduce(0) { $0 + Int($1) }) / Double(image.pixels.count) }
                return LineReading(characters: [])
            }
        }
        for (height, curvedFirst) in [(24.0, true), (10.0, false)] {
            let engine = FirstImage()
            _ = MRZReader(engine: engine).read(Self.slantedBand(characterHeight: height), on: page, currentYear: 2026)
            #expect((engine.mean.map { $0 < 128 }) == curvedFirst, "characters \(height) px")
        }
    }

    @Test("columns read as nothing count inside text, not in filler runs, at a line's end or one beside a filler")
    func unreadColumnsInsideText() {
        let line = Array("VTSRBERIKSSON<<HUDA<MUH<<<<<<JAWAD<<<<<<<<<<".utf8)
        var confidence = [Double](repeating: 0.97, count: line.count)
        for column in 23...28 { confidence[column] = 0 }
        #expect(MRZReader.unreadColumns(line, confidence: confidence) == 6)
        confidence = [Double](repeating: 0.97, count: line.count)
        for column in [14, 23, 36, 37, 43] { confidence[column] = 0 }
        #expect(MRZReader.unreadColumns(line, confidence: confidence) == 0)
        for column in [24] { confidence[column] = 0 }
        #expect(MRZReader.unreadColumns(line, confidence: confidence) == 2)
    }

    @Test(
        "a read that validates but lost letters inside a name is read again from another cut, and the whole name kept")
    func lostLettersInANameAreReadAgain() {
        var glare = Self.reading(Self.td3[0])
        glare.characters.removeSubrange(16...18)  // "NNA" of ANNA, lost to glare
        let cuts = [glare, Self.reading(Self.td3[1]), Self.reading(Self.td3[0]), Self.reading(Self.td3[1])]
        let document = read(cuts, band: Self.band(lines: 2, length: 44))
        #expect(document.lineTexts == Self.td3)
        // Without a second cut the lost letters stay lost: the check digits cannot see a name.
        let alone = read(Array(cuts.prefix(2)), band: Self.band(lines: 2, length: 44))
        #expect(alone.valid && alone.lineTexts[0] == "P<UTOERIKSSON<<A<<<<MARIA<<<<<<<<<<<<<<<<<<<")
    }
}
