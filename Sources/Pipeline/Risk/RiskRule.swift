/// The checks the risk stage makes, one weight each in the risk policy (`Models/risk.yaml`). A rule emits
/// one reason code; some codes come from more than one rule (a composite failure alone is weighed apart
/// from one beside a failed field check). Each rule's `floor` is the least level its reason gives, whatever
/// the weights.
public enum RiskRule: String, Sendable, CaseIterable {
    /// The number is listed stolen (also a stolen blank range).
    case listStolen = "LIST_STOLEN"
    /// The number is listed lost.
    case listLost = "LIST_LOST"
    /// The number is listed revoked or invalidated.
    case listRevoked = "LIST_REVOKED"
    /// The number matches a listed one only under OCR confusions.
    case listFuzzy = "LIST_FUZZY"
    /// The list check could not be made (store down).
    case listUnchecked = "LIST_UNCHECKED"
    /// The same issuing state and number seen with a different holder.
    case clone = "CLONE"
    /// Only the composite check digit fails while every field digit is right: the data may have been altered.
    case compositeOnly = "COMPOSITE_ONLY"
    /// The composite fails beside a failed field check digit.
    case compositeCheck = "COMPOSITE_CHECK"
    /// A field check digit is wrong and repair could not explain it.
    case checkDigit = "CHECK_DIGIT"
    /// Wrong structure, a bad character, a filler where data must be.
    case format = "FORMAT"
    /// A date field that is not a real date.
    case dateInvalid = "DATE_INVALID"
    /// The holder would be older than the policy's `max_age_years`.
    case implausibleAge = "IMPLAUSIBLE_AGE"
    /// Born after the as-of date.
    case birthInFuture = "BIRTH_IN_FUTURE"
    /// Expires before the holder was born.
    case expiryBeforeBirth = "EXPIRY_BEFORE_BIRTH"
    /// Expired before the as-of date.
    case expired = "EXPIRED"
    /// Issuing state or nationality not an ICAO 9303 code.
    case unknownState = "UNKNOWN_STATE"
    /// The printed page shows another value than the MRZ for one field.
    case vizMismatch = "VIZ_MISMATCH"
    /// The printed page shows other values than the MRZ for two fields or more.
    case vizMismatchSeveral = "VIZ_MISMATCH_SEVERAL"
    /// A known deviation from ICAO 9303 that genuine documents print (a name starting `<<`, `X` for sex).
    case mrzDeviation = "MRZ_DEVIATION"
    /// A specimen document (issuing state UTO, specimen names or numbers).
    case specimen = "SPECIMEN"
    /// OCR's mean confidence below the policy's `low_confidence_below`.
    case lowConfidence = "LOW_CONFIDENCE"
    /// Check-digit-driven repair changed a few characters.
    case repaired = "REPAIRED"
    /// Repair changed at least the policy's `repaired_many_characters`.
    case repairedMany = "REPAIRED_MANY"
    /// The scan shows other documents' MRZs that the result does not screen (docguard's addition).
    case severalDocuments = "SEVERAL_DOCUMENTS"
    /// No MRZ on the page.
    case noMRZ = "NO_MRZ"
    /// An MRZ was found but not read.
    case unreadable = "UNREADABLE"
    /// The file is not a decodable image.
    case badFile = "BAD_FILE"

    /// The reason code the rule writes.
    public var code: ReasonCode { Self.codes[self]! }

    /// Each rule's code, worked out once: from the name, where the rule is not one of several behind a code.
    private static let codes = [RiskRule: ReasonCode](
        uniqueKeysWithValues: allCases.map { rule in
            switch rule {
            case .compositeOnly: return (rule, .compositeCheck)
            case .implausibleAge: return (rule, .dateInvalid)
            case .repairedMany: return (rule, .repaired)
            case .vizMismatchSeveral: return (rule, .vizMismatch)
            default: return (rule, ReasonCode(rawValue: rule.rawValue)!)
            }
        })

    /// The least level a reason from this rule gives: an exact list hit, a possibly altered MRZ and a page that
    /// prints two fields otherwise than its MRZ are always `alert`; a fuzzy hit, an unexplained check-digit failure,
    /// an unchecked list, one field printed otherwise and a scan that could not be read always need a look.
    public var floor: RiskLevel {
        switch self {
        case .listStolen, .listLost, .listRevoked, .compositeOnly, .vizMismatchSeveral: return .alert
        case .listFuzzy, .listUnchecked, .checkDigit, .compositeCheck, .severalDocuments, .noMRZ, .unreadable,
            .badFile, .vizMismatch:
            return .review
        default: return .clear
        }
    }
}
