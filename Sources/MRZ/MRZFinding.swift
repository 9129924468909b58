/// A SPEC.md code for what the parser found in an MRZ: an error, or a known deviation from ICAO 9303 that
/// genuine documents print (`MRZ_DEVIATION`, docguard's addition), which is reported but is no error.
public enum MRZErrorCode: String, Sendable, CaseIterable, Comparable {
    /// Wrong length or line count, a bad character, a filler where data must be.
    case format = "FORMAT"
    /// A field check digit does not match (the finding names the field).
    case checkDigit = "CHECK_DIGIT"
    /// The composite check digit does not match.
    case compositeCheck = "COMPOSITE_CHECK"
    /// A date field that is not a real date.
    case dateInvalid = "DATE_INVALID"
    /// Issuing state or nationality is not an ICAO 9303 code.
    case unknownState = "UNKNOWN_STATE"
    /// Not as ICAO 9303 prints it, but as genuine documents of several issuers do: a name with no primary
    /// identifier (starting `<<`, where ICAO 9303-3 §4.6 puts a one-part name first) or `X` for an unspecified
    /// sex (ICAO 9303-4 note p: `<` in the MRZ, `X` only in the visual zone). Reported, not counted against
    /// `valid`.
    case deviation = "MRZ_DEVIATION"

    /// True for the codes that make an MRZ invalid: every code but `MRZ_DEVIATION`.
    public var isError: Bool { self != .deviation }

    /// Orders codes as declared, so error lists come out in one stable order.
    public static func < (lhs: MRZErrorCode, rhs: MRZErrorCode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The MRZ fields a finding can name, spelled as in the `mrz` object of SPEC.md.
public enum MRZField: String, Sendable, CaseIterable {
    case structure, documentCode, issuingState, name, documentNumber, nationality, birthDate, sex
    case expiryDate, optionalData, optionalData2, composite
}

/// One thing wrong with an MRZ, or one known deviation: a code, the field it concerns, and a sentence for a person.
/// Details never quote the holder's data.
public struct MRZFinding: Sendable, Hashable {
    /// The SPEC.md code.
    public let code: MRZErrorCode
    /// The field concerned.
    public let field: MRZField
    /// What is wrong, in words.
    public let detail: String

    /// A finding.
    public init(_ code: MRZErrorCode, _ field: MRZField, _ detail: String) {
        self.code = code
        self.field = field
        self.detail = detail
    }
}

/// The result of each check digit; nil where the format has none (or an empty optional field
/// carries `<` for its check digit, ICAO 9303-4 §4.2.2.2 position 43).
public struct MRZCheckResults: Sendable, Hashable {
    /// Document number check digit.
    public var documentNumber: Bool?
    /// Date of birth check digit.
    public var birthDate: Bool?
    /// Date of expiry check digit.
    public var expiryDate: Bool?
    /// Optional data (personal number) check digit; TD3 only.
    public var optionalData: Bool?
    /// Composite check digit; TD1, TD2, TD3.
    public var composite: Bool?

    /// No check digits.
    public init() {}

    /// True when every field check that exists passed (the composite not counted).
    public var fieldsPass: Bool {
        documentNumber != false && birthDate != false && expiryDate != false && optionalData != false
    }

    /// How many of the check digits the format has are right.
    public var passing: Int {
        [documentNumber, birthDate, expiryDate, optionalData, composite].filter { $0 == true }.count
    }

    /// True when every check that exists passed.
    public var allPass: Bool { fieldsPass && composite != false }
}
