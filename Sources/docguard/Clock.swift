import Foundation

/// The one place the CLI reads the wall clock; stages below get dates passed in.
enum Clock {
    /// The current year in UTC.
    static func currentYear() -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: Date())
    }
}
