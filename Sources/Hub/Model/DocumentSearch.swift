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

    /// Every number that folds to `folded` — each digit OCR confuses with a letter written either way — so the
    /// database can find fuzzy matches through its index on the number; nil when there would be more than
    /// `limit` (then the database folds every number itself, `foldTable`, which reads the whole table).
    func spellings(atMost limit: Int = maximumSpellings) -> [String]? {
        var spellings: [[UInt8]] = [[]]
        for byte in folded.utf8 {
            let twins = Self.twins[byte] ?? [byte]
            guard spellings.count * twins.count <= limit else { return nil }
            spellings = spellings.flatMap { spelling in twins.map { spelling + [$0] } }
        }
        return spellings.map { String(decoding: $0, as: UTF8.self) }
    }

    /// More spellings than this are not listed (a number of 12 confusable characters has 4096).
    static let maximumSpellings = 4096

    /// For each digit a letter folds to, the digit and those letters.
    private static let twins: [UInt8: [UInt8]] = {
        var twins: [UInt8: [UInt8]] = [:]
        for letter in UInt8(ascii: "A")...UInt8(ascii: "Z") where DocumentNumber.fold(letter) != letter {
            twins[DocumentNumber.fold(letter), default: [DocumentNumber.fold(letter)]].append(letter)
        }
        return twins
    }()

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
