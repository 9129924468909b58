/// How a listed record matched a document.
public enum ListMatchKind: String, Sendable, Comparable {
    /// Same issuing state, same normalised number.
    case exact
    /// Same issuing state, number inside a listed range of stolen blank documents.
    case range
    /// Same issuing state; the numbers are equal only when OCR confusions (O/0, I/1, B/8, S/5, Z/2, G/6)
    /// are taken as equal.
    case fuzzy

    private var strength: Int {
        switch self {
        case .exact: 0
        case .range: 1
        case .fuzzy: 2
        }
    }

    /// Stronger matches first.
    public static func < (lhs: ListMatchKind, rhs: ListMatchKind) -> Bool { lhs.strength < rhs.strength }
}

/// One listed record a document matched.
public struct ListHit: Sendable, Equatable {
    /// The listed record (for a fuzzy match it names the listed number).
    public var record: ListRecord
    /// How it matched.
    public var kind: ListMatchKind

    /// A hit.
    public init(record: ListRecord, kind: ListMatchKind) {
        self.record = record
        self.kind = kind
    }
}

/// The list stage's answer for one document: every record it matched, strongest first.
public struct ListVerdict: Sendable, Equatable {
    /// False when the document's issuing state or number could not be read, so nothing was looked up.
    public var checked: Bool
    /// Matches, strongest kind first, then by record id.
    public var hits: [ListHit]
    /// Version label of the list consulted.
    public var listVersion: String?
    /// Generation of the list consulted (`ListInfo.generation`): with the version, which list exactly.
    public var listGeneration: Int?
    /// Why the list could not be consulted (store unreachable), when it could not.
    public var unavailable: String?

    /// A verdict; `hits` are put in order.
    public init(
        checked: Bool, hits: [ListHit], listVersion: String?, listGeneration: Int? = nil, unavailable: String? = nil
    ) {
        self.checked = checked
        self.hits = hits.sorted { ($0.kind, $0.record.recordID) < ($1.kind, $1.record.recordID) }
        self.listVersion = listVersion
        self.listGeneration = listGeneration
        self.unavailable = unavailable
    }

    /// Whether anything matched.
    public var hit: Bool { !hits.isEmpty }
    /// The strongest match, nil when nothing matched.
    public var match: ListMatchKind? { hits.first?.kind }
}
