import MRZ
import Testing

/// The French national identity card of the 1988–2021 model (`FRA_ID`): 2 lines of 36 in a national layout, not
/// ICAO TD2. The specimen's check digits were verified by hand with ICAO's 7-3-1 weighting.
struct FrenchIDTests {
    static let specimen = ["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"]

    /// A valid card from these fields (check digits computed by the composer).
    static func card(
        surname: String = "DE LA CRUZ", givenNames: String = "MARIE CHRISTINE ANNE",
        number: String = "120375012345", administrativeCode: String = "750123",
        birth: String = "010203", sex: String = "M"
    ) -> [[UInt8]] {
        MRZComposer.compose(
            MRZFields(
                format: .fraID, documentCode: "ID", issuingState: "FRA", surname: surname, givenNames: givenNames,
                documentNumber: number, nationality: "FRA", birthDate: birth, sex: sex, expiryDate: "",
                optionalData: administrativeCode))
    }

    @Test("the specimen's check digits are ICAO's 7-3-1 over the card's own fields")
    func specimenCheckDigits() {
        let lines = bytes(Self.specimen)
        #expect(CheckDigit.compute(Array("940992310285".utf8)) == 4)
        #expect(CheckDigit.compute(Array("651206".utf8)) == 8)
        #expect(CheckDigit.compute(lines[0] + lines[1].prefix(35)) == 4)
    }

    @Test("the specimen parses into the mrz object: FRA nationality, no expiry, its own check digits")
    func specimen() {
        let document = parse(Self.specimen)
        #expect(document.format == .fraID)
        #expect(document.format?.rawValue == "FRA_ID")
        #expect(document.valid)
        #expect(document.findings.isEmpty)
        #expect(document.documentCode == "ID")
        #expect(document.issuingState == "FRA")
        #expect(document.nationality == "FRA")
        #expect(document.documentNumber == "940992310285")
        #expect(document.surname == "BERTHIER")
        #expect(document.givenNames == "CORINNE")
        #expect(document.birthDate?.description == "1965-12-06")
        #expect(document.sex == "F")
        #expect(document.expiryDate == nil)
        #expect(document.optionalData == "")
        #expect(document.optionalData2 == nil)
        #expect(!document.nameMayBeTruncated)
        #expect(document.checks.documentNumber == true)
        #expect(document.checks.birthDate == true)
        #expect(document.checks.composite == true)
        #expect(document.checks.expiryDate == nil)
        #expect(document.checks.optionalData == nil)
    }

    @Test("a composed card: surname of several parts, given names apart by <<, the administrative code")
    func composed() {
        let lines = Self.card()
        #expect(String(decoding: lines[0], as: UTF8.self) == "IDFRA" + padded("DE<LA<CRUZ", 25) + "750123")
        #expect(String(decoding: lines[1][13..<27], as: UTF8.self) == "MARIE<<CHRISTI")
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(document.format == .fraID)
        #expect(document.valid)
        #expect(document.surname == "DE LA CRUZ")
        #expect(document.givenNames == "MARIE CHRISTI")
        #expect(document.nameMayBeTruncated)  // CHRISTINE ANNE did not fit in 14
        #expect(document.optionalData == "750123")
        #expect(document.birthDate?.description == "2001-02-03")
        #expect(document.sex == "M")
    }

    @Test(
        "a wrong check digit is CHECK_DIGIT on its field and COMPOSITE_CHECK (the final digit covers it)",
        arguments: [(12, MRZField.documentNumber), (33, .birthDate)])
    func fieldCheckDigit(index: Int, field: MRZField) {
        let lines = bytes(Self.specimen)
        let digit = lines[1][index] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        let document = MRZParser.parse(replacing(lines, line: 1, index: index, with: digit), currentYear: testYear)
        #expect(!document.valid)
        #expect(document.errorCodes == [.checkDigit, .compositeCheck])
        #expect(document.findings.contains { $0.code == .checkDigit && $0.field == field })
    }

    @Test("the final digit wrong, or a name altered under it, is COMPOSITE_CHECK alone")
    func compositeOnly() {
        let lines = bytes(Self.specimen)
        let finalDigit = MRZParser.parse(
            replacing(lines, line: 1, index: 35, with: UInt8(ascii: "5")),
            currentYear: testYear)
        #expect(finalDigit.errorCodes == [.compositeCheck])
        #expect(finalDigit.checks.fieldsPass && finalDigit.checks.composite == false)
        let renamed = MRZParser.parse(
            replacing(lines, line: 0, index: 12, with: UInt8(ascii: "Z")),
            currentYear: testYear)
        #expect(renamed.errorCodes == [.compositeCheck])
        #expect(renamed.surname == "BERTHIEZ")
    }

