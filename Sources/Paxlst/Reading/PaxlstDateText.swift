import MRZ

/// Reads the date/time/period of a `DTM` (C507 component 2) by its format code (component 3) or, when the
/// sender leaves that out, by its length: `101` YYMMDD, `102` CCYYMMDD, `201` YYMMDDHHMM, `203` CCYYMMDDHHMM
/// (UN/EDIFACT code list 2379).
enum PaxlstDateText {
    /// How a two-digit year becomes a full year.
    enum Century {
        /// The latest year that is not after `year` (dates of birth, judged against the flight's year).
        case notAfter(year: Int)
        /// 20YY (expiry dates, flight times; as SPEC.md reads MRZ expiry dates).
        case twentyFirst

        func fullYear(_ twoDigits: Int) -> Int {
            switch self {
            case .notAfter(let year):
                let candidate = year / 100 * 100 + twoDigits
                return candidate > year ? candidate - 100 : candidate
            case .twentyFirst: return 2000 + twoDigits
            }
        }
    }

    /// The date and, for the date-time formats, the time; nil when the text is no date or fits no format.
    static func read(_ text: String, format: String, century: Century) -> (date: MRZDate, time: (Int, Int)?)? {
        let digits = Array(text.utf8)
        guard digits.allSatisfy(MRZCharacter.isDigit) else { return nil }
        let expected: Int? =
            switch format {
            case "101": 6
            case "102": 8
            case "201": 10
            case "203": 12
            default: nil
            }
        guard [6, 8, 10, 12].contains(digits.count), expected == nil || expected == digits.count else { return nil }
        func number(_ start: Int, _ length: Int) -> Int {
            digits[start..<(start + length)].reduce(0) { $0 * 10 + Int($1 &- 0x30) }
        }
        let fullYear = digits.count == 8 || digits.count == 12
        let year = fullYear ? number(0, 4) : century.fullYear(number(0, 2))
        let rest = fullYear ? 4 : 2
        guard let date = MRZDate(year: year, month: number(rest, 2), day: number(rest + 2, 2)) else { return nil }
        guard digits.count > rest + 4 else { return (date, nil) }
        let (hour, minute) = (number(rest + 4, 2), number(rest + 6, 2))
        guard hour < 24, minute < 60 else { return nil }
        return (date, (hour, minute))
    }
}
