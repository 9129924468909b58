import MRZ
import Testing

/// Known deviations from ICAO 9303 that genuine documents print: a name with no primary identifier (`<<`
/// first, as on many Indian passports) and `X` for an unspecified sex. Each is an MRZ_DEVIATION finding, not
/// FORMAT: the document stays valid, and repair leaves both as printed.
struct DeviationTests {
    /// The document code each format's specimen carries.
    static func documentCode(_ format: MRZFormat) -> String {
        switch format {
        case .td1: return "ID"
        case .td2: return "I"
        case .td3: return "P"
        case .mrvA, .mrvB: return "V"
        case .fraID: return "ID"
        }
    }

    /// A valid MRZ of `format` (check digits computed); `surname` empty prints the name as `<<` and the given
    /// names; `sexX` prints `X` in the sex field (no check digit covers it).
    static func lines(_ format: MRZFormat, surname: String = "", givenNames: String = "SURYA", sexX: Bool = false)
        -> [[UInt8]]
    {
        let fields = MRZFields(
            format: format, documentCode: documentCode(format), issuingState: "IND", surname: surname,
            givenNames: givenNames, documentNumber: "J8369854", nationality: "IND", birthDate: "850315",
            sex: sexX ? "X" : "M", expiryDate: "300101")
        var lines = MRZComposer.compose(fields)
        if sexX {
            let sex = MRZLayout.of(format).sex
            lines[sex.line][sex.index] = UInt8(ascii: "X")
        }
        return lines
    }

    /// `lines` with the name field holding `name`, padded with fillers (the name has no check digit).
    static func withName(_ name: String, _ lines: [[UInt8]], format: MRZFormat) -> [[UInt8]] {
        let span = MRZLayout.of(format).name
        var lines = lines
        lines[span.line].replaceSubrange(span.range, with: Array(padded(name, span.length).utf8))
        return lines
    }

    /// `lines` with `byte` in the sex field.
    static func withSex(_ byte: UInt8, _ lines: [[UInt8]], format: MRZFormat) -> [[UInt8]] {
        let sex = MRZLayout.of(format).sex
        return replacing(lines, line: sex.line, index: sex.index, with: byte)
    }

    @Test(
        "a name starting << is MRZ_DEVIATION on the name: valid, no errors, given names only",
        arguments: MRZFormat.icao)
    func nameWithoutPrimaryIdentifier(format: MRZFormat) {
        let lines = Self.lines(format)
        let name = MRZLayout.of(format).name
        #expect(Array(lines[name.line][name.range].prefix(7)) == Array("<<SURYA".utf8))
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(document.valid)
        #expect(document.errorCodes.isEmpty)
        #expect(document.findings.map(\.code) == [.deviation])
        #expect(document.findings.map(\.field) == [.name])
        #expect(document.surname == "")
        #expect(document.givenNames == "SURYA")
        #expect(document.checks.allPass)

        let two = MRZParser.parse(Self.lines(format, givenNames: "SURYA KUMAR"), currentYear: testYear)
        #expect(two.valid)
        #expect(two.givenNames == "SURYA KUMAR")
    }

    @Test(
        "X in the sex field is MRZ_DEVIATION on sex and reads X; < reads X with no finding",
        arguments: MRZFormat.icao)
    func sexX(format: MRZFormat) {
        let printedX = MRZParser.parse(Self.lines(format, surname: "SINGH", sexX: true), currentYear: testYear)
        #expect(printedX.valid)
        #expect(printedX.errorCodes.isEmpty)
        #expect(printedX.sex == "X")
        #expect(printedX.findings.map(\.code) == [.deviation])
        #expect(printedX.findings.map(\.field) == [.sex])

        let unspecified = Self.withSex(MRZCharacter.filler, Self.lines(format, surname: "SINGH"), format: format)
        let filler = MRZParser.parse(unspecified, currentYear: testYear)
        #expect(filler.valid)
        #expect(filler.sex == "X")
        #expect(filler.findings.isEmpty)
    }

    @Test(
        "both deviations at once: two findings, still valid; an error beside them makes it invalid",
        arguments: MRZFormat.icao)
    func both(format: MRZFormat) {
        let lines = Self.lines(format, sexX: true)
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(document.valid)
        #expect(document.findings.map(\.field) == [.name, .sex])
        #expect(document.findings.allSatisfy { $0.code == .deviation && !$0.code.isError })
        #expect(document.findings.allSatisfy { !$0.detail.contains("SURYA") })

        // A wrong birth-date check digit beside the deviations.
        let layout = MRZLayout.of(format)
        let check = layout.birthDateCheck
        let digit = lines[check.line][check.index] == UInt8(ascii: "7") ? UInt8(ascii: "2") : UInt8(ascii: "7")
        let broken = MRZParser.parse(
            replacing(lines, line: check.line, index: check.index, with: digit),
            currentYear: testYear)
        #expect(!broken.valid)
        #expect(broken.errorCodes.contains(.checkDigit))
        #expect(!broken.errorCodes.contains(.deviation))
        #expect(broken.findings.filter { $0.code == .deviation }.count == 2)
    }

