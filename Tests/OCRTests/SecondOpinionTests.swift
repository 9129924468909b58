import MRZ
import Testing

@testable import OCR

/// The second engine (`MRZReader(secondOpinion:)`) with scripted engines: asked only about a band that reads as an
/// MRZ the right way up but does not validate, and its read kept when the check digits agree with it better.
@Suite struct SecondOpinionTests {
    /// Reads every line image as the next of `lines`, in turn (each cut reads all its lines), and counts its reads.
    final class RepeatingEngine: LineRecognizer {
        let lines: [LineReading]
        private(set) var reads = 0
        init(_ lines: [String]) { self.lines = lines.map { LineFitsTests.reading($0) } }
        init(readings: [LineReading]) { self.lines = readings }
        func read(line image: GrayImage) -> LineReading {
            defer { reads += 1 }
            return lines[reads % lines.count]
        }
    }

    static let card = LineFitsTests.td1
    static let band = LineFitsTests.band(lines: 3, length: 30)

    /// The document `first` and `second` read together, and how many lines `second` was asked about.
    func read(first: [String], second: [String]) -> (document: MRZDocument, secondReads: Int) {
        read(first: RepeatingEngine(first), second: second)
    }

    /// The document `first` and `second` read together, and how many lines `second` was asked about.
    func read(first: RepeatingEngine, second: [String]) -> (document: MRZDocument, secondReads: Int) {
        let secondEngine = RepeatingEngine(second)
        let reader = MRZReader(engine: first, secondOpinion: secondEngine)
        let document = reader.read(Self.band, on: LineFitsTests.page, currentYear: 2026).document
        return (document, secondEngine.reads)
    }

    @Test("a band the first engine misreads past repair is read by the second, once, and validates")
    func secondEngineReadsWhatTheFirstCannot() {
        // `4` read as `9` in the document number: no confusion the repair knows (a face the first model never
        // saw), so no cut of the first engine's validates.
        let misread = ["I<UTOD231958907<<<<<<<<<<<<<<<", Self.card[1], Self.card[2]]
        let alone = MRZReader(engine: RepeatingEngine(misread))
            .read(Self.band, on: LineFitsTests.page, currentYear: 2026).document
        #expect(!alone.valid)
        let (document, secondReads) = read(first: misread, second: Self.card)
        #expect(document.lineTexts == Self.card)
        #expect(document.valid)
        #expect(secondReads == 3, "one read of the best cut's three lines")
    }

    @Test("a band the first engine reads and validates is never shown to the second")
    func validReadNeedsNoSecondOpinion() {
        let (document, secondReads) = read(first: Self.card, second: Self.card)
        #expect(document.valid)
        #expect(secondReads == 0)
    }

    @Test("a read that does not fit the layout (not an MRZ, or upside down) is not shown to the second")
    func implausibleReadNeedsNoSecondOpinion() {
        // Letters wherever the dates and check digits must be digits.
        let garbage = [Self.card[0], "XWQKZPLMNBVCXZASDFGHJKLQWERTYU", "POIUYTREWQLKJHGFDSAMNBVCXZQWER"]
        let (document, secondReads) = read(first: garbage, second: Self.card)
        #expect(!document.valid)
        #expect(secondReads == 0)
    }

    @Test("fillers the stock model reads as letters (K, X, C, S) are fillers again where the first engine read `<`")
    func fillersRestored() {
        let misread = ["I<UTOD231958907<<<<<<<<<<<<<<<", Self.card[1], Self.card[2]]
        let fillersAs = { (letter: Character, lines: [String]) in
            lines.map { String($0.map { $0 == "<" ? letter : $0 }) }
        }
        // The second engine reads the `4` the first missed, and every filler as a letter.
        for letter: Character in ["K", "X", "C", "S"] {
            let (document, secondReads) = read(first: misread, second: fillersAs(letter, Self.card))
            #expect(secondReads == 3)
            #expect(document.lineTexts == Self.card, "\(letter)")
            #expect(document.valid)
        }
    }

