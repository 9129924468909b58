import MRZ

/// The one change a forger made to a tampered page (`docguard synth --tampered`): a printed value altered with
/// the MRZ left alone, or the MRZ re-made with valid check digits over a page left showing the original.
public enum Forgery: Sendable, Equatable {
    /// The printed document number, 1–3 characters changed (digit for digit, letter for letter).
    case vizDocumentNumber(String)
    /// The printed birth date.
    case vizBirthDate(MRZDate)
    /// The printed expiry date, later than the real one.
    case vizExpiryDate(MRZDate)
    /// The printed surname, another holder's.
    case vizSurname(String)
    /// The MRZ re-made for these fields (another document number and birth date), check digits valid.
    case mrzRebuilt(MRZFields)

    /// The kind as the truth file names it, e.g. `viz_birth_date`.
    public var kind: String {
        switch self {
        case .vizDocumentNumber: return "viz_document_number"
        case .vizBirthDate: return "viz_birth_date"
        case .vizExpiryDate: return "viz_expiry_date"
        case .vizSurname: return "viz_surname"
        case .mrzRebuilt: return "mrz_rebuilt"
        }
    }

    /// The fields whose page and MRZ values no longer agree, named as in the result's `mrz` object.
    public var fields: [String] {
        switch self {
        case .vizDocumentNumber: return ["documentNumber"]
        case .vizBirthDate: return ["birthDate"]
        case .vizExpiryDate: return ["expiryDate"]
        case .vizSurname: return ["surname"]
        case .mrzRebuilt: return ["documentNumber", "birthDate"]
        }
    }

    /// Every kind's name, in the order the draw picks from.
    public static let kinds = [
        "viz_document_number", "viz_birth_date", "viz_expiry_date", "viz_surname", "mrz_rebuilt",
    ]

    /// A forgery of the document `fields` describes, whose page prints `printedSurname`; every changed value
    /// differs from the original. Birth dates stay within 1927–2026, the years whose `YYMMDD` the MRZ parser
    /// reads back into the same century.
    static func draw(
        _ fields: MRZFields, printedSurname: String, using generator: inout some RandomNumberGenerator
    ) -> Forgery {
        let birth = MRZDate(yymmdd: fields.birthDate, century: VisualZone.century(ofBirth: fields.birthDate))
        let expiry = MRZDate(yymmdd: fields.expiryDate, century: 2000)
        switch Int.random(in: 0..<kinds.count, using: &generator) {
        case 1 where birth != nil:
            return .vizBirthDate(otherBirthDate(birth!, using: &generator))
        case 2 where expiry != nil:
            return .vizExpiryDate(laterExpiry(expiry!, using: &generator))
        case 3:
            return .vizSurname(otherSurname(printedSurname, using: &generator))
        case 4 where birth != nil:
            var rebuilt = fields
            rebuilt.documentNumber = otherNumber(fields.documentNumber, changes: nil, using: &generator)
            rebuilt.birthDate = otherBirthDate(birth!, using: &generator).yymmdd
            return .mrzRebuilt(rebuilt)
        default:
            let changes = Int.random(in: 1...min(3, fields.documentNumber.utf8.count), using: &generator)
            return .vizDocumentNumber(otherNumber(fields.documentNumber, changes: changes, using: &generator))
        }
    }

    /// `number` with `changes` characters (every one when nil) replaced by others of the same kind.
    static func otherNumber(
        _ number: String, changes: Int?, using generator: inout some RandomNumberGenerator
    ) -> String {
        var bytes = Array(number.utf8)
        let positions = Array(bytes.indices.shuffled(using: &generator).prefix(changes ?? bytes.count))
        for position in positions {
            let original = bytes[position]
            let pool = MRZCharacter.isDigit(original) ? digits : letters
            var replacement = pool.randomElement(using: &generator)!
            while replacement == original { replacement = pool.randomElement(using: &generator)! }
            bytes[position] = replacement
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Another birth date: 1–15 years off, or another day and month of the same year.
    static func otherBirthDate(_ birth: MRZDate, using generator: inout some RandomNumberGenerator)
        -> MRZDate
    {
        if Bool.random(using: &generator) {
            let years = Int.random(in: 1...15, using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
            let shifted = birth.addingYears(years)
            return (1927...2026).contains(shifted.year) ? shifted : birth.addingYears(-years)
        }
        var other = birth
        while other == birth { other = randomDay(in: birth.year, after: nil, using: &generator) }
        return other
    }

    /// A later expiry: 1–10 years on, or a later day of the same year.
    static func laterExpiry(_ expiry: MRZDate, using generator: inout some RandomNumberGenerator)
        -> MRZDate
    {
        if (expiry.month, expiry.day) == (12, 31) || Bool.random(using: &generator) {
            return expiry.addingYears(Int.random(in: 1...10, using: &generator))
        }
        return randomDay(in: expiry.year, after: expiry, using: &generator)
    }

    /// Another plausible surname whose MRZ form is not that of `surname`.
    static func otherSurname(_ surname: String, using generator: inout some RandomNumberGenerator) -> String {
        let pool = NationalNames.plainSurnames + NationalNames.all.flatMap(\.surnames)
        var other = surname
        while LatinTransliteration.mrz(other) == LatinTransliteration.mrz(surname) {
            other = pool.randomElement(using: &generator)!
        }
        return other
    }

    /// A day of `year` later than `after` (any day when nil).
    private static func randomDay(
        in year: Int, after: MRZDate?, using generator: inout some RandomNumberGenerator
    ) -> MRZDate {
        while true {
            let month = Int.random(in: (after?.month ?? 1)...12, using: &generator)
            let date = MRZDate(
                year: year, month: month,
                day: Int.random(in: 1...MRZDate.daysIn(month: month, year: year), using: &generator))!
            if after.map({ $0 < date }) ?? true { return date }
        }
    }

    private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    private static let digits = Array("0123456789".utf8)
}