    @Test(
        "a character its position cannot hold is FORMAT on that field",
        arguments: [
            (0, 8, MRZField.name), (1, 15, .name), (1, 2, .documentNumber), (1, 9, .documentNumber),
            (1, 28, .birthDate), (1, 34, .sex), (0, 1, .documentCode),
        ])
    func wrongCharacter(line: Int, index: Int, field: MRZField) {
        let lines = bytes(Self.specimen)
        // A digit where letters belong, a letter where digits belong.
        let byte = MRZCharacter.isDigit(lines[line][index]) ? UInt8(ascii: "Q") : UInt8(ascii: "7")
        let document = MRZParser.parse(replacing(lines, line: line, index: index, with: byte), currentYear: testYear)
        #expect(!document.valid)
        #expect(document.findings.contains { $0.code == .format && $0.field == field })
    }

    @Test("names must start in their field's first position; given names may be absent")
    func nameStarts() {
        let noGivenNames = MRZParser.parse(Self.card(givenNames: ""), currentYear: testYear)
        #expect(noGivenNames.valid)
        #expect(noGivenNames.givenNames == "")
        let surname = MRZParser.parse(Self.card(surname: "<MARTIN"), currentYear: testYear)
        #expect(surname.errorCodes == [.format])
        #expect(surname.findings.map(\.detail) == ["name must start with the primary identifier"])
        #expect(surname.surname == "MARTIN")
        let givenNames = MRZParser.parse(Self.card(givenNames: "<PAUL"), currentYear: testYear)
        #expect(givenNames.errorCodes == [.format])
        #expect(givenNames.findings.map(\.detail) == ["given names must start in the first position of their field"])
        #expect(givenNames.givenNames == "PAUL")
    }

    @Test("a short line is still the card, reported as FORMAT")
    func shortLine() {
        let document = parse([Self.specimen[0], String(Self.specimen[1].dropLast())])
        #expect(document.format == .fraID)
        #expect(document.errorCodes.contains(.format))
    }

    @Test(
        "TD2 and MRV-B documents stay what they are, IDFRA or not",
        arguments: [
            (["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"], MRZFormat.td2),
            (["IDFRAMARTIN<<PAUL<<<<<<<<<<<<<<<<<<<", "X4RTBPFW46FRA8001014M3001012<<<<<<<4"], .td2),
            (["IRFRAMARTIN<<PAUL<<<<<<<<<<<<<<<<<<<", "X4RTBPFW46FRA8001014M3001012<<<<<<<4"], .td2),
            (["V<FRAMARTIN<<PAUL<<<<<<<<<<<<<<<<<<<", "X4RTBPFW46FRA8001014M3001012<<<<<<<<"], .mrvB),
        ])
    func otherFormatsStay(lines: [String], format: MRZFormat) {
        #expect(parse(lines).format == format)
        #expect(MRZRepairer().repair(bytes(lines)).lines.allSatisfy { $0.count == 36 })
    }

    @Test("an IDFRA TD2 composed with check digits is valid TD2")
    func composedTD2() {
        let fields = MRZFields(
            format: .td2, documentCode: "ID", issuingState: "FRA", surname: "MARTIN", givenNames: "PAUL",
            documentNumber: "X4RTBPFW4", nationality: "FRA", birthDate: "800101", sex: "M", expiryDate: "300101")
        let document = MRZParser.parse(MRZComposer.compose(fields), currentYear: testYear)
        #expect(document.format == .td2)
        #expect(document.valid)
    }

    @Test("the layout: what each position holds, its check digits, every specimen character allowed")
    func layout() {
        let layout = MRZLayout.of(.fraID)
        #expect(layout.format.lineCount == 2 && layout.format.lineLength == 36)
        #expect(!MRZFormat.fraID.isICAO && !MRZFormat.icao.contains(.fraID))
        #expect(layout.nationality == nil && layout.expiryDate == nil && layout.expiryDateCheck == nil)
        #expect(layout.plausibleShare(of: bytes(Self.specimen)) == 1)
        #expect(MRZLayout.of(.td2).plausibleShare(of: bytes(Self.specimen)) < 0.8)
        #expect(layout.standardFieldChecks.map(\.field) == [.documentNumber, .birthDate])
        #expect(
            layout.fieldChecks(for: bytes(Self.specimen)).map(\.check) == [
                MRZPosition(line: 1, index: 12), MRZPosition(line: 1, index: 33),
            ])
        #expect(layout.compositeCheckRule?.positions.count == 72)
        #expect(layout.allows(UInt8(ascii: "A"), line: 1, index: 4))  // a department may hold a letter (2A)
        #expect(!layout.allows(UInt8(ascii: "A"), line: 1, index: 3))  // month of issue
        #expect(!layout.allows(MRZCharacter.filler, line: 1, index: 11))
        #expect(layout.allows(UInt8(ascii: "7"), line: 0, index: 30))  // administrative code
        #expect(!layout.allows(UInt8(ascii: "7"), line: 0, index: 29))  // surname
        #expect(layout.positionKinds.map(\.count) == [36, 36])
    }
}

