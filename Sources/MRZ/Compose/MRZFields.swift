/// The data of one document, as an issuer would write it into an MRZ.
public struct MRZFields: Sendable, Hashable {
    /// The format to write.
    public var format: MRZFormat
    /// Document code, e.g. `P`, `ID`, `V`.
    public var documentCode: String
    /// Issuing state code.
    public var issuingState: String
    /// Primary identifier; spaces separate its components.
    public var surname: String
    /// Secondary identifiers; spaces separate them.
    public var givenNames: String
    /// Document number; more than 9 characters continue in the optional data (TD1, TD2).
    public var documentNumber: String
    /// Nationality code.
    public var nationality: String
    /// Date of birth as printed, YYMMDD (may hold `<` for unknown parts).
    public var birthDate: String
    /// `M`, `F`, or `<` (unspecified).
    public var sex: String
    /// Date of expiry as printed, YYMMDD.
    public var expiryDate: String
    /// Optional data (TD3: personal number).
    public var optionalData: String
    /// Second optional data field (TD1 only).
    public var optionalData2: String
    /// For an empty TD3 personal number: its check digit is `<` (true) or `0` (false).
    public var emptyOptionalCheckIsFiller: Bool

    /// All fields.
    public init(
        format: MRZFormat, documentCode: String, issuingState: String, surname: String, givenNames: String,
        documentNumber: String, nationality: String, birthDate: String, sex: String, expiryDate: String,
        optionalData: String = "", optionalData2: String = "", emptyOptionalCheckIsFiller: Bool = true
    ) {
        self.format = format
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.surname = surname
        self.givenNames = givenNames
        self.documentNumber = documentNumber
        self.nationality = nationality
        self.birthDate = birthDate
        self.sex = sex
        self.expiryDate = expiryDate
        self.optionalData = optionalData
        self.optionalData2 = optionalData2
        self.emptyOptionalCheckIsFiller = emptyOptionalCheckIsFiller
    }

    /// The name field's content: primary components joined by `<`, then `<<` and the secondary ones
    /// (ICAO 9303-3 §4.6).
    public var nameField: String {
        func components(_ text: String) -> String {
            text.split(separator: " ").joined(separator: "<")
        }
        let primary = components(surname)
        let secondary = components(givenNames)
        return secondary.isEmpty ? primary : primary + "<<" + secondary
    }
}
