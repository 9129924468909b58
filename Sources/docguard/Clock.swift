import Foundation
import MRZ

/// The one place the CLI reads the wall clock; stages below get dates passed in.
enum Clock {
    /// The current year in UTC.
    static func currentYear() -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: Date())
    }

    /// Today in UTC, the default "as of" date.
    static func today() -> MRZDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return MRZDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Now, UTC, ISO 8601 to the second (`2026-11-24T18:00:00Z`).
    static func nowISO() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        return formatter.string(from: Date())
    }
}