/// Check-digit-driven repair on the French card: the same rules as the ICAO formats, and the final digit as the
/// only check over the names.
struct FrenchIDRepairTests {
    let specimen = bytes(FrenchIDTests.specimen)
    let repairer = MRZRepairer()

    @Test("a correct read needs no repair")
    func notNeeded() {
        let result = repairer.repair(specimen)
        #expect(result.outcome == .notNeeded)
        #expect(result.lines == specimen)
    }

    @Test(
        "confusions in the number and the birth date are repaired by their check digits",
        arguments: [
            (1, 2, "O", "line2[3]: O->0"), (1, 10, "B", "line2[11]: B->8"), (1, 29, "I", "line2[30]: I->1"),
            (1, 33, "B", "line2[34]: B->8"),
        ])
    func fieldConfusions(line: Int, index: Int, read: String, correction: String) {
        let misread = replacing(specimen, line: line, index: index, with: Array(read.utf8)[0])
        let document = repairer.read(misread, currentYear: testYear)
        #expect(document.repairOutcome == .repaired)
        #expect(document.lines == specimen)
        #expect(document.corrections.map(\.description) == [correction])
        #expect(document.valid)
    }

    @Test("a digit read in a name is repaired when the final digit confirms one letter")
    func digitInName() {
        let misread = replacing(specimen, line: 1, index: 14, with: UInt8(ascii: "0"))  // C0RINNE
        let result = repairer.repair(misread)
        #expect(result.outcome == .repaired)
        #expect(result.lines == specimen)
        #expect(result.corrections.map(\.description) == ["line2[15]: 0->O"])
    }

    @Test("K, X or C read for a name's trailing fillers become fillers again", arguments: ["K", "X", "C"])
    func trailingFillers(letter: String) {
        var misread = replacing(specimen, line: 0, index: 20, with: Array(letter.utf8)[0])
        misread = replacing(misread, line: 1, index: 24, with: Array(letter.utf8)[0])
        let result = repairer.repair(misread)
        #expect(result.outcome == .repaired)
        #expect(result.lines == specimen)
        #expect(result.corrections.count == 2)
    }

    @Test(
        "IDFRA misread is still the card, FORMAT as read, and repair puts it right",
        arguments: [(0, "1", "line1[1]: 1->I"), (4, "4", "line1[5]: 4->A")])
    func misreadPrefix(index: Int, read: String, correction: String) {
        let misread = replacing(specimen, line: 0, index: index, with: Array(read.utf8)[0])
        let asRead = MRZParser.parse(misread, currentYear: testYear)
        #expect(asRead.format == .fraID)
        #expect(asRead.errorCodes.contains(.format) && asRead.errorCodes.contains(.compositeCheck))
        let document = repairer.read(misread, currentYear: testYear)
        #expect(document.repairOutcome == .repaired)
        #expect(document.lines == specimen)
        #expect(document.corrections.map(\.description) == [correction])
        #expect(document.valid)
    }

    @Test("a name altered under the final digit stays as read: the tampering signal")
    func alteredName() {
        let altered = replacing(specimen, line: 0, index: 12, with: UInt8(ascii: "Z"))  // BERTHIEZ
        let result = repairer.repair(altered)
        #expect(result.outcome == .compositeOnly)
        #expect(result.lines == altered)
        #expect(result.corrections.isEmpty)
    }

    @Test("the engine's second choices are used like on ICAO formats")
    func engineChoices() {
        // 940992310285 read as 94099Z310285: a letter may stand in the department (2A), so only the check digit
        // says it is wrong, and the engine's own second choice is the one cheapest answer.
        let misread = replacing(specimen, line: 1, index: 5, with: UInt8(ascii: "Z"))
        var choices = specimen.map { $0.map { _ in [UInt8]() } }
        choices[1][5] = [UInt8(ascii: "2")]
        let result = repairer.repair(misread, alternatives: CharacterAlternatives(choices))
        #expect(result.outcome == .repaired)
        #expect(result.lines == specimen)
        #expect(result.corrections.map(\.description) == ["line2[6]: Z->2"])
    }
}
