/// A SPEC.md reason code: why a result needs a look. `LIST_UNCHECKED` is docguard's addition for a
/// document whose list check could not be made (store down): such a document is never cleared.
/// `MRZ_DEVIATION` is docguard's addition for a known deviation from ICAO 9303 that genuine documents print
/// (a name starting `<<`, `X` for sex): weighed low, never a structure failure. `SEVERAL_DOCUMENTS` is docguard's
/// addition for a scan showing more than one document's MRZ: the result screens the first, the others were not.
/// `VIZ_MISMATCH` (SPEC.md additions): the printed page shows another value than the MRZ for a field.
public enum ReasonCode: String, Sendable, CaseIterable, Comparable {
    case listStolen = "LIST_STOLEN"
    case listLost = "LIST_LOST"
    case listRevoked = "LIST_REVOKED"
    case listFuzzy = "LIST_FUZZY"
    case listUnchecked = "LIST_UNCHECKED"
    case clone = "CLONE"
    case compositeCheck = "COMPOSITE_CHECK"
    case checkDigit = "CHECK_DIGIT"
    case format = "FORMAT"
    case dateInvalid = "DATE_INVALID"
    case birthInFuture = "BIRTH_IN_FUTURE"
    case expiryBeforeBirth = "EXPIRY_BEFORE_BIRTH"
    case expired = "EXPIRED"
    case unknownState = "UNKNOWN_STATE"
    /// The printed page (visual inspection zone) shows another value than the MRZ; the detail names the fields.
    case vizMismatch = "VIZ_MISMATCH"
    /// A known deviation from ICAO 9303 that genuine documents print; weighed low.
    case mrzDeviation = "MRZ_DEVIATION"
    case specimen = "SPECIMEN"
    case lowConfidence = "LOW_CONFIDENCE"
    case repaired = "REPAIRED"
    /// Other documents' MRZs on the same scan, not screened by this result; at least a review.
    case severalDocuments = "SEVERAL_DOCUMENTS"
    case noMRZ = "NO_MRZ"
    case unreadable = "UNREADABLE"
    case badFile = "BAD_FILE"

    /// Declaration order: the order reasons of equal points are listed in.
    public static func < (lhs: ReasonCode, rhs: ReasonCode) -> Bool { ranks[lhs]! < ranks[rhs]! }

    private static let ranks = [ReasonCode: Int](uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}

/// What an officer is asked to do with a result (SPEC.md `risk.level`), in rising order.
public enum RiskLevel: String, Sendable, CaseIterable, Comparable {
    /// Nothing found: let the traveller through.
    case clear
    /// Something an officer should look at before deciding.
    case review
    /// Stop: a listed document or signs of forgery.
    case alert

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .clear: return 0
        case .review: return 1
        case .alert: return 2
        }
    }
}

/// One reason behind a score: a code, the points it adds, and a sentence for the officer.
public struct RiskReason: Sendable, Equatable {
    /// The SPEC.md code.
    public var code: ReasonCode
    /// Points added to the score (from the risk policy).
    public var points: Int
    /// What was found, in words.
    public var detail: String

    /// A reason.
    public init(code: ReasonCode, points: Int, detail: String) {
        self.code = code
        self.points = points
        self.detail = detail
    }
}

/// The risk stage's decision on one result (SPEC.md `risk` object).
public struct RiskAssessment: Sendable, Equatable {
    /// 0–100: the reasons' points, capped at 100.
    public var score: Int
    /// What to do: from the score by the policy's thresholds, raised by rules that hold whatever the
    /// weights (an exact list hit is always `alert`, …).
    public var level: RiskLevel
    /// Every reason, most points first.
    public var reasons: [RiskReason]
    /// The policy version that weighed them.
    public var policyVersion: String
}
