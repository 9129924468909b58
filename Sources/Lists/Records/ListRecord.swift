/// The status of a listed document (SPEC.md list format). `withdrawn` appears only in delta files and
/// removes the record; it is never stored.
public enum ListStatus: String, Sendable, CaseIterable, Comparable {
    case stolen
    case lost
    case revoked
    case invalidated
    case stolenBlank = "stolen_blank"
    case withdrawn

    public static func < (lhs: ListStatus, rhs: ListStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One stolen, lost or otherwise invalid document, or a range of stolen blank documents, as stored.
/// Issuing state and numbers are held normalised (upper case, no fillers, spaces or dashes).
public struct ListRecord: Sendable, Equatable, Hashable {
    /// The list owner's identifier; importing the same id again replaces the record.
    public var recordID: String
    /// ICAO 9303 code of the issuing state, e.g. `UKR`, or `D` for Germany.
    public var issuingState: String
    /// The document number (the range's first number when `numberTo` is set).
    public var documentNumber: String
    /// Document type as listed (`P`, `ID`, ...), if given.
    public var documentType: String?
    /// What happened to the document.
    public var status: ListStatus
    /// Date reported, `YYYY-MM-DD`, if given.
    public var reportedOn: String?
    /// Last number of a range of stolen blank documents, inclusive.
    public var numberTo: String?

    /// A record with every field given.
    public init(
        recordID: String, issuingState: String, documentNumber: String, documentType: String? = nil,
        status: ListStatus, reportedOn: String? = nil, numberTo: String? = nil
    ) {
        self.recordID = recordID
        self.issuingState = issuingState
        self.documentNumber = documentNumber
        self.documentType = documentType
        self.status = status
        self.reportedOn = reportedOn
        self.numberTo = numberTo
    }

    /// The number with OCR-confusable letters folded to digits: the key fuzzy matching compares.
    public var foldedNumber: String { DocumentNumber.folded(documentNumber) }
}

/// One change an import file asks for.
public enum ListChange: Sendable, Equatable {
    /// Add the record, or replace the stored record with the same id.
    case upsert(ListRecord)
    /// Remove the record with this id (`status: withdrawn`).
    case withdraw(recordID: String)
}
