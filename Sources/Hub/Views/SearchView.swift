import Foundation
import Pipeline
import Plumbing

/// Results by document number, exact and OCR-fuzzy: the form, and what it found.
struct SearchView {
    /// What was typed; nil before a search.
    var typed: String?
    /// The search made of it; nil when nothing was typed or it is no document number.
    var search: DocumentSearch?
    var hits: [SearchHit]

    func html(now: Date) -> String {
        var body = """
            <form class="search" method="get" action="/search">
            <label for="number">Document number</label>
            <input id="number" name="number" value="\(HTMLText.escaped(typed ?? ""))" autocomplete="off" \
            maxlength="\(DocumentSearch.maximumLength)">
            <button type="submit">Search</button>
            </form>

            """
        if let typed, search == nil {
            body +=
                "<p class=\"problem\">“\(HTMLText.escaped(typed))” is not a document number: type its letters and "
                + "digits (spaces, dashes and &lt; are left out).</p>\n"
        }
        if let search {
            let fuzzy = hits.filter(\.fuzzy).count
            body +=
                "<section>\n<h2>\(HTMLText.escaped(search.normalized)): \(hits.count - fuzzy) exact, \(fuzzy) fuzzy</h2>\n"
            body +=
                "<p class=\"meta\">A <span class=\"badge fuzzy\">fuzzy</span> match differs from the number "
                + "searched only where OCR confuses letters and digits (O/0, I/1, B/8, S/5, Z/2, G/6): check the "
                + "document itself.</p>\n"
            if hits.isEmpty {
                body += "<p class=\"none\">No post has forwarded a result with this number.</p>\n"
            } else {
                let match = Dictionary(hits.map { ($0.result.id, $0.match) }, uniquingKeysWith: { first, _ in first })
                body += HubPage.resultsTable(hits.map(\.result), match: match)
            }
            body += "</section>\n"
        }
        return HubPage.render(title: "Search", section: .search, now: now, body: body)
    }

    var json: JSONObject {
        [
            "folded": .string(search?.folded), "number": .string(search?.normalized),
            "results": .array(hits.map { .object($0.result.json.merging(["match": .string($0.match)])) }),
        ]
    }
}
