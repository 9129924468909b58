import Foundation
import Lists
import MRZ
import OCR
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
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(context.title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(context.title))</h1>
            <p class="meta">\(total) \(unit)\(total == 1 ? "" : "s") · as of \(escape(context.asOf)) · risk policy \
            \(escape(context.policyVersion)) · \(context.listVersion.map { "list \(escape($0))" } ?? "no list checked")</p>
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
                for card in cards { html += self.card(card) }
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
                "<section class=\"flight\">\n<h2>\(escape(flight)): \(alerts) alert\(alerts == 1 ? "" : "s"), "
                + "\(reviews) review\(reviews == 1 ? "" : "s")</h2>\n"
            for card in cards { html += self.card(card) }
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
        return "<p \(attributes)>\(escape(text.joined(separator: " ")))</p>\n"
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

    private func card(_ card: ReportCard) -> String {
        let result = card.result
        let level = result.risk?.level ?? .review
        var html =
            "<article class=\"card \(level.rawValue)\">\n<h3><span class=\"badge \(level.rawValue)\">"
            + "\(level.rawValue)</span> <span class=\"score\">\(result.risk?.score ?? 0)</span> "
            + "<span class=\"source\">\(escape(Self.source(of: result)))</span></h3>\n"
        if let reasons = result.risk?.reasons, !reasons.isEmpty {
            html += "<ul class=\"why\">\n"
            for reason in reasons {
                html +=
                    "<li><code>\(reason.code.rawValue)</code> <span class=\"points\">+\(reason.points)</span> "
                    + "\(escape(reason.detail))</li>\n"
            }
            html += "</ul>\n"
        }
        if let document = result.document {
            html += documentFacts(document)
            if !document.lines.isEmpty {
                html += "<pre class=\"mrz\">\(escape(document.lineTexts.joined(separator: "\n")))</pre>\n"
            }
            if let check = result.visualZone { html += visualZoneTable(check, document: document) }
            if let pictures = card.pictures {
                html += pictureFigure(pictures)
            } else if card.picturesLeftOut {
                html +=
                    "<p class=\"none\">Pictures left out: the report keeps them for the first alerts and reviews.</p>\n"
            } else if result.file != nil, result.api == nil {
                // Read back from a results file (a resumed run), or scanned with the visual zone check off.
                html += "<p class=\"none\">No pictures with this result: open the scan itself.</p>\n"
            }
        } else if let problem = result.problem {
            html += "<p class=\"problem\">\(escape(problem.code.rawValue)): \(escape(problem.detail))</p>\n"
        }
        if let issues = result.api?.issues, !issues.isEmpty {
            // What was wrong in the message (positions and codes): the traveller was screened all the same.
            html += "<ul class=\"why\">\n" + issues.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        return html + "</article>\n"
    }

    private func documentFacts(_ document: MRZDocument) -> String {
        let name = [document.surname, document.givenNames].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ", ")
        let facts: [(String, String?)] = [
            ("Document", [document.format?.rawValue, document.documentCode].compactMap { $0 }.joined(separator: " ")),
            ("Number", document.documentNumber), ("Issued by", document.issuingState), ("Name", name),
            ("Nationality", document.nationality), ("Born", document.birthDate?.description),
            ("Expires", document.expiryDate?.description),
        ]
        var html = "<dl class=\"facts\">"
        for (label, value) in facts {
            html +=
                "<div\(label == "Name" ? " class=\"wide\"" : "")><dt>\(label)</dt><dd>\(escape(value.flatMap { $0.isEmpty ? nil : $0 } ?? "–"))</dd></div>"
        }
        return html + "</dl>\n"
    }

    /// The printed page against the MRZ, field by field: what the MRZ says, what the page prints, the verdict.
    private func visualZoneTable(_ check: VisualZoneCheck, document: MRZDocument) -> String {
        var html =
            "<table class=\"viz\"><caption>Printed page against the MRZ</caption><thead><tr><th>Field</th>"
            + "<th>MRZ</th><th>Page</th><th>Verdict</th></tr></thead><tbody>\n"
        for field in VisualField.allCases {
            let comparison = check[field]
            let verdict = comparison.verdict.rawValue
            html +=
                "<tr class=\"\(verdict)\"><td>\(Self.fieldNames[field]!)</td><td>\(escape(Self.mrzValue(field, document) ?? "–"))"
                + "</td><td>\(escape(comparison.printed ?? "–"))</td><td>\(verdict)</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The band as read and the document with the fields that differ outlined, embedded as data URIs.
    private func pictureFigure(_ pictures: ReportImages) -> String {
        func image(_ bytes: [UInt8], _ alt: String) -> String {
            "<img alt=\"\(alt)\" src=\"data:image/jpeg;base64,\(Data(bytes).base64EncodedString())\">"
        }
        return "<figure class=\"pictures\">" + image(pictures.page, "The document, fields that differ outlined")
            + image(pictures.band, "The machine readable zone as read") + "</figure>\n"
    }

    private static let fieldNames: [VisualField: String] = [
        .documentNumber: "Number", .surname: "Surname", .givenNames: "Given names", .birthDate: "Born",
        .expiryDate: "Expires", .sex: "Sex",
    ]

    private static func mrzValue(_ field: VisualField, _ document: MRZDocument) -> String? {
        switch field {
        case .documentNumber: document.documentNumber
        case .surname: document.surname
        case .givenNames: document.givenNames
        case .birthDate: document.birthDate?.description
        case .expiryDate: document.expiryDate?.description
        case .sex: document.sex
        }
    }

    private func clearedList() -> String {
        var html = "<section>\n<h2>Clear (\(cleared.count))</h2>\n"
        guard !cleared.isEmpty else { return html + "<p class=\"none\">None.</p>\n</section>\n" }
        html += "<details><summary>Show the cleared \(unit)s</summary>\n<ul class=\"cleared\">\n"
        for source in cleared { html += "<li>\(escape(source))</li>\n" }
        return html + "</ul>\n</details>\n</section>\n"
    }

    private func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    private static let bannerStyle =
        "background:var(--alert);color:#fff;font-weight:700;border-radius:.5rem;padding:.8rem;margin:1rem 0"

    /// Inline, so the page is one file an officer can mail or open offline; large type and one column on a phone.
    private static let style = """
        :root{--alert:#b00020;--review:#b35c00;--clear:#1b6e20;--ink:#1a1a1a;--muted:#5f6368;--line:#dadce0}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
        h1{font-size:1.5rem;margin:.2rem 0}
        h2{font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
        h3{font-size:1rem;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}
        .meta,.none{color:var(--muted)}
        .tiles{display:grid;grid-template-columns:repeat(3,1fr);gap:.6rem;margin-top:1rem}
        .tile{border-radius:.6rem;padding:.8rem;color:#fff;text-align:center}
        .tile .count{display:block;font-size:2rem;font-weight:700;line-height:1.1}
        .tile .label{text-transform:uppercase;letter-spacing:.06em;font-size:.85rem}
        .tile.alert,.badge.alert{background:var(--alert)}
        .tile.review,.badge.review{background:var(--review)}
        .tile.clear,.badge.clear{background:var(--clear)}
        table.reasons{border-collapse:collapse;width:100%}
        table.reasons th,table.reasons td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
        table.reasons td:last-child,table.reasons th:last-child{text-align:right}
        .card{border:1px solid var(--line);border-left:.4rem solid var(--review);border-radius:.5rem;padding:.8rem;margin:.7rem 0}
        .card.alert{border-left-color:var(--alert)}
        .badge{color:#fff;border-radius:.3rem;padding:.05rem .45rem;text-transform:uppercase;font-size:.8rem;font-weight:700;letter-spacing:.05em}
        .score{font-weight:700}
        .source{overflow-wrap:anywhere;color:var(--muted)}
        .why{margin:.3rem 0 .6rem;padding-left:1.1rem}
        .why li{margin:.25rem 0}
        .points{color:var(--muted);font-variant-numeric:tabular-nums}
        code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:.9em;background:#f1f3f4;border-radius:.2rem;padding:0 .2rem}
        .facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.2rem .8rem;margin:.4rem 0}
        .facts div{display:flex;gap:.4rem}
        .facts div.wide{grid-column:1/-1}
        .facts dt{color:var(--muted);min-width:5.5rem}
        .facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
        .mrz{font-family:"OCR-B","OCR B",ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem;background:#f8f9fa;border:1px solid var(--line);border-radius:.3rem;padding:.5rem;overflow-x:auto;margin:.4rem 0 0}
        .problem{color:var(--alert)}
        figure.pictures{margin:.5rem 0 0;display:flex;flex-direction:column;gap:.3rem}
        figure.pictures img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:.3rem}
        table.viz{border-collapse:collapse;width:100%;margin:.5rem 0 0;font-size:.9rem}
        table.viz caption{text-align:left;color:var(--muted);padding-bottom:.2rem}
        table.viz th,table.viz td{text-align:left;padding:.2rem .4rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
        table.viz tr.differs td{color:var(--alert);font-weight:700}
        table.viz tr.unread td{color:var(--muted)}
        .cleared{columns:2 16rem;padding-left:1.1rem}
        summary{cursor:pointer;color:var(--muted)}
        @media (max-width:30rem){body{padding:.6rem}.tile .count{font-size:1.6rem}.mrz{font-size:clamp(.5rem,2.6vw,.8rem);padding:.4rem}}
        """
}
