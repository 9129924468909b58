/// Random but realistic document data for specimens: names of several components, codes from the
/// ICAO list, document numbers of the usual shapes (long TD1/TD2 numbers too), real dates, personal
/// numbers or none. The same generator state gives the same documents.
public enum SpecimenFactory {
    private static let surnames = [
        "ERIKSSON", "MUSTERMANN", "NILAVADHANANANDA", "VAN DER MUELLEN", "OCONNOR", "SMITH JONES", "HENG",
        "AL BASRI", "VILARCHAO FERNANDEZ", "ARKFREITH", "GARCIA LOPEZ", "NGUYEN", "KOWALSKA", "DUBOIS",
        "ROSSI", "OKONKWO", "SATO", "PAPANDROPOULOUS", "BENNELONG WOOLOOMOOLOO", "IVANOVA", "KIM", "DE LA CRUZ",
    ]
    private static let givenNames = [
        "ANNA MARIA", "ERIKA", "MARTIN", "ENYA SIOBHAN", "DEBORAH MING LO", "JOSE RAMON", "HUDA MUHAMMAD JAWAD",
        "SUSIE MARGARET", "CHAYAPA DEJTHAMRONG KRASUANG", "JONATHON WARREN TREVOR", "LI", "OLUWASEUN", "YUKI",
        "PIERRE", "GIULIA", "", "MARIE ELISE", "DINGO POTOROO", "JAN", "AHMED",
    ]
    private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    private static let digits = Array("0123456789".utf8)

    /// One document's data in `format`. Birth years fall in `birthYears`, expiry years in `expiryYears`.
    public static func fields(
        format: MRZFormat, using generator: inout some RandomNumberGenerator,
        birthYears: ClosedRange<Int> = 1930...2024, expiryYears: ClosedRange<Int> = 2000...2039
    ) -> MRZFields {
        if format == .fraID { return frenchIDFields(using: &generator, birthYears: birthYears) }
        let state = StateCode.all.randomElement(using: &generator)!
        let nationality =
            Int.random(in: 0..<4, using: &generator) == 0
            ? StateCode.all.randomElement(using: &generator)! : state
        let number = documentNumber(format, using: &generator)
        let layout = MRZLayout.of(format)
        // A long number takes the start of the optional data: its rest, a check digit and a filler.
        let longNumberLength = number.count > 9 && layout.allowsLongDocumentNumber ? number.count - 9 + 2 : 0
        return MRZFields(
            format: format,
            documentCode: documentCode(format, using: &generator),
            issuingState: state,
            surname: surnames.randomElement(using: &generator)!,
            givenNames: givenNames.randomElement(using: &generator)!,
            documentNumber: number,
            nationality: nationality,
            birthDate: date(years: birthYears, using: &generator),
            sex: ["M", "F", "<"].randomElement(using: &generator)!,
            expiryDate: date(years: expiryYears, using: &generator),
            optionalData: optionalData(length: layout.optionalData.length - longNumberLength, using: &generator),
            optionalData2: format == .td1 ? optionalData(length: 11, using: &generator) : "",
            emptyOptionalCheckIsFiller: Bool.random(using: &generator)
        )
    }

    private static func documentCode(_ format: MRZFormat, using generator: inout some RandomNumberGenerator) -> String {
        switch format {
        case .td3: return ["P", "P", "PP", "PD", "PO"].randomElement(using: &generator)!
        case .mrvA, .mrvB: return ["V", "V", "VB", "VT"].randomElement(using: &generator)!
        case .td1: return ["I", "ID", "IR", "A", "C", "AC"].randomElement(using: &generator)!
        case .td2: return ["I", "ID", "IR", "A", "C"].randomElement(using: &generator)!
        case .fraID: return "ID"
        }
    }

    /// A French identity card (1988–2021 model): issued by and to France, a 12-character number (year and month
    /// of issue, department, serial), an administrative code or none, no expiry date in the MRZ.
    private static func frenchIDFields(
        using generator: inout some RandomNumberGenerator, birthYears: ClosedRange<Int>
    ) -> MRZFields {
        let issued = date(years: 1988...2021, using: &generator).prefix(4)
        let departments = ["750", "923", "2A0", "2B1", "971", "130", "690"]
        let department = departments.randomElement(using: &generator)!
        let serial = String(decoding: (0..<5).map { _ in digits.randomElement(using: &generator)! }, as: UTF8.self)
        let office = String(decoding: (0..<3).map { _ in digits.randomElement(using: &generator)! }, as: UTF8.self)
        return MRZFields(
            format: .fraID, documentCode: "ID", issuingState: "FRA",
            surname: surnames.randomElement(using: &generator)!,
            givenNames: givenNames.randomElement(using: &generator)!,
            documentNumber: issued + department + serial, nationality: "FRA",
            birthDate: date(years: birthYears, using: &generator), sex: ["M", "F"].randomElement(using: &generator)!,
            expiryDate: "", optionalData: Bool.random(using: &generator) ? department + office : "")
    }

    /// One or two letters then digits, all digits, or (TD1/TD2, now and then) a 10–14 character number.
    private static func documentNumber(_ format: MRZFormat, using generator: inout some RandomNumberGenerator) -> String
    {
        let allowsLong = MRZLayout.of(format).allowsLongDocumentNumber
        let length =
            allowsLong && Int.random(in: 0..<5, using: &generator) == 0
            ? Int.random(in: 10...(format == .td1 ? 14 : 12), using: &generator)
            : Int.random(in: 6...9, using: &generator)
        let letterCount = Int.random(in: 0...2, using: &generator)
        let bytes = (0..<length).map { index in
            index < letterCount ? letters.randomElement(using: &generator)! : digits.randomElement(using: &generator)!
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func date(years: ClosedRange<Int>, using generator: inout some RandomNumberGenerator) -> String {
        let year = Int.random(in: years, using: &generator)
        let month = Int.random(in: 1...12, using: &generator)
        let day = Int.random(in: 1...MRZDate.daysIn(month: month, year: year), using: &generator)
        return [year % 100, month, day].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
    }

    /// Empty half the time, else letters and digits up to `length`.
    private static func optionalData(length: Int, using generator: inout some RandomNumberGenerator) -> String {
        guard length > 0, Bool.random(using: &generator) else { return "" }
        let count = Int.random(in: 1...length, using: &generator)
        let pool = letters + digits
        return String(decoding: (0..<count).map { _ in pool.randomElement(using: &generator)! }, as: UTF8.self)
    }
}
