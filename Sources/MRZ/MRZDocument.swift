/// A parsed and validated MRZ: what `docguard mrz` prints as the `mrz` object (SPEC.md).
/// Fields that can be read are filled even when the MRZ is invalid.
public struct MRZDocument: Sendable, Hashable {
    /// The format, or nil when the lines fit none.
    public var format: MRZFormat?
    /// Document code without fillers, e.g. `P`, `ID`, `V`.
    public var documentCode: String?
    /// Issuing state or organisation without fillers, e.g. `UTO`, `D`.
    public var issuingState: String?
    /// Document number without fillers; a TD1/TD2 long number reassembled.
    public var documentNumber: String?
    /// Nationality without fillers.
    public var nationality: String?
    /// Date of birth; nil when unknown or not a real date.
    public var birthDate: MRZDate?
    /// `M`, `F` or `X` (the filler); nil when the character is none of these.
    public var sex: String?
    /// Date of expiry (valid-until for visas); nil when not a real date.
    public var expiryDate: MRZDate?
    /// Optional data without leading and trailing fillers; what follows a long document number.
    public var optionalData: String?
    /// The second optional data field (TD1 line 2); nil for other formats.
    public var optionalData2: String?
    /// Primary identifier, inner fillers as spaces.
    public var surname: String?
    /// Secondary identifiers joined by one space.
    public var givenNames: String?
    /// The name fills its whole field, so it may have been truncated (e.g. ICAO 9303-4 §4.2.3).
    public var nameMayBeTruncated: Bool = false
    /// Each check digit's result.
    public var checks = MRZCheckResults()
    /// Everything wrong, and every known deviation (`MRZ_DEVIATION`), in the order found.
    public var findings: [MRZFinding] = []
    /// The lines as given (after repair, the repaired lines).
    public var lines: [[UInt8]]
    /// What OCR repair changed to reach `lines`; empty for a read taken as it was.
    public var corrections: [MRZCorrection] = []
    /// How OCR repair ended, when the lines went through it.
    public var repairOutcome: MRZRepairOutcome?

    /// An empty document over `lines`.
    public init(lines: [[UInt8]]) {
        self.lines = lines
    }

    /// Structure right and every check digit right: no finding but known deviations (`MRZ_DEVIATION`), which
    /// genuine documents print and which stay visible in `findings`.
    public var valid: Bool { findings.allSatisfy { !$0.code.isError } }

    /// True when OCR repair changed the read: a repaired MRZ is never passed off as read.
    public var isRepaired: Bool { !corrections.isEmpty }

    /// The distinct error codes, in SPEC.md order: the `errors` of the `mrz` object, so no `MRZ_DEVIATION`.
    public var errorCodes: [MRZErrorCode] {
        var seen = Set<MRZErrorCode>()
        for finding in findings where finding.code.isError { seen.insert(finding.code) }
        return seen.sorted()
    }

    /// The lines as text.
    public var lineTexts: [String] { lines.map { String(decoding: $0, as: UTF8.self) } }
}
