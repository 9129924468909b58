/// A fault the generator plants in one message, each the kind of breakage the reader must report by position
/// while still returning every traveller.
public enum PaxlstFault: String, Sendable, Hashable, CaseIterable {
    /// `CNT+42` declares one traveller more than the message holds.
    case wrongTravellerCount
    /// `UNT` counts two segments more than the message has.
    case wrongSegmentCount
    /// The message has no `UNT`.
    case missingTrailer
    /// The first traveller's date of birth is month 13.
    case invalidDate
    /// A segment with a tag PAXLST does not have, after the first traveller's `NAD`.
    case unknownSegment
    /// The first traveller's first `DOC` has no document number.
    case missingDocumentNumber

    /// The issue the reader reports for this fault.
    public var issueCode: PaxlstIssue.Code {
        switch self {
        case .wrongTravellerCount: .travellerCountMismatch
        case .wrongSegmentCount: .segmentCountMismatch
        case .missingTrailer: .missingMessageTrailer
        case .invalidDate: .invalidDate
        case .unknownSegment: .unknownSegment
        case .missingDocumentNumber: .missingDocumentNumber
        }
    }
}

/// A document a list holds, for the generator to give a traveller (a planted list hit).
public struct PaxlstListedDocument: Sendable, Hashable {
    /// Issuing state, e.g. `UKR`.
    public var issuingState: String
    /// Document number.
    public var number: String
    /// Document type: `P`, `I`, or `V` (a visa, added beside the traveller's passport).
    public var type: String

    /// A listed document.
    public init(issuingState: String, number: String, type: String = "P") {
        self.issuingState = issuingState
        self.number = number
        self.type = type
    }
}
