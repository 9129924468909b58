import VisualZone

/// The risk reason of the visual zone check: the fields the printed page shows otherwise than the MRZ, named but
/// not their values (the result's `viz` object has those). Only `differs` counts: a page read badly is no finding.
enum VisualZoneFindings {
    /// Adds `VIZ_MISMATCH` to `found` when `check` has a field that differs; two or more weigh as an alert.
    static func collect(_ check: VisualZoneCheck, into found: inout [RiskScorer.Finding]) {
        let differing = check.differing
        guard !differing.isEmpty else { return }
        let names = differing.map(\.rawValue).joined(separator: ", ")
        let what = differing.count == 1 ? "field" : "fields"
        found.append(
            (
                differing.count == 1 ? .vizMismatch : .vizMismatchSeveral,
                "the printed page shows another value than the MRZ for the \(what) \(names)"
            ))
    }
}
