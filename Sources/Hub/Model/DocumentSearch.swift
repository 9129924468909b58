import Lists

/// A document number typed into the search, in the forms the list matcher compares (`DocumentNumber`): a result
/// matches exactly when its number is the normal form, and OCR-fuzzily when only the folded forms agree (O/0, I/1,
/// B/8, S/5, Z/2, G/6), as `LIST_FUZZY` does for the lists.
struct DocumentSearch: Sendable, Equatable {
    /// Upper case, fillers, spaces and dashes removed.
    var normalized: String
    /// `normalized` with each confusable letter folded to its digit.
    var folded: String

    /// Numbers longer than this are refused (the longest MRZ document number, TD1 long form, is far shorter).
    static let maximumLength = 40

    /// The search for `typed`; nil when it is no document number (empty, too long, or not letters and digits).
    init?(typed: String) {
        guard typed.utf8.count <= Self.maximumLength, let normalized = DocumentNumber.normalized(typed) else {
            return nil
        }
        self.normalized = normalized
        folded = DocumentNumber.folded(normalized)
    }

    /// The letters `DocumentNumber.fold` changes and their digits, in matching order, for SQL's `translate`:
    /// the database folds its numbers exactly as the list matcher does.
    static let foldTable: (letters: String, digits: String) = {
        let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).filter { DocumentNumber.fold($0) != $0 }
        return (
            String(decoding: letters, as: UTF8.self), String(decoding: letters.map(DocumentNumber.fold), as: UTF8.self)
        )
    }()
}

/// A result the search found, and whether only under OCR confusions.
struct SearchHit: Sendable, Equatable {
    var result: ResultSummary
    /// The result's number differs from the one searched, but folds to the same.
    var fuzzy: Bool

    /// `exact` or `fuzzy`.
    var match: String { fuzzy ? "fuzzy" : "exact" }
}
