import Lists
import MRZ

/// The look-up stage for a scan: which of the documents read on it the result is about, and its list verdict.
enum ListLookup {
    /// The first document in reading order (`best`), unless another valid one on the scan (`valid`) is listed
    /// more strongly: the officer must see a listed document wherever it stands. The verdict is nil without
    /// lists; a store that fails gives an unchecked verdict, never an error.
    static func choose(_ best: PageDocument, among valid: [PageDocument], matcher: ListMatcher?)
        -> (document: PageDocument, verdict: ListVerdict?)
    {
        guard let matcher else { return (best, nil) }
        var chosen = (document: best, verdict: verdict(of: best.reading.document, by: matcher))
        for other in valid where other.reading.document.lines != chosen.document.reading.document.lines {
            let otherVerdict = verdict(of: other.reading.document, by: matcher)
            if strength(of: otherVerdict) > strength(of: chosen.verdict) { chosen = (other, otherVerdict) }
        }
        return (chosen.document, chosen.verdict)
    }

    private static func verdict(of document: MRZDocument, by matcher: ListMatcher) -> ListVerdict {
        matcher.verdictOrUnavailable(issuingState: document.issuingState, documentNumber: document.documentNumber)
    }

    /// How strongly a verdict lists its document: an exact or range hit over a fuzzy one over none.
    private static func strength(of verdict: ListVerdict) -> Int {
        guard let match = verdict.match else { return 0 }
        return match == .fuzzy ? 1 : 2
    }
}
