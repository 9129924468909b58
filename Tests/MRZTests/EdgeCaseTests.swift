import MRZ
import Testing

/// Hand-written cases at the edges of ICAO 9303.
struct EdgeCaseTests {
    @Test("Germany's one-letter code D<< as issuing state and nationality (ICAO 9303-3 §5)")
    func germany() {
        let document = parse([
            padded("P<D<<MUSTERMANN<<ERIKA", 44),
            "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4",
        ])
        #expect(document.valid)
        #expect(document.issuingState == "D")
        #expect(document.nationality == "D")
        #expect(document.documentNumber == "C01X00T47")
        #expect(document.checks.optionalData == nil)

        let card = parse([
            "IDD<<T220001293<<<<<<<<<<<<<<<", "6408125F2010315D<<<<<<<<<<<<<4", padded("MUSTERMANN<<ERIKA", 30),
        ])
        #expect(card.valid)
        #expect(card.documentCode == "ID")
        #expect(card.nationality == "D")
    }

    @Test("TD1 long document number continues in the optional data (ICAO 9303-5 §4.2.2 note j)")
    func td1LongNumber() {
        let document = parse([
            "I<UTOD23145890<7349<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ])
        #expect(document.valid)
        #expect(document.documentNumber == "D23145890734")
        #expect(document.optionalData == "")
        #expect(document.checks.documentNumber == true)
        #expect(document.checks.composite == true)

        // The check digit covers the whole number: change its last character and it fails.
        let tampered = parse([
            "I<UTOD23145890<7359<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ])
        #expect(tampered.checks.documentNumber == false)
        #expect(tampered.documentNumber == "D23145890735")
    }

    @Test("TD2 long document number follows the same rule (ICAO 9303-6 §4.2.2 note j)")
    func td2LongNumber() {
        let document = parse([padded("I<UTOERIKSSON<<ANNA<MARIA", 36), "D23145890<UTO7408122F1204159120<<<<0"])
        #expect(document.valid)
        #expect(document.documentNumber == "D2314589012")
    }

    @Test("an empty personal number may carry < or 0 as its check digit (ICAO 9303-4 position 43)")
    func emptyPersonalNumber() {
        let name = padded("P<UTOERIKSSON<<ANNA<MARIA", 44)
        let filler = parse([name, "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8"])
        #expect(filler.valid)
        #expect(filler.checks.optionalData == nil)
        #expect(filler.optionalData == "")
        let zero = parse([name, "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<08"])
        #expect(zero.valid)
        #expect(zero.checks.optionalData == true)
        // A personal number with `<` for its check digit is wrong.
        let missing = parse([name, "L898902C36UTO7408122F1204159ZE184226B<<<<<<0"])
        #expect(missing.checks.optionalData == false)
        #expect(missing.errorCodes.contains(.checkDigit))
    }

    @Test("31 February and month 13 are not dates: null and DATE_INVALID", arguments: ["310229", "741312", "740800"])
    func impossibleDates(date: String) {
        let lines = MRZComposer.compose(
            MRZFields(
                format: .td3, documentCode: "P", issuingState: "UTO", surname: "ERIKSSON", givenNames: "ANNA",
                documentNumber: "L898902C3", nationality: "UTO", birthDate: date, sex: "F", expiryDate: "310229"))
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(document.birthDate == nil)
        #expect(document.expiryDate == nil)
        #expect(document.errorCodes == [.dateInvalid])
        #expect(document.checks.allPass)
        #expect(!document.valid)
    }

    @Test("29 February exists in leap years only; a birth year's century follows the current year")
    func leapYears() {
        func birth(_ date: String) -> MRZDate? {
            MRZParser.parse(
                MRZComposer.compose(
                    MRZFields(
                        format: .td3, documentCode: "P", issuingState: "UTO", surname: "A", givenNames: "B",
                        documentNumber: "123456789", nationality: "UTO", birthDate: date, sex: "M", expiryDate: "300101"
                    )),
                currentYear: testYear
            ).birthDate
        }
        #expect(birth("000229")?.description == "2000-02-29")
        #expect(birth("960229")?.description == "1996-02-29")
        #expect(birth("970229") == nil)
        #expect(birth("260101")?.description == "2026-01-01")
        #expect(birth("270101")?.description == "1927-01-01")
    }

    @Test("a birth date with unknown parts is null but not an error (ICAO 9303-3 §4.8)")
    func unknownBirthDate() {
        let lines = MRZComposer.compose(
            MRZFields(
                format: .td3, documentCode: "P", issuingState: "UTO", surname: "ERIKSSON", givenNames: "ANNA",
                documentNumber: "L898902C3", nationality: "UTO", birthDate: "74<<<<", sex: "<", expiryDate: "300101"))
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(document.valid)
        #expect(document.birthDate == nil)
        #expect(document.sex == "X")
    }

    @Test("codes outside ICAO 9303-3 §5 are UNKNOWN_STATE", arguments: ["ABC", "ZZZ", "QQ<"])
    func unknownState(code: String) {
        let lines = MRZComposer.compose(
            MRZFields(
                format: .td3, documentCode: "P", issuingState: code, surname: "ERIKSSON", givenNames: "ANNA",
                documentNumber: "L898902C3", nationality: "UTO", birthDate: "740812", sex: "F", expiryDate: "300101"))
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(document.errorCodes == [.unknownState])
        #expect(document.findings.first?.field == .issuingState)
    }

    @Test("every ICAO extension code is known", arguments: StateCode.icaoExtensions + ["UTO", "GBR", "DEU"])
    func knownCodes(code: String) {
        #expect(StateCode.isKnown(Array(code.utf8)))
    }

    @Test("a lowercase letter is a FORMAT error and breaks the check digit it sits in")
    func lowercase() {
        let document = parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902c36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        #expect(!document.valid)
        #expect(document.errorCodes.contains(.format))
        #expect(document.checks.documentNumber == false)
        #expect(document.findings.contains { $0.code == .format && $0.field == .documentNumber })
    }

    @Test("a short line names its format and is a FORMAT error; readable fields are still filled")
    func shortLine() {
        let document = parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        #expect(document.format == .td3)
        #expect(!document.valid)
        #expect(document.errorCodes == [.format])
        #expect(document.surname == "ERIKSSON")
        #expect(document.documentNumber == "L898902C3")
        #expect(document.checks.allPass)
    }

    @Test(
        "three lines of TD3 length, one line, and four lines fit no format",
        arguments: [
            [String](repeating: "L898902C36UTO7408122F1204159ZE184226B<<<<<10", count: 3),
            ["L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
            [String](repeating: "I<UTOD231458907<<<<<<<<<<<<<<<", count: 4),
        ])
    func noFormat(lines: [String]) {
        let document = parse(lines)
        #expect(document.format == nil)
        #expect(document.errorCodes == [.format])
        #expect(document.documentNumber == nil)
    }

    @Test(
        "document codes follow each format's rules",
        arguments: [
            ("P", MRZFormat.td3, true), ("PO", .td3, true), ("I", .td3, false), ("V", .mrvA, true),
            ("I", .td1, true), ("AC", .td1, true), ("AI", .td1, false), ("IV", .td1, false), ("P", .td1, false),
            ("AC", .td2, false), ("AI", .td2, true), ("CV", .td2, false), ("VB", .mrvB, true),
        ])
    func documentCodes(code: String, format: MRZFormat, allowed: Bool) {
        var fields = MRZFields(
            format: format, documentCode: code, issuingState: "UTO", surname: "ERIKSSON", givenNames: "ANNA",
            documentNumber: "L898902C3", nationality: "UTO", birthDate: "740812", sex: "F", expiryDate: "300101")
        fields.format = format
        let document = MRZParser.parse(MRZComposer.compose(fields), currentYear: testYear)
        #expect(document.format == format)
        #expect(document.valid == allowed)
        #expect(document.documentCode == code)
    }

    @Test("a digit in a name and a name starting with one filler are FORMAT errors (<< first: DeviationTests)")
    func badNames() {
        let digit = parse([padded("P<UTOERIKSS0N<<ANNA", 44), "L898902C36UTO7408122F1204159ZE184226B<<<<<10"])
        #expect(digit.findings.contains { $0.code == .format && $0.field == .name })
        let leading = parse([padded("P<UTO<ANNA", 44), "L898902C36UTO7408122F1204159ZE184226B<<<<<10"])
        #expect(leading.findings.contains { $0.code == .format && $0.field == .name })
    }

    @Test("a sex other than M, F, < or X is a FORMAT error and null")
    func badSex() {
        let document = parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122Q1204159ZE184226B<<<<<10",
        ])
        #expect(document.sex == nil)
        #expect(document.findings.contains { $0.code == .format && $0.field == .sex })
    }

    @Test("only the composite failing is COMPOSITE_CHECK alone")
    func compositeOnly() {
        let document = parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<11",
        ])
        #expect(document.errorCodes == [.compositeCheck])
        #expect(document.checks.fieldsPass)
        #expect(document.checks.composite == false)
    }
}

struct MRZDateTests {
    @Test(
        "ISO dates parse and print back; impossible ones are nil",
        arguments: [
            ("2024-02-29", true), ("2023-02-29", false), ("2026-13-01", false), ("2026-1-01", false),
            ("abcd-ef-gh", false),
        ])
    func iso(text: String, exists: Bool) {
        let date = MRZDate(iso: text)
        #expect((date != nil) == exists)
        if let date { #expect(date.description == text) }
    }
}
