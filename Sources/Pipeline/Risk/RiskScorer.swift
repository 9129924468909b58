import Lists
import MRZ

/// The risk stage: weighs what the earlier stages found about one result into a score, a level and
/// readable reasons. Pure: the "as of" date is given, never read from a clock.
public struct RiskScorer: Sendable {
    /// Weights and thresholds.
    public let policy: RiskPolicy
    /// The day expiry and age are judged against.
    public let asOf: MRZDate

    /// A scorer under `policy`, judging dates as of `asOf`.
    public init(policy: RiskPolicy, asOf: MRZDate) {
        self.policy = policy
        self.asOf = asOf
    }

    /// The assessment of `result`; `clone` when the same document was seen with another holder.
    public func assess(_ result: ScanResult, clone: CloneSighting? = nil) -> RiskAssessment {
        var found: [(RiskRule, String)] = []
        if let problem = Self.statusRule(result.status) {
            found.append((problem, result.problem?.detail ?? "the scan could not be read"))
        }
        if let document = result.document {
            found += DocumentFindings.reasons(document, asOf: asOf, policy: policy)
        }
        if let ocr = result.ocr, result.status == .ok {
            found += OCRFindings.reasons(ocr, policy: policy)
        }
        if let list = result.list {
            found += ListFindings.reasons(list)
        }
        if let clone {
            found.append((.clone, clone.detail))
        }
        return assessment(of: found)
    }

    /// Points from the policy, reasons most points first, the level from the score raised to every
    /// reason's floor.
    private func assessment(of found: [(rule: RiskRule, detail: String)]) -> RiskAssessment {
        let reasons = found.map { RiskReason(code: $0.rule.code, points: policy.points[$0.rule] ?? 0, detail: $0.detail) }
            .sorted { ($1.points, $0.code, $0.detail) < ($0.points, $1.code, $1.detail) }
        let score = min(100, reasons.reduce(0) { $0 + $1.points })
        let floor = found.map(\.rule.floor).max() ?? .clear
        return RiskAssessment(
            score: score, level: max(policy.level(forScore: score), floor), reasons: reasons,
            policyVersion: policy.version)
    }

    private static func statusRule(_ status: ScanResult.Status) -> RiskRule? {
        switch status {
        case .ok: return nil
        case .noMRZ: return .noMRZ
        case .unreadable: return .unreadable
        case .error: return .badFile
        }
    }
}
