import Foundation
import VisualZone

/// What the visual zone check made of a set: each field's verdicts, and how many genuine pages it flagged
/// (`VIZ_MISMATCH`: a field that differs) against how many forged ones, by the way they were forged.
public struct VisualZoneTally: Sendable {
    /// Verdict counts per field.
    public private(set) var verdicts: [VisualField: [FieldVerdict: Int]] = [:]
    /// Genuine pages flagged, and genuine pages checked.
    public private(set) var genuine = (flagged: 0, total: 0)
    /// Forged pages flagged, and forged pages checked, by kind of forgery.
    public private(set) var tampered: [String: (flagged: Int, total: Int)] = [:]

    /// An empty tally.
    public init() {}

    /// Counts one page's check; `tampering` names its forgery, nil for a genuine page.
    public mutating func record(_ check: VisualZoneCheck, tampering: String?) {
        for field in VisualField.allCases { verdicts[field, default: [:]][check[field].verdict, default: 0] += 1 }
        let flagged = !check.differing.isEmpty
        if let tampering {
            var tally = tampered[tampering] ?? (0, 0)
            tally.total += 1
            if flagged { tally.flagged += 1 }
            tampered[tampering] = tally
        } else {
            genuine.total += 1
            if flagged { genuine.flagged += 1 }
        }
    }

    /// The section of the eval report: verdict shares per field, then the pages flagged.
    func report() -> String {
        let checked = genuine.total + tampered.values.map(\.total).reduce(0, +)
        guard checked > 0 else { return "" }
        var text = "\nvisual zone check, \(checked) scans read (VIZ_MISMATCH when a field differs)\n"
        text += "field              agrees differs  unread  agrees %\n"
        for field in VisualField.allCases {
            let counts = verdicts[field] ?? [:]
            let agrees = counts[.agrees] ?? 0
            text +=
                field.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(
                    format: " %6d  %6d  %6d  %6.1f %%\n", agrees, counts[.differs] ?? 0, counts[.unread] ?? 0,
                    100 * Double(agrees) / Double(checked))
        }
        text += Self.line("genuine pages flagged", genuine)
        if !tampered.isEmpty {
            let all = tampered.values.reduce((flagged: 0, total: 0)) { ($0.flagged + $1.flagged, $0.total + $1.total) }
            text += Self.line("tampered pages flagged", all)
            for (kind, tally) in tampered.sorted(by: { $0.key < $1.key }) { text += Self.line("  " + kind, tally) }
        }
        return text
    }

    private static func line(_ label: String, _ tally: (flagged: Int, total: Int)) -> String {
        label.padding(toLength: 24, withPad: " ", startingAt: 0)
            + String(
                format: "%4d / %4d  %6.1f %%\n", tally.flagged, tally.total,
                tally.total == 0 ? 0 : 100 * Double(tally.flagged) / Double(tally.total))
    }
}
