import MRZ
import Testing

/// Check-digit-driven OCR repair.
struct RepairTests {
    let passport = bytes([
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ])
    let repairer = MRZRepairer()

    @Test("a correct read needs no repair")
    func notNeeded() {
        let result = repairer.repair(passport)
        #expect(result.outcome == .notNeeded)
        #expect(result.corrections.isEmpty)
        #expect(result.lines == passport)
    }

    @Test("a letter O in a date is repaired to 0 and the change reported")
    func dateConfusion() {
        let read = replacing(passport, line: 1, index: 15, with: UInt8(ascii: "O"))  // 740812 read as 74O812
        let result = repairer.repair(read)
        #expect(result.outcome == .repaired)
        #expect(result.lines == passport)
        #expect(result.corrections.map(\.description) == ["line2[16]: O->0"])
    }

    @Test("only the composite failing is a tampering signal: never repaired")
    func compositeOnlyNotRepaired() {
        let read = replacing(passport, line: 1, index: 43, with: UInt8(ascii: "7"))
        let result = repairer.repair(read)
        #expect(result.outcome == .compositeOnly)
        #expect(result.corrections.isEmpty)
        #expect(result.lines == read)
    }

    @Test("a document-number confusion is repaired when the composite confirms one cheapest answer")
    func documentNumberConfusion() {
        // L898902C3 read as L898902G3: C and G look alike only to the engine, so it offers C.
        let read = replacing(passport, line: 1, index: 7, with: UInt8(ascii: "G"))
        var choices = [[[UInt8]]](repeating: [[UInt8]](repeating: [], count: 44), count: 2)
        choices[1][7] = [UInt8(ascii: "C")]
        let result = repairer.repair(read, alternatives: CharacterAlternatives(choices))
        #expect(result.outcome == .repaired)
        #expect(result.lines == passport)
        #expect(result.corrections.map(\.description) == ["line2[8]: G->C"])
    }

    @Test("an unlisted state code becomes the one listed code a single second choice gives")
    func stateCodeFromChoices() {
        // Nationality UTO read as UT0 with the engine offering Q: only O makes a listed code (UTO).
        let read = replacing(passport, line: 1, index: 12, with: UInt8(ascii: "0"))
        var choices = [[[UInt8]]](repeating: [[UInt8]](repeating: [], count: 44), count: 2)
        choices[1][12] = [UInt8(ascii: "Q")]
        let result = repairer.repair(read, alternatives: CharacterAlternatives(choices))
        #expect(result.lines == passport)
        #expect(result.corrections.map(\.description) == ["line2[13]: 0->O"])
    }

    @Test("a state code two listed codes are one change away from stays as read")
    func stateCodeAmbiguous() {
        // FRX: FRA and FRO (Faroe Islands) are both one change away when the engine offers A and O.
        let read = replacing(passport, line: 1, index: 12, with: UInt8(ascii: "X"))
        let relabelled = replacing(
            replacing(read, line: 1, index: 10, with: UInt8(ascii: "F")), line: 1, index: 11,
            with: UInt8(ascii: "R"))
        var choices = [[[UInt8]]](repeating: [[UInt8]](repeating: [], count: 44), count: 2)
        choices[1][12] = [UInt8(ascii: "A"), UInt8(ascii: "O")]
        let result = repairer.repair(relabelled, alternatives: CharacterAlternatives(choices))
        #expect(Array(result.lines[1][10..<13]) == Array("FRX".utf8))
    }

    @Test("the engine's second choice is tried before blind confusions")
    func engineChoiceFirst() {
        // The expiry date 120415 read as 12O415: 0 is the table's answer for O; the engine says 8.
        // Only 0 satisfies the check digit, so the engine's wrong guess must not win.
        let read = replacing(passport, line: 1, index: 23, with: UInt8(ascii: "O"))
        var choices = [[[UInt8]]](repeating: [[UInt8]](repeating: [], count: 44), count: 2)
        choices[1][23] = [UInt8(ascii: "8"), UInt8(ascii: "0")]
        let result = repairer.repair(read, alternatives: CharacterAlternatives(choices))
        #expect(result.outcome == .repaired)
        #expect(result.lines == passport)
    }

    @Test("two equally cheap repairs are ambiguous and leave the read alone")
    func ambiguous() {
        // A visa has no composite to break ties. Two digits of the number each misread so that a
        // single confusion at either place explains the check digit.
        let visa = bytes([
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX7408122F96121096ZE184226B<<<<<<",
        ])
        // Replace the number's check digit with one that two different single confusions explain.
        var found = false
        for digit in Array("0123456789".utf8) where digit != visa[1][9] {
            let read = replacing(visa, line: 1, index: 9, with: digit)
            let result = repairer.repair(read)
            if result.outcome == .ambiguous {
                #expect(result.corrections.isEmpty)
                #expect(result.lines == read)
                found = true
            } else {
                #expect(result.outcome == .repaired || result.outcome == .unrepairable)
            }
        }
        #expect(found)
    }

