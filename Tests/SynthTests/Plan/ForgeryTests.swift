import MRZ
import Testing

@testable import Synth

/// Plans of varied sets (`--tampered`): the share and kinds of forgeries, what each changes and what it leaves.
struct ForgeryTests {
    static let options = SynthOptions(count: 400, seed: 18, tamperedShare: 0.5)
    static let plans = (0..<options.count).map { ScanPlan.draw(index: $0, options: options) }

    /// The genuine page's values and the forged page's, of `plan`.
    func printed(_ plan: ScanPlan) -> (genuine: PrintedValues, forged: PrintedValues) {
        let style = plan.visual!
        return (
            PrintedValues.styled(plan.fields, style: style, forgery: nil),
            PrintedValues.styled(plan.fields, style: style, forgery: plan.forgery)
        )
    }

    @Test("about the share asked for is tampered, every kind well represented, every page varied")
    func shareAndKinds() {
        let tampered = Self.plans.compactMap(\.forgery)
        #expect((170...230).contains(tampered.count), "\(tampered.count) of \(Self.plans.count) tampered")
        for kind in Forgery.kinds {
            let count = tampered.filter { $0.kind == kind }.count
            #expect(count >= 20, "\(kind) on only \(count) pages")
        }
        #expect(Self.plans.allSatisfy { $0.visual != nil })
        let none = SynthOptions(count: 50, seed: 18, tamperedShare: 0)
        #expect((0..<50).allSatisfy { ScanPlan.draw(index: $0, options: none).visual == nil })
    }

    @Test("a varied page keeps every other choice of the plain set's page: layout, look, defects")
    func variedKeepsThePlainPlan() {
        let plain = SynthOptions(count: 400, seed: 18)
        for (index, plan) in Self.plans.enumerated().prefix(100) {
            let before = ScanPlan.draw(index: index, options: plain)
            #expect(plan.lookSeed == before.lookSeed && plan.dpi == before.dpi)
            #expect(plan.degradations == before.degradations && plan.skewDegrees == before.skewDegrees)
            #expect(plan.fields.documentNumber == before.fields.documentNumber)
            #expect(plan.fields.birthDate == before.fields.birthDate)
        }
    }

