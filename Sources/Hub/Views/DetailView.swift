import Foundation
import Lists
import Pipeline
import Plumbing

/// One result in full: where and when it came, the result as the report shows it (reasons with detail, the MRZ
/// fields and lines, the printed page against the MRZ), the list records it hit, and the line as the post wrote it.
struct DetailView {
    var detail: ResultDetail

    func html(now: Date) -> String {
        let summary = detail.summary
        var body = "<section>\n<h2>Result \(summary.id) from \(HTMLText.escaped(summary.postID))</h2>\n"
        let facts: [(String, String)] = [
            ("Post", summary.postID), ("Received", HubTime.iso(summary.receivedAt)),
            ("Line", "\(summary.postSequence) of the post's results"),
            (
                "Source",
                summary.file.map { summary.record > 0 ? "\($0) record \(summary.record)" : $0 }
                    ?? "record \(summary.record)"
            ),
            ("Status", summary.status), ("List", summary.listVersion ?? "no list"),
        ]
        body += "<dl class=\"facts\">"
        for (label, value) in facts {
            body += "<div><dt>\(label)</dt><dd>\(HTMLText.escaped(value))</dd></div>"
        }
        body += "</dl>\n"
        switch detail.result {
        case .success(let result):
            body += ReportCard(result: result).html
            if case .object(let mrz)? = detail.fields?["mrz"] { body += mrzFields(mrz) }
            body += listHits(result.list)
        case .failure(let malformed):
            body +=
                "<p class=\"problem\">This line could not be read in full (\(HTMLText.escaped(malformed.description)))"
                + ": it is shown as the post wrote it.</p>\n"
        }
        body += "<h3>The line as the post wrote it</h3>\n<pre class=\"line\">\(HTMLText.escaped(detail.line))</pre>\n"
        return HubPage.render(title: "Result \(summary.id)", section: nil, now: now, body: body + "</section>\n")
    }

    /// Every field of the `mrz` object, the ones the card leaves out too (sex, optional data, each check digit).
    private func mrzFields(_ mrz: JSONObject) -> String {
        var html = "<table class=\"list\"><caption>MRZ fields as the post read them</caption><tbody>\n"
        for (key, label) in Self.mrzLabels {
            guard let value = mrz[key] else { continue }
            html += "<tr><th>\(label)</th><td>\(HTMLText.escaped(Self.text(value)))</td></tr>\n"
        }
        if case .object(let checks)? = mrz["checks"] {
            let verdicts = checks.members.map { check in
                let verdict: String
                switch check.value {
                case .bool(true): verdict = "right"
                case .bool(false): verdict = "WRONG"
                default: verdict = "none"
                }
                return "\(Self.checkNames[check.key] ?? check.key) \(verdict)"
            }
            html += "<tr><th>Check digits</th><td>\(HTMLText.escaped(verdicts.joined(separator: ", ")))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private static let mrzLabels = [
        ("format", "Format"), ("documentCode", "Document code"), ("issuingState", "Issuing state"),
        ("documentNumber", "Document number"), ("surname", "Surname"), ("givenNames", "Given names"),
        ("nationality", "Nationality"), ("birthDate", "Birth date"), ("sex", "Sex"), ("expiryDate", "Expiry date"),
        ("optionalData", "Optional data"), ("optionalData2", "Optional data 2"), ("valid", "Valid"),
        ("errors", "Errors"),
    ]

    private static let checkNames = [
        "documentNumber": "document number", "birthDate": "birth date", "expiryDate": "expiry date",
        "optionalData": "optional data", "composite": "composite",
    ]

    /// A member's value in words: text as it is, `yes`/`no`, lists joined, `–` for null or empty.
    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "–"
        case .bool(let flag): flag ? "yes" : "no"
        case .string(let text): text.isEmpty ? "–" : text
        case .array(let elements): elements.isEmpty ? "none" : elements.map(text).joined(separator: ", ")
        case .int, .double, .object: JSONWriter.text(value)
        }
    }

    /// The list records the document hit, as the post's list held them.
    private func listHits(_ list: ListVerdict?) -> String {
        guard let list else { return "<p class=\"none\">No list was checked.</p>\n" }
        guard !list.hits.isEmpty else {
            return "<p class=\"none\">No list record hit (list \(HTMLText.escaped(list.listVersion ?? "?"))).</p>\n"
        }
        var html = "<table class=\"list\"><caption>List records hit</caption><thead><tr><th>Record</th>"
        html += "<th>Status</th><th>Match</th><th>State</th><th>Number</th><th>Reported</th></tr></thead><tbody>\n"
        for hit in list.hits {
            let record = hit.record
            let number = record.numberTo.map { "\(record.documentNumber) to \($0)" } ?? record.documentNumber
            html += "<tr><td>\(HTMLText.escaped(record.recordID))</td><td>\(record.status.rawValue)</td>"
            html += "<td>\(hit.kind.rawValue)</td><td>\(HTMLText.escaped(record.issuingState))</td>"
            html += "<td>\(HTMLText.escaped(number))</td><td>\(HTMLText.escaped(record.reportedOn ?? "–"))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    var json: JSONObject { detail.json }
}