    @Test("the second engine changes letters and digits, never the first engine's fillers, and adds none")
    func realLettersStay() {
        let first = LineFitsTests.reading("KOWALSKA<<ANNA<<<")
        let second = LineFitsTests.reading("KOWALSKAKKANNASK<")
        #expect(second.fillersRestored(from: first).text == "KOWALSKA<<ANNA<<<")
        // Where the first engine read a letter, the second engine's reading stands, a K or another letter.
        let corrected = LineFitsTests.reading("KOWALSKI<<ANNA<<<")
        #expect(corrected.fillersRestored(from: first).text == "KOWALSKI<<ANNA<<<")
        #expect(first.fillersRestored(from: second).text == "KOWALSKA<<ANNA<<<")
        // Where the first engine read nothing (glare), the second engine adds no letter.
        let glare = LineReading(characters: Array(first.characters.prefix(14)))
        #expect(second.fillersRestored(from: glare).text == "KOWALSKA<<ANNA<<<")
    }

    @Test("a second read the layout and checks agree with less than the first's is not taken")
    func worseSecondReadIsNotTaken() {
        let misread = ["I<UTOD231958907<<<<<<<<<<<<<<<", Self.card[1], Self.card[2]]
        // The same document number, and letters where line 2's dates and check digits stand.
        let worse = [misread[0], "74O8I22FI2O4I59UTO<<<<<<<<<<<G", Self.card[2]]
        let (document, secondReads) = read(first: misread, second: worse)
        #expect(secondReads == 3)
        #expect(document.lineTexts == misread)
    }

    @Test("a lazy recogniser is made on its first read, once; a band that validates never makes it")
    func lazyRecognizer() {
        var made = 0
        let lazy = LazyLineRecognizer {
            made += 1
            return RepeatingEngine(Self.card)
        }
        let reader = MRZReader(engine: RepeatingEngine(Self.card), secondOpinion: lazy)
        #expect(reader.read(Self.band, on: LineFitsTests.page, currentYear: 2026).document.valid)
        #expect(made == 0)
        #expect(!lazy.isMade)
        #expect(lazy.read(line: LineFitsTests.page).text == Self.card[0])
        #expect(lazy.read(line: LineFitsTests.page).text == Self.card[1])
        #expect(made == 1)
        let failing = LazyLineRecognizer { throw OCRError.engineInitFailed(name: "none") }
        #expect(failing.read(line: LineFitsTests.page).characters.isEmpty)
    }

    /// The first engine's read of the card with `B` for the number's `8`, `8` its own second choice there: the
    /// repair puts it right.
    static func repairedRead() -> RepeatingEngine {
        var number = LineFitsTests.reading("I<UTOD23145B907<<<<<<<<<<<<<<<")
        number.characters[11].alternatives = Array("8".utf8)
        return RepeatingEngine(readings: [number] + Self.card.dropFirst().map { LineFitsTests.reading($0) })
    }

    @Test("a read valid only after repair asks the second engine, whose read needing no repair is taken")
    func repairedReadAsksTheSecond() {
        let alone = MRZReader(engine: Self.repairedRead())
            .read(Self.band, on: LineFitsTests.page, currentYear: 2026).document
        #expect(alone.valid)
        #expect(alone.lineTexts == Self.card)
        #expect(!alone.corrections.isEmpty)
        let (document, secondReads) = read(first: Self.repairedRead(), second: Self.card)
        #expect(secondReads == 3)
        #expect(document.lineTexts == Self.card)
        #expect(document.corrections.isEmpty, "the second engine's read, which needed no repair")
    }

    @Test("a second read that validates with fewer digits does not win on corrections alone")
    func fewerDigitsDoNotWin() {
        // `A` for the number's last `0`: 10 and 0 are the same modulo 10, so every check digit still passes.
        let letterForDigit = ["I<UTOD2314589A7<<<<<<<<<<<<<<<", Self.card[1], Self.card[2]]
        let second = MRZReader(engine: RepeatingEngine(letterForDigit))
            .read(Self.band, on: LineFitsTests.page, currentYear: 2026).document
        #expect(second.valid)
        #expect(second.corrections.isEmpty)
        let (document, secondReads) = read(first: Self.repairedRead(), second: letterForDigit)
        #expect(secondReads == 3)
        #expect(document.lineTexts == Self.card, "the first engine's repaired read")
        #expect(!document.corrections.isEmpty)
    }
}