    @Test("a varied page's document is issued after its holder's birth")
    func issuedAfterBirth() throws {
        for plan in Self.plans {
            let fields = plan.fields
            let birth = try #require(
                MRZDate(yymmdd: fields.birthDate, century: VisualZone.century(ofBirth: fields.birthDate)))
            let expiry = try #require(MRZDate(yymmdd: fields.expiryDate, century: 2000))
            #expect(expiry.addingYears(-VisualZone.validityYears(fields.format)) > birth)
        }
        let plain = SynthOptions(count: 400, seed: 18)
        let before = (0..<400).map { ScanPlan.draw(index: $0, options: plain).fields.expiryDate }
        // The plain draw has such documents; the varied pages moved their expiry.
        #expect(zip(before, Self.plans).contains { $0 != $1.fields.expiryDate })
    }

    @Test("mrz_rebuilt: the printed MRZ validates and holds another number and birth date than the page")
    func rebuiltMRZ() {
        let rebuilt = Self.plans.filter { $0.forgery?.kind == "mrz_rebuilt" }
        #expect(!rebuilt.isEmpty)
        for plan in rebuilt {
            let lines = try! #require(plan.printedLines)
            let document = MRZParser.parse(lines, currentYear: 2026)
            #expect(document.valid, "\(document.lineTexts)")
            #expect(document.checks.composite != false)
            let page = printed(plan).forged
            #expect(page == printed(plan).genuine)
            #expect(document.documentNumber != page.documentNumber)
            #expect(document.birthDate != nil && document.birthDate?.yymmdd != plan.fields.birthDate)
            #expect(plan.forgery?.fields == ["documentNumber", "birthDate"])
        }
    }

    @Test("viz_ kinds leave the MRZ genuine and change exactly the named printed value")
    func vizKinds() {
        let viz = Self.plans.filter { $0.forgery.map { $0.kind.hasPrefix("viz_") } ?? false }
        #expect(!viz.isEmpty)
        for plan in viz {
            #expect(plan.printedLines == nil)
            #expect(MRZParser.parse(MRZComposer.compose(plan.fields), currentYear: 2026).valid)
            let (genuine, forged) = printed(plan)
            var changed: [String] = []
            if genuine.documentNumber != forged.documentNumber { changed.append("documentNumber") }
            if genuine.surname != forged.surname { changed.append("surname") }
            if genuine.givenNames != forged.givenNames { changed.append("givenNames") }
            if genuine.birth != forged.birth { changed.append("birthDate") }
            if genuine.expiry != forged.expiry { changed.append("expiryDate") }
            if genuine.sex != forged.sex { changed.append("sex") }
            #expect(changed == plan.forgery?.fields, "\(plan.forgery!)")
            #expect(genuine.issue == forged.issue)
        }
    }

    @Test("a changed document number differs in 1–3 places, digit for digit and letter for letter")
    func documentNumberChanges() {
        var generator = SeededGenerator(seed: 5)
        for number in ["L898902C3", "D23145890734", "AB1234567", "123456", "X1"] {
            for _ in 0..<50 {
                let changes = Int.random(in: 1...min(3, number.count), using: &generator)
                let other = Array(Forgery.otherNumber(number, changes: changes, using: &generator).utf8)
                let differing = zip(Array(number.utf8), other).filter { $0 != $1 }
                #expect(other.count == number.utf8.count && differing.count == changes)
                #expect(differing.allSatisfy { MRZCharacter.isDigit($0) == MRZCharacter.isDigit($1) })
            }
        }
    }

    @Test("a changed birth date is another real date 1–15 years off or in the same year; an expiry is later")
    func dateChanges() {
        var generator = SeededGenerator(seed: 6)
        for birth in [MRZDate(year: 1930, month: 1, day: 1)!, MRZDate(year: 2024, month: 2, day: 29)!] {
            for _ in 0..<100 {
                let other = Forgery.otherBirthDate(birth, using: &generator)
                #expect(other != birth)
                #expect(other.year == birth.year || (1...15).contains(abs(other.year - birth.year)))
                #expect((1927...2026).contains(other.year))
            }
        }
        for expiry in [MRZDate(year: 2031, month: 12, day: 31)!, MRZDate(year: 2028, month: 2, day: 29)!] {
            for _ in 0..<100 {
                let later = Forgery.laterExpiry(expiry, using: &generator)
                #expect(later > expiry && later.year - expiry.year <= 10)
            }
        }
    }

    @Test("a replaced surname reads as another name in the MRZ too")
    func surnameChanges() {
        var generator = SeededGenerator(seed: 7)
        for surname in ["MÜLLER", "SMITH JONES", "MUELLER", "ØSTERGÅRD"] {
            for _ in 0..<30 {
                let other = Forgery.otherSurname(surname, using: &generator)
                #expect(LatinTransliteration.mrz(other) != LatinTransliteration.mrz(surname))
            }
        }
    }

    @Test("national names are printed on the page and transliterated in the MRZ, which stays valid")
    func nationalNames() {
        let national = Self.plans.filter { $0.visual?.surname != nil }
        #expect(national.count > Self.plans.count / 4)
        for plan in national {
            #expect(plan.fields.surname == LatinTransliteration.mrz(plan.visual!.surname!))
            #expect(plan.fields.givenNames == LatinTransliteration.mrz(plan.visual!.givenNames!))
            let lines = plan.printedLines ?? MRZComposer.compose(plan.fields)
            #expect(MRZParser.parse(lines, currentYear: 2026).valid)
        }
    }

    @Test(
        "ICAO 9303-3 §6 transliteration of national names",
        arguments: [
            ("MÜLLER", "MUELLER"), ("ÇELİK", "CELIK"), ("GARCÍA", "GARCIA"), ("ØSTERGÅRD", "OESTERGAARD"),
            ("ŁUKASZ", "LUKASZ"), ("ÞÓRÐARSON", "THORDARSON"), ("GROẞ", "GROSS"), ("DVOŘÁK", "DVORAK"),
            ("NÚÑEZ", "NUNEZ"), ("LÆSSØE", "LAESSOEE"), ("ŞAHİN", "SAHIN"), ("JÖRG UWE", "JOERG UWE"),
            ("SMITH", "SMITH"),
        ])
    func transliteration(national: String, mrz: String) {
        #expect(LatinTransliteration.mrz(national) == mrz)
    }

    @Test(
        "dates in the forms documents print",
        arguments: [
            (DateStyle.monthName(national: nil), "12 AUG 1974"), (.bilingualShortYear, "12 AUG/AOÛT 74"),
            (.numeric(separator: "."), "12.08.1974"), (.numeric(separator: "/"), "12/08/1974"),
            (.numeric(separator: " "), "12 08 1974"), (.iso, "1974-08-12"),
            (.monthName(national: .french), "12 AOÛT/AUG 1974"), (.monthName(national: .spanish), "12 AGO/AUG 1974"),
        ])
    func dateForms(style: DateStyle, printed: String) {
        #expect(style.format(MRZDate(year: 1974, month: 8, day: 12)!) == printed)
    }

    @Test("German and Spanish months where they differ from English")
    func nationalMonths() {
        let march = MRZDate(year: 2031, month: 3, day: 1)!
        let december = MRZDate(year: 2031, month: 12, day: 24)!
        #expect(DateStyle.monthName(national: .german).format(march) == "01 MÄR/MAR 2031")
        #expect(DateStyle.monthName(national: .german).format(december) == "24 DEZ/DEC 2031")
        #expect(
            DateStyle.monthName(national: .spanish).format(MRZDate(year: 2031, month: 1, day: 5)!) == "05 ENE/JAN 2031")
        #expect(DateStyle.monthName(national: .spanish).format(december) == "24 DIC/DEC 2031")
    }

    @Test(
        "sex in the forms documents print",
        arguments: [
            (SexStyle.single, "F", "F"), (.single, "<", "X"), (.doubled, "M", "M/M"), (.doubled, "F", "F/F"),
            (.nationalFirst, "F", "K/F"), (.nationalFirst, "M", "M/M"), (.nationalFirst, "<", "X/X"),
        ])
    func sexForms(style: SexStyle, mrz: String, printed: String) {
        #expect(style.format(mrz) == printed)
    }

    @Test("tampered shares outside 0–1 are refused", arguments: [-0.1, 1.5, Double.nan])
    func badShare(share: Double) {
        #expect(throws: SynthError.self) { try SynthOptions(count: 1, seed: 1, tamperedShare: share).validate() }
    }
}
