import MRZ

/// A date with a time of day, as `DTM+189` and `DTM+232` give departure and arrival (local time, no zone).
public struct PaxlstDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar date.
    public var date: MRZDate
    /// Hour, 0–23.
    public var hour: Int
    /// Minute, 0–59.
    public var minute: Int

    /// A date and time, or nil when the hour or minute is out of range.
    public init?(date: MRZDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// A date and time written as `description` writes it (`2007-04-29T12:30`), or nil.
    public init?(iso text: String) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = MRZDate(iso: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]),
            let minute = Int(clock[1])
        else { return nil }
        self.init(date: date, hour: hour, minute: minute)
    }

    /// ISO 8601 without zone, e.g. `2007-04-29T12:30`.
    public var description: String {
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(twoDigits(hour)):\(twoDigits(minute))"
    }

    /// Orders chronologically.
    public static func < (lhs: PaxlstDateTime, rhs: PaxlstDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute) < (rhs.date, rhs.hour, rhs.minute)
    }
}
