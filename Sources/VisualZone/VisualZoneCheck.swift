/// A field of the MRZ that the printed page also shows, named as in the result's `mrz` object.
public enum VisualField: String, Sendable, CaseIterable, Comparable {
    case documentNumber, surname, givenNames, birthDate, expiryDate, sex

    /// In the order the result lists them.
    public static func < (lhs: VisualField, rhs: VisualField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the page says about one field against the MRZ.
public enum FieldVerdict: String, Sendable {
    /// The page prints the MRZ's value.
    case agrees
    /// The page clearly prints another value of that kind where the field is.
    case differs
    /// The page could not be read well enough to say.
    case unread
}

/// One field's verdict, with the value as the page prints it (nil when unread) and where it stands.
public struct FieldComparison: Sendable, Hashable {
    /// The verdict.
    public var verdict: FieldVerdict
    /// The value as read on the page: the one that agrees, or the other value; nil when unread.
    public var printed: String?
    /// Where that value stands on the page view, nil when unread.
    public var box: PrintedBox?

    /// A verdict with what backs it.
    public init(verdict: FieldVerdict, printed: String? = nil, box: PrintedBox? = nil) {
        self.verdict = verdict
        self.printed = printed
        self.box = box
    }

    /// Nothing on the page to say either way.
    public static let unread = FieldComparison(verdict: .unread)
}

/// The visual zone held against the MRZ: a verdict per field.
public struct VisualZoneCheck: Sendable, Hashable {
    /// Every field's comparison.
    public var fields: [VisualField: FieldComparison]

    /// A check with these comparisons.
    public init(fields: [VisualField: FieldComparison]) { self.fields = fields }

    /// The fields the page prints otherwise than the MRZ, in result order.
    public var differing: [VisualField] { fields.filter { $0.value.verdict == .differs }.keys.sorted() }

    /// The comparison of `field` (unread when absent).
    public subscript(field: VisualField) -> FieldComparison { fields[field] ?? .unread }
}
