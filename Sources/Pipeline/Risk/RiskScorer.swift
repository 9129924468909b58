import Lists
import MRZ

/// The risk stage: weighs what the earlier stages found about one result into a score, a level and
/// readable reasons. Pure: the "as of" date is given, never read from a clock.
public struct RiskScorer: Sendable {
    /// A rule that applies to a result, and what was found, in words.
    typealias Finding = (rule: RiskRule, detail: String)

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
    public func assess(_ result: ScanReading, clone: CloneSighting? = nil) -> RiskAssessment {
        var found: [Finding] = []
        if let problem = Self.statusRule(result.status) {
            found.append((problem, result.problem?.detail ?? "the scan could not be read"))
        }
        if let document = result.document {
            // An API traveller's document is judged on the day the flight lands, the day it is shown at the border.
            let day = result.api?.judgedOn ?? asOf
            DocumentFindings.collect(document, asOf: day, policy: policy, into: &found)
        }
        if let ocr = result.ocr, result.status == .ok {
            OCRFindings.collect(ocr, policy: policy, into: &found)
        }
        if let visualZone = result.visualZone { VisualZoneFindings.collect(visualZone, into: &found) }
        // A result is clear only when a list was consulted: a read document without a verdict counts as unchecked.
        if result.status == .ok {
            ListFindings.collect(result.list ?? .notConsulted, into: &found)
        }
        if let clone {
            found.append((.clone, clone.detail))
        }
        return assessment(of: found)
    }

    /// Points from the policy, reasons most points first, the level from the score raised to every
    /// reason's floor. Most documents give no reason or one, so those cost no sorting.
    private func assessment(of found: [Finding]) -> RiskAssessment {
        var reasons: [RiskReason] = []
        reasons.reserveCapacity(found.count)
        var score = 0
        var floor = RiskLevel.clear
        for (rule, detail) in found {
            let points = policy.points[rule] ?? 0
            reasons.append(RiskReason(code: rule.code, points: points, detail: detail))
            score += points
            floor = max(floor, rule.floor)
        }
        if reasons.count > 1 { reasons.sort { ($1.points, $0.code, $0.detail) < ($0.points, $1.code, $1.detail) } }
        score = min(100, score)
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
