/// A calendar date read from an MRZ YYMMDD field (ICAO 9303-3 §4.8).
public struct MRZDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Full year, e.g. 1974.
    public let year: Int
    /// Month, 1–12.
    public let month: Int
    /// Day of month, 1–31.
    public let day: Int

    /// A date, or nil when the day does not exist in that month and year (e.g. 29 February 2031).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= MRZDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 `YYYY-MM-DD` (written in place: ten bytes fit a string without a heap buffer).
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { bytes in
            func put(_ value: Int, digits: Int, at start: Int) {
                var remaining = value
                for index in (start..<start + digits).reversed() {
                    bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                }
            }
            put(year, digits: 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            return 10
        }
    }

    /// Whole years from `earlier` to this date (an age on this day); nil when `earlier` is later.
    public func years(since earlier: MRZDate) -> Int? {
        guard earlier <= self else { return nil }
        let before = (month, day) < (earlier.month, earlier.day)
        return year - earlier.year - (before ? 1 : 0)
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = MRZDate.number(bytes[0..<4]), let month = MRZDate.number(bytes[5..<7]),
            let day = MRZDate.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Orders chronologically.
    public static func < (lhs: MRZDate, rhs: MRZDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The number of days in `month` of `year` (Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The decimal value of an all-digit run, or nil.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard MRZCharacter.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte &- 0x30)
        }
        return value
    }
}

/// How a two-digit MRZ year becomes a full year.
public enum CenturyRule: Sendable {
    /// Birth dates: 20YY when YY is not after the current year's YY, else 19YY (SPEC.md).
    case birth(currentYear: Int)
    /// Expiry dates: always 20YY (SPEC.md).
    case expiry

    func fullYear(_ twoDigits: Int) -> Int {
        switch self {
        case .birth(let currentYear): return twoDigits <= currentYear % 100 ? 2000 + twoDigits : 1900 + twoDigits
        case .expiry: return 2000 + twoDigits
        }
    }
}

/// What an MRZ date field holds.
public enum MRZDateField: Sendable, Equatable {
    /// A real date.
    case date(MRZDate)
    /// All or part filled with `<`: unknown, allowed for dates of birth (ICAO 9303-3 §4.8).
    case unknown
    /// Digits that are not a real date (31 February, month 13), or characters that are not digits.
    case invalid

    /// Reads a 6-character YYMMDD field.
    static func read(_ bytes: ArraySlice<UInt8>, rule: CenturyRule) -> MRZDateField {
        guard bytes.count == 6 else { return .invalid }
        if bytes.contains(MRZCharacter.filler) {
            return bytes.allSatisfy({ MRZCharacter.isDigit($0) || $0 == MRZCharacter.filler }) ? .unknown : .invalid
        }
        let start = bytes.startIndex
        guard let yy = MRZDate.number(bytes[start..<(start + 2)]),
            let month = MRZDate.number(bytes[(start + 2)..<(start + 4)]),
            let day = MRZDate.number(bytes[(start + 4)..<(start + 6)]),
            let date = MRZDate(year: rule.fullYear(yy), month: month, day: day)
        else { return .invalid }
        return .date(date)
    }

    /// The date, when there is one.
    public var date: MRZDate? {
        if case .date(let date) = self { return date }
        return nil
    }
}