    @Test(
        "any other filler at the start of a name stays FORMAT", arguments: MRZFormat.icao,
        ["<SURYA", "<<<SURYA", "<<<<<<SURYA", "", "<<1SURYA"])
    func otherLeadingFillers(format: MRZFormat, name: String) {
        let lines = Self.withName(name, Self.lines(format, surname: "SINGH"), format: format)
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(!document.valid)
        #expect(document.findings.contains { $0.code == .format && $0.field == .name })
        #expect(!document.findings.contains { $0.code == .deviation })
    }

    @Test(
        "a sex other than M, F, < or X stays FORMAT and null", arguments: MRZFormat.icao,
        Array("QKC1".utf8))
    func otherSexes(format: MRZFormat, sex: UInt8) {
        let lines = Self.withSex(sex, Self.lines(format, surname: "SINGH"), format: format)
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(!document.valid)
        #expect(document.sex == nil)
        #expect(document.findings.contains { $0.code == .format && $0.field == .sex })
        #expect(!document.findings.contains { $0.code == .deviation })
    }

    @Test("fillers inside a state code stay FORMAT beside a deviation", arguments: MRZFormat.icao)
    func fillersInsideStateCode(format: MRZFormat) {
        let layout = MRZLayout.of(format)
        let state = layout.issuingState
        let lines = replacing(
            Self.lines(format, sexX: true), line: state.line, index: state.start + 1,
            with: MRZCharacter.filler)  // I<D
        let document = MRZParser.parse(lines, currentYear: testYear)
        #expect(!document.valid)
        #expect(document.errorCodes == [.format])
        #expect(document.findings.contains { $0.code == .format && $0.field == .issuingState })
        #expect(document.findings.filter { $0.code == .deviation }.count == 2)
    }

    @Test(
        "the layout allows X in the sex column, so line fitting and plausibility take it as printed",
        arguments: MRZFormat.icao)
    func layoutAllowsX(format: MRZFormat) {
        let layout = MRZLayout.of(format)
        let sex = layout.sex
        #expect(layout.allows(UInt8(ascii: "X"), line: sex.line, index: sex.index))
        #expect(!layout.allows(UInt8(ascii: "Q"), line: sex.line, index: sex.index))
        #expect(!layout.allows(UInt8(ascii: "X"), line: layout.birthDateCheck.line, index: layout.birthDateCheck.index))
        #expect(layout.plausibleShare(of: Self.lines(format, sexX: true)) == 1)
    }

    @Test("repair leaves both deviations as printed", arguments: MRZFormat.icao)
    func repairLeavesThemAlone(format: MRZFormat) {
        let repairer = MRZRepairer()
        let lines = Self.lines(format, sexX: true)
        let result = repairer.repair(lines)
        #expect(result.outcome == .notNeeded)
        #expect(result.corrections.isEmpty)
        #expect(result.lines == lines)

        // The engine offering other characters at the name's start and in the sex field changes nothing.
        let layout = MRZLayout.of(format)
        var choices = lines.map { $0.map { _ in [UInt8]() } }
        choices[layout.name.line][layout.name.start] = Array("KS".utf8)
        choices[layout.name.line][layout.name.start + 1] = Array("K".utf8)
        choices[layout.sex.line][layout.sex.index] = [MRZCharacter.filler, UInt8(ascii: "M")]
        #expect(repairer.repair(lines, alternatives: CharacterAlternatives(choices)).lines == lines)

        // A misread elsewhere is repaired; the deviations stay.
        let birth = layout.birthDate
        let misread = replacing(lines, line: birth.line, index: birth.start + 2, with: UInt8(ascii: "O"))  // 85O315
        let document = repairer.read(misread, currentYear: testYear)
        #expect(document.repairOutcome == .repaired)
        #expect(document.lines == lines)
        #expect(document.corrections.count == 1)
        #expect(document.valid)
        #expect(document.findings.map(\.code) == [.deviation, .deviation])
    }

    @Test(
        "a one-letter name after << is not taken for misread fillers", arguments: MRZFormat.icao,
        ["<<K", "<<X", "<<C", "<<KC"])
    func oneLetterName(format: MRZFormat, name: String) {
        let lines = Self.withName(name, Self.lines(format), format: format)
        let result = MRZRepairer().repair(lines)
        #expect(result.lines == lines)
        #expect(result.corrections.isEmpty)
        let document = MRZParser.parse(result.lines, currentYear: testYear)
        #expect(document.valid)
        #expect(document.givenNames == String(name.dropFirst(2)))
    }
}