    @Test("fillers read as K inside a name's trailing run are restored; a final initial stays")
    func fillerReadings() {
        var read = passport
        read[0][30] = UInt8(ascii: "K")
        read[0][35] = UInt8(ascii: "X")
        let result = repairer.repair(read)
        #expect(result.lines == passport)
        #expect(result.corrections.map(\.description) == ["line1[31]: K-><", "line1[36]: X-><"])

        let truncated = bytes([
            "P<UTONILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K", "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        #expect(repairer.repair(truncated).outcome == .notNeeded)
    }

    @Test("Germany's D<< read as DKK is restored; a digit in a name becomes a letter")
    func unprotectedFields() {
        let german = bytes([padded("P<DKKMUSTERMANN<<ERIKA", 44), "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"])
        let result = repairer.repair(german)
        #expect(result.lines[0].prefix(5) == Array("P<D<<".utf8)[...])
        #expect(result.outcome == .repaired)

        let digitInName = replacing(passport, line: 0, index: 9, with: UInt8(ascii: "5"))  // ERIK5SON
        #expect(repairer.repair(digitInName).lines == passport)
    }

    @Test("a letter in a date whose check digit still passes becomes the digit of equal check value")
    func equalValueLetter() {
        // 740812 read as 7408L2: L counts 21, so the check digit cannot tell; only 1 keeps it right.
        let read = replacing(passport, line: 1, index: 17, with: UInt8(ascii: "L"))
        let result = repairer.repair(read)
        #expect(result.lines == passport)
        #expect(result.corrections.map(\.description) == ["line2[18]: L->1"])
        // 740812 read as 74A812: A counts 10, like 0; its look-alike 4 would break the check digit.
        let letterA = replacing(passport, line: 1, index: 15, with: UInt8(ascii: "A"))
        #expect(repairer.repair(letterA).lines == letterA)
    }

    @Test("a misread long-number marker in a TD1 is repaired through the changed rules")
    func longNumberMarker() {
        let card = bytes([
            "I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ])
        let read = replacing(card, line: 0, index: 14, with: UInt8(ascii: "K"))
        let result = repairer.repair(read)
        #expect(result.outcome == .repaired)
        #expect(result.lines == card)
    }

    @Test("garbage stays bounded: no repair, no crash, the budget respected", arguments: [UInt64(1), 2, 3, 4, 5])
    func garbage(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<".utf8)
        for length in [30, 36, 44] {
            let count = length == 30 ? 3 : 2
            let lines = (0..<count).map { _ in (0..<length).map { _ in alphabet.randomElement(using: &generator)! } }
            var choices = lines.map { line in line.map { _ in Array(alphabet.shuffled(using: &generator).prefix(3)) } }
            choices[0][0] = []
            let result = repairer.repair(lines, alternatives: CharacterAlternatives(choices))
            #expect(result.outcome != .notNeeded)
            if result.outcome == .repaired {
                // Whatever it did, the result must pass every check digit.
                #expect(MRZParser.parse(result.lines, currentYear: testYear).checks.allPass)
            } else {
                #expect(result.lines == lines)
            }
        }
    }

    @Test("a document read through repair carries its corrections and outcome")
    func readMarksRepairs() {
        let read = replacing(passport, line: 1, index: 15, with: UInt8(ascii: "O"))
        let document = repairer.read(read, currentYear: testYear)
        #expect(document.valid)
        #expect(document.isRepaired)
        #expect(document.repairOutcome == .repaired)
        #expect(document.corrections.map(\.description) == ["line2[16]: O->0"])
        #expect(document.birthDate?.description == "1974-08-12")

        let tampered = repairer.read(
            replacing(passport, line: 1, index: 43, with: UInt8(ascii: "7")), currentYear: testYear)
        #expect(!tampered.isRepaired)
        #expect(tampered.repairOutcome == .compositeOnly)
        #expect(tampered.errorCodes == [.compositeCheck])
    }

    @Test("lines of the wrong length are left to the caller")
    func wrongLength() {
        let short = [passport[0], Array(passport[1].dropLast())]
        let result = repairer.repair(short)
        #expect(result.outcome == .unrepairable)
        #expect(result.lines == short)
    }
}
