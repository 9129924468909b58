import MRZ
import Testing

/// The ICAO 9303 specimen MRZs of every format, parsed field by field.
struct SpecimenTests {
    @Test("TD3 passport, ICAO 9303-4 Appendix A")
    func td3() {
        let document = parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        #expect(document.valid)
        #expect(document.format == .td3)
        #expect(document.documentCode == "P")
        #expect(document.issuingState == "UTO")
        #expect(document.surname == "ERIKSSON")
        #expect(document.givenNames == "ANNA MARIA")
        #expect(document.documentNumber == "L898902C3")
        #expect(document.nationality == "UTO")
        #expect(document.birthDate?.description == "1974-08-12")
        #expect(document.sex == "F")
        #expect(document.expiryDate?.description == "2012-04-15")
        #expect(document.optionalData == "ZE184226B")
        #expect(document.optionalData2 == nil)
        #expect(document.checks == expectedChecks(optional: true, composite: true))
        #expect(!document.nameMayBeTruncated)
    }

    /// The published text has one filler too many on each line (45 characters); corrected here.
    @Test("TD3 with a personal number, ICAO 9303-4 Figure A-2")
    func td3Ivanova() {
        let document = parse([
            "P<UTOIVANOVA<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F2504155184226<<<<<<<<18",
        ])
        #expect(document.valid)
        #expect(document.surname == "IVANOVA")
        #expect(document.optionalData == "184226")
        #expect(document.expiryDate?.description == "2025-04-15")
    }

    @Test("TD1 identity card, ICAO 9303-5 Appendix A")
    func td1() {
        let document = parse([
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ])
        #expect(document.valid)
        #expect(document.format == .td1)
        #expect(document.documentCode == "I")
        #expect(document.documentNumber == "D23145890")
        #expect(document.birthDate?.description == "1974-08-12")
        #expect(document.expiryDate?.description == "2012-04-15")
        #expect(document.nationality == "UTO")
        #expect(document.surname == "ERIKSSON")
        #expect(document.givenNames == "ANNA MARIA")
        #expect(document.optionalData == "")
        #expect(document.optionalData2 == "")
        #expect(document.checks == expectedChecks(optional: nil, composite: true))
    }

    @Test("TD1 composite example, ICAO 9303-3 Appendix A example 4")
    func td1CompositeExample() {
        let document = parse([
            "I<YTOD231458907<<<<<<<<<<<<<<<",
            "3407127M9507122YTO<<<<<<<<<<<2",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ])
        #expect(document.checks.composite == true)
        #expect(document.checks.documentNumber == true)
        // YTO is an example code, not an ICAO one.
        #expect(document.errorCodes == [.unknownState])
        #expect(document.birthDate?.description == "1934-07-12")
    }

    @Test("TD2, ICAO 9303-6 Appendix A")
    func td2() {
        let document = parse([
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ])
        #expect(document.valid)
        #expect(document.format == .td2)
        #expect(document.documentNumber == "D23145890")
        #expect(document.givenNames == "ANNA MARIA")
        #expect(document.checks == expectedChecks(optional: nil, composite: true))
    }

    @Test("MRV-A, ICAO 9303-7 Figure A-1")
    func mrvA() {
        let document = parse([
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L8988901C4XXX7408122F96121096ZE184226B<<<<<<",
        ])
        #expect(document.valid)
        #expect(document.format == .mrvA)
        #expect(document.documentCode == "V")
        #expect(document.documentNumber == "L8988901C")
        #expect(document.nationality == "XXX")
        #expect(document.expiryDate?.description == "2096-12-10")
        #expect(document.optionalData == "6ZE184226B")
        #expect(document.checks == expectedChecks(optional: nil, composite: nil))
    }

    @Test("MRV-B, ICAO 9303-7 Figure A-3")
    func mrvB() {
        let document = parse([
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "L8988901C4XXX7408122F9612109<<<<<<<<",
        ])
        #expect(document.valid)
        #expect(document.format == .mrvB)
        #expect(document.optionalData == "")
        #expect(document.checks == expectedChecks(optional: nil, composite: nil))
    }

    @Test(
        "ICAO 9303-4 §4.2.3 name examples",
        arguments: [
            ("P<UTOVAN<DER<MUELLEN<<MARTIN<<<<<<<<<<<<<<<<", "VAN DER MUELLEN", "MARTIN", false),
            ("P<UTOAL<BASRI<<HUDA<MUHAMMAD<JAWAD<<<<<<<<<<", "AL BASRI", "HUDA MUHAMMAD JAWAD", false),
            ("P<UTOARKFREITH<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "ARKFREITH", "", false),
            ("P<UTOSATRIYA<SUDARPA<<<<<<<<<<<<<<<<<<<<<<<<", "SATRIYA SUDARPA", "", false),
            ("P<UTONILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K", "NILAVADHANANANDA", "CHAYAPA DEJTHAMRONG K", true),
            ("P<UTOBENNELONG<WOOLOOMOOLOO<WARRANDYTE<W<<DI", "BENNELONG WOOLOOMOOLOO WARRANDYTE W", "DI", true),
            ("P<UTOPAPANDROPOULOUS<<JONATHON<WARREN<TREVOR", "PAPANDROPOULOUS", "JONATHON WARREN TREVOR", true),
        ])
    func names(line: String, surname: String, givenNames: String, mayBeTruncated: Bool) {
        let document = parse([line, "L898902C36UTO7408122F1204159ZE184226B<<<<<10"])
        #expect(document.valid)
        #expect(document.surname == surname)
        #expect(document.givenNames == givenNames)
        #expect(document.nameMayBeTruncated == mayBeTruncated)
    }

    private func expectedChecks(optional: Bool?, composite: Bool?) -> MRZCheckResults {
        var checks = MRZCheckResults()
        checks.documentNumber = true
        checks.birthDate = true
        checks.expiryDate = true
        checks.optionalData = optional
        checks.composite = composite
        return checks
    }
}
