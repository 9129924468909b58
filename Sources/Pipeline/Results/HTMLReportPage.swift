import Foundation
import Lists
import MRZ
import OCR
import Plumbing
import VisualZone

/// The report's HTML, made from the counts and the results that need a look.
struct HTMLReportPage {
    var context: ReportContext
    var total: Int
    var counts: [RiskLevel: Int]
    var reasonCounts: [ReasonCode: Int]
    var needsLook: [ReportCard]
    var cleared: [String]
    /// What one result is: `scan`, or `document` when every result is an API traveller document.
    var unit = "scan"

    /// Where a result came from: its file, its record number for screened text, or for an API traveller document
    /// the flight, the traveller's place and the document (`UA123 YVR→JFK · message 1, passenger 3 · P, document 1
    /// · FILE record 5`).
    static func source(of result: ScanResult) -> String {
        guard let api = result.api else { return result.file ?? "record \(result.record ?? 0)" }
        let document = api.documentType.map { "\($0), document \(api.document ?? 1)" } ?? "no document"
        return "\(flight(of: api)) · message \(api.message), \(api.role) \(api.traveller) · \(document) · "
            + "\(result.file ?? "") record \(result.record ?? 0)"
    }

    /// A flight in words: `UA123 YVR→JFK`, with the arrival time when sent.
    static func flight(of api: APIContext) -> String {
        var text = (api.flight ?? "no flight") + " " + (api.departure?.place ?? "?") + "→" + (api.arrival?.place ?? "?")
        if let time = api.arrival?.time { text += " arriving \(time)" }
        return text
    }

    func render() -> String {
        var html =
            HTMLPage.head(title: context.title) + """
                <header>
                <h1>\(HTMLText.escaped(context.title))</h1>
                <p class="meta">\(total) \(unit)\(total == 1 ? "" : "s") · as of \(HTMLText.escaped(context.asOf)) · risk policy \
                \(HTMLText.escaped(context.policyVersion)) · \(context.listVersion.map { "list \(HTMLText.escaped($0))" } ?? "no list checked")</p>
                </header>

                """
        html += listBanner() + levelTiles() + reasonTable()
        let scans = needsLook.filter { $0.result.api == nil }
        let travellers = needsLook.filter { $0.result.api != nil }
        if !scans.isEmpty || travellers.isEmpty {
            for level in [RiskLevel.alert, .review] {
                let cards = scans.filter { ($0.result.risk?.level ?? .review) == level }
                html += "<section>\n<h2>\(Self.heading[level]!) (\(cards.count))</h2>\n"
                if cards.isEmpty { html += "<p class=\"none\">None.</p>\n" }
                for card in cards { html += card.html }
                html += "</section>\n"
            }
        }
        html += flightSections(travellers) + clearedList() + "</body>\n</html>\n"
        return html
    }

    /// API travellers that need a look, one section per flight: the flight with the highest alert first, and in
    /// each, alerts before reviews (the order `needsLook` comes in).
    private func flightSections(_ cards: [ReportCard]) -> String {
        var flights: [String] = []
        var byFlight: [String: [ReportCard]] = [:]
        for card in cards {
            let flight = Self.flight(of: card.result.api!)
            if byFlight[flight] == nil { flights.append(flight) }
            byFlight[flight, default: []].append(card)
        }
        var html = ""
        for flight in flights {
            let cards = byFlight[flight]!
            let alerts = cards.filter { $0.isAlert }.count
            let reviews = cards.count - alerts
            html +=
                "<section class=\"flight\">\n<h2>\(HTMLText.escaped(flight)): \(alerts) alert\(alerts == 1 ? "" : "s"), "
                + "\(reviews) review\(reviews == 1 ? "" : "s")</h2>\n"
            for card in cards { html += card.html }
            html += "</section>\n"
        }
        return html
    }

    private static let heading: [RiskLevel: String] = [.alert: "Alerts", .review: "Reviews", .clear: "Clear"]

    /// A banner over everything when documents were not checked against a list (a run without lists, or a
    /// store that could not be reached): their results are not clear, and the officer must know why.
    private func listBanner() -> String {
        let unchecked = reasonCounts[.listUnchecked] ?? 0
        guard context.listVersion == nil || unchecked > 0 else { return "" }
        var text: [String] = []
        if context.listVersion == nil { text.append("No stolen/lost list was checked in this run.") }
        if unchecked > 0 {
            text.append(
                "\(unchecked) of \(total) \(unit)\(total == 1 ? " was" : "s were") not checked against a stolen/lost "
                    + "list (LIST_UNCHECKED): none of them is clear.")
        }
        // Styled in place: a report of a run that checked every document keeps its bytes.
        let attributes = "class=\"banner\" role=\"alert\" style=\"\(Self.bannerStyle)\""
        return "<p \(attributes)>\(HTMLText.escaped(text.joined(separator: " ")))</p>\n"
    }

    private func levelTiles() -> String {
        var html = "<section class=\"tiles\">\n"
        for level in [RiskLevel.alert, .review, .clear] {
            html +=
                "<div class=\"tile \(level.rawValue)\"><span class=\"count\">\(counts[level] ?? 0)</span>"
                + "<span class=\"label\">\(level.rawValue)</span></div>\n"
        }
        return html + "</section>\n"
    }

    private func reasonTable() -> String {
        var html = "<section>\n<h2>Reasons</h2>\n"
        guard !reasonCounts.isEmpty else {
            return html + "<p class=\"none\">No reasons: every \(unit) is clear.</p>\n</section>\n"
        }
        html +=
            "<table class=\"reasons\"><thead><tr><th>Reason</th><th>\(unit.capitalized)s</th></tr></thead><tbody>\n"
        for (code, count) in reasonCounts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            html += "<tr><td><code>\(code.rawValue)</code></td><td>\(count)</td></tr>\n"
        }
        return html + "</tbody></table>\n</section>\n"
    }

    private func clearedList() -> String {
        var html = "<section>\n<h2>Clear (\(cleared.count))</h2>\n"
        guard !cleared.isEmpty else { return html + "<p class=\"none\">None.</p>\n</section>\n" }
        html += "<details><summary>Show the cleared \(unit)s</summary>\n<ul class=\"cleared\">\n"
        for source in cleared { html += "<li>\(HTMLText.escaped(source))</li>\n" }
        return html + "</ul>\n</details>\n</section>\n"
    }

    private static let bannerStyle =
        "background:var(--alert);color:#fff;font-weight:700;border-radius:.5rem;padding:.8rem;margin:1rem 0"
}
