import Foundation
import MRZ
import OCR
import Plumbing
import VisualZone

/// A result that needs a look, as the report shows it (and the central view, `docguard hub`, for one result):
/// level, score and where it came from, the reasons, the document read, the MRZ as read, the printed page against
/// it, and the pictures beside it (nil when it had none, or when they were left out to keep the report small:
/// `picturesLeftOut` then says so).
public struct ReportCard {
    /// The result shown.
    public var result: ScanResult
    var pictures: ReportImages?
    var picturesLeftOut = false

    var isAlert: Bool { result.risk?.level == .alert }

    /// A card for `result`, with the pictures it carries.
    public init(result: ScanResult) {
        self.result = result
        pictures = result.reportImages
    }

    /// The card's HTML: an `<article>` the report's style sheet (`HTMLPage.style`) lays out.
    public var html: String {
        let level = result.risk?.level ?? .review
        var html =
            "<article class=\"card \(level.rawValue)\">\n<h3><span class=\"badge \(level.rawValue)\">"
            + "\(level.rawValue)</span> <span class=\"score\">\(result.risk?.score ?? 0)</span> "
            + "<span class=\"source\">\(HTMLText.escaped(HTMLReportPage.source(of: result)))</span></h3>\n"
        if let reasons = result.risk?.reasons, !reasons.isEmpty {
            html += "<ul class=\"why\">\n"
            for reason in reasons {
                html +=
                    "<li><code>\(reason.code.rawValue)</code> <span class=\"points\">+\(reason.points)</span> "
                    + "\(HTMLText.escaped(reason.detail))</li>\n"
            }
            html += "</ul>\n"
        }
        if let document = result.document {
            html += documentFacts(document)
            if !document.lines.isEmpty {
                html += "<pre class=\"mrz\">\(HTMLText.escaped(document.lineTexts.joined(separator: "\n")))</pre>\n"
            }
            if let check = result.visualZone { html += visualZoneTable(check, document: document) }
            if let pictures {
                html += pictureFigure(pictures)
            } else if picturesLeftOut {
                html +=
                    "<p class=\"none\">Pictures left out: the report keeps them for the first alerts and reviews.</p>\n"
            } else if result.file != nil, result.api == nil {
                // Read back from a results file (a resumed run), or scanned with the visual zone check off.
                html += "<p class=\"none\">No pictures with this result: open the scan itself.</p>\n"
            }
        } else if let problem = result.problem {
            html +=
                "<p class=\"problem\">\(HTMLText.escaped(problem.code.rawValue)): \(HTMLText.escaped(problem.detail))</p>\n"
        }
        if let issues = result.api?.issues, !issues.isEmpty {
            // What was wrong in the message (positions and codes): the traveller was screened all the same.
            html += "<ul class=\"why\">\n" + issues.map { "<li>\(HTMLText.escaped($0))</li>\n" }.joined() + "</ul>\n"
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
                "<div\(label == "Name" ? " class=\"wide\"" : "")><dt>\(label)</dt><dd>\(HTMLText.escaped(value.flatMap { $0.isEmpty ? nil : $0 } ?? "–"))</dd></div>"
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
                "<tr class=\"\(verdict)\"><td>\(Self.fieldNames[field]!)</td><td>\(HTMLText.escaped(Self.mrzValue(field, document) ?? "–"))"
                + "</td><td>\(HTMLText.escaped(comparison.printed ?? "–"))</td><td>\(verdict)</td></tr>\n"
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
}
