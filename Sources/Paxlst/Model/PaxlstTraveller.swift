import MRZ

/// One travel document of a traveller (`DOC` with its `DTM+36` and `LOC+91`, PAXLST group 5).
public struct PaxlstTravelDocument: Sendable, Hashable {
    /// 1-based position among the traveller's documents.
    public var position: Int
    /// 1-based position of its `DOC` segment in the message.
    public var segmentPosition: Int
    /// The document type (`DOC` element 1, component 1): `P` passport, `V` visa, `I` identity card, `A`, `C`, …
    public var type: String
    /// The document number (`DOC` element 2); nil when missing, which makes the document unreadable.
    public var number: String?
    /// Date of expiry (`DTM+36`); nil when not sent or no date (then `issues` says so).
    public var expiryDate: MRZDate?
    /// Issuing state (`LOC+91`); nil when not sent.
    public var issuingState: String?
    /// What could not be read of this document.
    public var issues: [PaxlstIssue]

    /// A document.
    public init(
        position: Int, segmentPosition: Int, type: String, number: String?, expiryDate: MRZDate? = nil,
        issuingState: String? = nil, issues: [PaxlstIssue] = []
    ) {
        self.position = position
        self.segmentPosition = segmentPosition
        self.type = type
        self.number = number
        self.expiryDate = expiryDate
        self.issuingState = issuingState
        self.issues = issues
    }

    /// True when there is a number to screen: a document without one gets an `unreadable` result.
    public var isReadable: Bool { number != nil }

    /// Why the document cannot be screened, when it cannot.
    public var unreadableReason: PaxlstIssue? {
        isReadable ? nil : issues.first { $0.code == .missingDocumentNumber || $0.code == .malformedSegment }
    }
}

/// One passenger or crew member (`NAD+FL` / `NAD+FM` and what follows it, PAXLST group 4) with their documents.
public struct PaxlstTraveller: Sendable, Hashable {
    /// Passenger or crew member.
    public var role: PaxlstRole
    /// 1-based position of the message in the file.
    public var messagePosition: Int
    /// The message reference (`UNH` element 1).
    public var messageReference: String
    /// 1-based position among the message's travellers.
    public var position: Int
    /// 1-based position of the `NAD` segment in the message.
    public var segmentPosition: Int
    /// Surname as sent (`NAD` element 4, component 1).
    public var surname: String
    /// Given names as sent, one per component (`NAD` element 4, components 2…).
    public var givenNames: [String]
    /// `M`, `F`, `X` or `U` (`ATT+2`); nil when not sent or not one of these.
    public var sex: String?
    /// Date of birth (`DTM+329`); nil when not sent or no date.
    public var birthDate: MRZDate?
    /// Nationality (`NAT+2`).
    public var nationality: String?
    /// The travel documents in message order: a passport and a visa are two.
    public var documents: [PaxlstTravelDocument]
    /// What could not be read of the traveller outside their documents (a date, the name, no document at all).
    public var issues: [PaxlstIssue]

    /// A traveller.
    public init(
        role: PaxlstRole, messagePosition: Int, messageReference: String, position: Int, segmentPosition: Int,
        surname: String, givenNames: [String], sex: String? = nil, birthDate: MRZDate? = nil,
        nationality: String? = nil, documents: [PaxlstTravelDocument] = [], issues: [PaxlstIssue] = []
    ) {
        self.role = role
        self.messagePosition = messagePosition
        self.messageReference = messageReference
        self.position = position
        self.segmentPosition = segmentPosition
        self.surname = surname
        self.givenNames = givenNames
        self.sex = sex
        self.birthDate = birthDate
        self.nationality = nationality
        self.documents = documents
        self.issues = issues
    }

    /// The surname as the MRZ writes it (ICAO 9303-3 §6), to compare with `MRZDocument.surname`.
    public var mrzSurname: String { PaxlstName.mrz(surname) }

    /// The given names as the MRZ writes them, joined by one space, to compare with `MRZDocument.givenNames`.
    public var mrzGivenNames: String { PaxlstName.mrz(givenNames.joined(separator: " ")) }
}
