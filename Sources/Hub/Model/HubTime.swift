import Foundation

/// Times as the hub writes them: ISO 8601 in UTC to the second, and ages in words.
enum HubTime {
    /// `2026-11-30T19:40:12Z`.
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// A time a post wrote as ISO 8601 text (`list_imported_at`); nil when it is not one.
    static func date(iso text: String) -> Date? { try? Date(text, strategy: .iso8601) }

    /// How long ago, in the largest whole unit: `45 s`, `12 min`, `3 h`, `2 d` (a clock ahead reads as `0 s`).
    static func age(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds))
        switch whole {
        case ..<120: return "\(whole) s"
        case ..<7200: return "\(whole / 60) min"
        case ..<172_800: return "\(whole / 3600) h"
        default: return "\(whole / 86400) d"
        }
    }
}
