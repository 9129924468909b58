import MRZ

/// How one page of a varied set (`docguard synth --tampered`) prints the holder's data in its visual zone:
/// the date form, the sex form, and the names with national characters where the holder has them.
public struct VisualStyle: Sendable, Equatable {
    /// How dates are printed.
    public var dates: DateStyle
    /// How sex is printed.
    public var sex: SexStyle
    /// The holder's surname as printed, with national characters; nil prints the MRZ's.
    public var surname: String?
    /// The holder's given names as printed, with national characters; nil prints the MRZ's.
    public var givenNames: String?

    /// A style drawn from `generator`: about half the holders get national names (whose ICAO transliteration
    /// the caller writes into the MRZ).
    static func draw(using generator: inout some RandomNumberGenerator) -> VisualStyle {
        let dates = DateStyle.all.randomElement(using: &generator)!
        let sex = SexStyle.allCases.randomElement(using: &generator)!
        guard Bool.random(using: &generator) else { return VisualStyle(dates: dates, sex: sex) }
        let names = NationalNames.all.randomElement(using: &generator)!
        return VisualStyle(
            dates: dates, sex: sex, surname: names.surnames.randomElement(using: &generator)!,
            givenNames: names.givenNames.randomElement(using: &generator)!)
    }
}

/// A way documents print dates (ICAO 9303-3 §4.1 leaves the VIZ date form to the issuer).
public enum DateStyle: Sendable, Equatable {
    /// `12 AUG 1974`, or with `national` months beside English: `12 AOÛT/AUG 1974`.
    case monthName(national: MonthNames?)
    /// `12 AUG/AOÛT 74`: English then French month, two-digit year (Canada).
    case bilingualShortYear
    /// Day, month and year in digits with `separator`: `12.08.1974`, `12/08/1974`, `12 08 1974`.
    case numeric(separator: String)
    /// `1974-08-12`.
    case iso

    /// Every style a page may get.
    static let all: [DateStyle] =
        [
            .monthName(national: nil), .bilingualShortYear, .numeric(separator: "."), .numeric(separator: "/"),
            .numeric(separator: " "), .iso,
        ]
        + MonthNames.allCases.map { .monthName(national: $0) }

    /// `date` in this style.
    func format(_ date: MRZDate) -> String {
        let day = twoDigits(date.day)
        let english = MonthNames.english[date.month - 1]
        switch self {
        case .monthName(nil): return "\(day) \(english) \(date.year)"
        case .monthName(let national?): return "\(day) \(national.months[date.month - 1])/\(english) \(date.year)"
        case .bilingualShortYear:
            return "\(day) \(english)/\(MonthNames.french.months[date.month - 1]) \(twoDigits(date.year % 100))"
        case .numeric(let separator): return [day, twoDigits(date.month), "\(date.year)"].joined(separator: separator)
        case .iso: return "\(date.year)-\(twoDigits(date.month))-\(day)"
        }
    }
}

/// Month abbreviations of a language that documents print beside English.
public enum MonthNames: String, Sendable, CaseIterable {
    /// French, as French and Canadian documents abbreviate.
    case french
    /// German.
    case german
    /// Spanish.
    case spanish
    /// Italian.
    case italian

    /// English abbreviations, January first.
    static let english = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// This language's abbreviations, January first.
    var months: [String] {
        switch self {
        case .french:
            return ["JANV", "FÉVR", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOÛT", "SEPT", "OCT", "NOV", "DÉC"]
        case .german: return ["JAN", "FEB", "MÄR", "APR", "MAI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEZ"]
        case .spanish: return ["ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"]
        case .italian: return ["GEN", "FEB", "MAR", "APR", "MAG", "GIU", "LUG", "AGO", "SET", "OTT", "NOV", "DIC"]
        }
    }
}

/// A way documents print the holder's sex.
public enum SexStyle: String, Sendable, CaseIterable {
    /// `F`, `M` or `X`.
    case single
    /// `F/F`, `M/M`, `X/X` (national letter, then the ICAO one, where both are the same).
    case doubled
    /// `K/F`, `M/M`, `X/X`: the national letter first (Polish kobieta, Nordic kvinne).
    case nationalFirst

    /// The printed form of the MRZ's `sex` (`M`, `F` or `<`).
    func format(_ sex: String) -> String {
        let icao = sex == "<" ? "X" : sex
        switch self {
        case .single: return icao
        case .doubled: return "\(icao)/\(icao)"
        case .nationalFirst: return "\(icao == "F" ? "K" : icao)/\(icao)"
        }
    }
}

extension MRZDate {
    /// The date of an MRZ `YYMMDD` in `century` (1900 or 2000); nil when it is not a real date.
    init?(yymmdd: String, century: Int) {
        let bytes = Array(yymmdd.utf8)
        guard bytes.count == 6, bytes.allSatisfy(MRZCharacter.isDigit) else { return nil }
        let number = { (i: Int) in Int(bytes[i] - 48) * 10 + Int(bytes[i + 1] - 48) }
        self.init(year: century + number(0), month: number(2), day: number(4))
    }

    /// The MRZ's `YYMMDD` of this date.
    var yymmdd: String { twoDigits(year % 100) + twoDigits(month) + twoDigits(day) }

    /// The same day and month `years` later (earlier when negative); 29 February becomes the 28th where
    /// the year has none.
    func addingYears(_ years: Int) -> MRZDate {
        MRZDate(year: year + years, month: month, day: min(day, MRZDate.daysIn(month: month, year: year + years)))!
    }
}

/// `7` as `07`.
func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
