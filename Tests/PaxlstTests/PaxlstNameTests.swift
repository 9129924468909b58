import MRZ
import Testing

@testable import Paxlst

@Suite struct PaxlstNameTests {
    @Test(arguments: [
        ("MÜLLER", "MUELLER"), ("Müller", "MUELLER"), ("Mu\u{308}ller", "MUELLER"), ("ØSTERGÅRD", "OESTERGAARD"),
        ("D'ARTAGNAN", "DARTAGNAN"), ("O’NEIL", "ONEIL"), ("MARIE-ÉLISE", "MARIE ELISE"), ("ANNA, MARIA", "ANNA MARIA"),
        ("van  der Berg ", "VAN DER BERG"), ("ÇELİK", "CELIK"), ("Straße", "STRASSE"), ("ȘTEFĂNESCU", "STEFANESCU"),
        ("NÚÑEZ", "NUNEZ"), ("ĐORĐEVIĆ", "DORDEVIC"), ("JOHN JR.", "JOHN JR"), ("AGENT 007", "AGENT"),
    ])
    func writesTheNameAsTheMRZDoes(_ name: String, _ mrz: String) {
        #expect(PaxlstName.mrz(name) == mrz)
    }

    /// Names of ASCII and precomposed Latin letters take a fast path; it spells them as the character-by-character
    /// path does, and leaves what it cannot spell (combining marks, other scripts) to it.
    @Test func theFastPathSpellsAsTheFullOne() {
        var random = SeededGenerator(seed: 19)
        let alphabet = Array("abcXYZ -,'.0\tÜøßÇİĐŁñœÆẞ\u{A0}–‐").map(String.init) + ["E\u{301}", "Ж"]
        for _ in 0..<3_000 {
            let name = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                alphabet.randomElement(using: &random)!
            }.joined()
            let fast = PaxlstName.latinMRZ(name)
            #expect(fast == nil || fast == PaxlstName.transliterated(name), "\(name)")
            #expect(fast != nil || name.contains("\u{301}") || name.contains("Ж"), "\(name)")
        }
    }

    /// The same holder in a PAXLST message and in an MRZ read by `MRZParser` compare equal.
    @Test(arguments: [
        ("MÜLLER", "JÜRGEN", "MUELLER<<JUERGEN"), ("D'ARTAGNAN", "MARIE-ÉLISE", "DARTAGNAN<<MARIE<ELISE"),
        ("VAN DER BERG", "ANNA MARIA", "VAN<DER<BERG<<ANNA<MARIA"), ("ØSTERGÅRD", "SØREN", "OESTERGAARD<<SOEREN"),
    ])
    func matchesTheParsedMRZName(_ surname: String, _ givenNames: String, _ nameField: String) throws {
        let line1 = Array(("P<UTO" + nameField + String(repeating: "<", count: 39 - nameField.count)).utf8)
        let line2 = Array("L898902C36UTO7408122F1204159ZE184226B<<<<<10".utf8)
        let document = MRZParser.parse([line1, line2], currentYear: 2026)
        let traveller = PaxlstTraveller(
            role: .passenger, messagePosition: 1, messageReference: "1", position: 1, segmentPosition: 1,
            surname: surname, givenNames: givenNames.split(separator: " ").map(String.init))
        #expect(traveller.mrzSurname == document.surname)
        #expect(traveller.mrzGivenNames == document.givenNames)
    }
}
