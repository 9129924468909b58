import Foundation
import Lists
import MRZ
import OCR
import Testing
import VisualZone

@testable import Pipeline

struct ResultWritersTests {
    typealias F = RiskFixtures

    private func assessed(_ reading: ScanReading) throws -> ScanResult {
        ScanResult(reading, risk: RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf).assess(reading))
    }

    private func written(_ make: (OutputFile) -> any ResultWriter, _ results: [ScanResult]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = make(try OutputFile(path: path))
        for result in results { try writer.write(result) }
        try writer.finish()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("CSV: a header and one row per result; quotes doubled, formulas defused")
    func csv() throws {
        let stolen = try assessed(
            F.result(F.document(), list: F.verdict(.stolen, .exact), file: "=cmd|' /C calc'!A0, \"odd\".png"))
        let text = try written({ CSVResultWriter($0) }, [stolen])
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows[0] == CSVResultWriter.columns.joined(separator: ","))
        #expect(rows[1].hasPrefix(#""'=cmd|' /C calc'!A0, ""odd"".png",,ok,alert,90,LIST_STOLEN,"#))
        #expect(rows[1].contains(",C01X00T47,D,MUELLER,JAN,1980-01-01,M,2030-01-01,true,,true,true,exact,R-1,"))
        #expect(rows.count == 3 && rows[2].isEmpty)
    }

    @Test("a known ICAO deviation shows in the CSV's reasons and the HTML's reason counts, not as an MRZ error")
    func deviation() throws {
        let document = F.document(surname: "", givenNames: "SURYA") { $0[1][20] = UInt8(ascii: "X") }
        let result = try assessed(F.result(document, list: ListVerdict(checked: true, hits: [], listVersion: "v1")))
        let row = try written({ CSVResultWriter($0) }, [result]).components(separatedBy: "\r\n")[1]
        #expect(row.hasPrefix("scan.png,,ok,clear,5,MRZ_DEVIATION,,TD3,P,D,C01X00T47,D,,SURYA,"))
        #expect(row.contains(",1980-01-01,X,2030-01-01,true,,true,false,,"))  // valid, no MRZ errors, not listed
        let context = ReportContext(title: "Night batch", asOf: "2026-11-24", policyVersion: "p1", listVersion: "v1")
        let page = try written({ HTMLReportWriter($0, context: context) as any ResultWriter }, [result])
        #expect(page.contains("<td><code>MRZ_DEVIATION</code></td><td>1</td>"))
        #expect(page.contains("<h2>Clear (1)</h2>"))
    }

    @Test("HTML: counts, alerts before reviews, reasons and the MRZ as read, everything escaped, no clock")
    func html() throws {
        let clear = try assessed(F.result(F.document(number: "A1111111")))
        let review = try assessed(F.result(F.document(expiry: "200101"), file: "<script>alert(1)</script>.png"))
        let alert = try assessed(F.result(F.document(), list: F.verdict(.stolen, .exact), file: "b-alert.png"))
        let sameScore = try assessed(F.result(F.document(), list: F.verdict(.stolen, .exact), file: "c-alert.png"))
        let higher = try assessed(
            F.result(F.document(state: "UTO"), list: F.verdict(.stolen, .exact), file: "d-alert.png"))
        let context = ReportContext(title: "Night batch", asOf: "2026-11-24", policyVersion: "p1", listVersion: "v1")
        let make = { HTMLReportWriter($0, context: context) as any ResultWriter }
        let page = try written(make, [clear, review, alert, sameScore, higher])
        #expect(page.contains("<meta name=\"viewport\""))
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;"))
        let alertAt = try #require(page.range(of: "<h2>Alerts (3)</h2>"))
        // Highest score first, then in output order.
        let order = ["d-alert.png", "b-alert.png", "c-alert.png"].map { page.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        let reviewAt = try #require(page.range(of: "<h2>Reviews (1)</h2>"))
        #expect(alertAt.lowerBound < reviewAt.lowerBound)
        #expect(page.contains("<span class=\"count\">1</span><span class=\"label\">clear</span>"))
        #expect(page.contains("<td><code>LIST_STOLEN</code></td><td>3</td>"))
        let mrzLine = String(decoding: F.document().lines[1], as: UTF8.self).replacingOccurrences(of: "<", with: "&lt;")
        #expect(page.contains(mrzLine))
        #expect(!page.contains("<link") && !page.contains("src="))
        #expect(try written(make, [clear, review, alert, sameScore, higher]) == page)
    }

    @Test("HTML: the page against the MRZ and the pictures; pictures kept for the budget, alerts before reviews")
    func pictures() throws {
        let pictures = ReportImages(band: [0xFF, 0xD8, 1], page: [0xFF, 0xD8, 2])
        func result(_ file: String, alert: Bool) throws -> ScanResult {
            let check = VisualZoneCheck(fields: [
                .birthDate: FieldComparison(verdict: .differs, printed: "12 AUG 1979"),
                .surname: FieldComparison(verdict: .agrees, printed: "MUELLER"),
            ])
            return try assessed(
                ScanReading(
                    file: file, sha256: "00", status: .ok, document: F.document(),
                    list: alert ? F.verdict(.stolen, .exact) : F.notListed, visualZone: check,
                    reportImages: pictures))
        }
        let context = ReportContext(title: "Night batch", asOf: "2026-11-24", policyVersion: "p1", listVersion: "v1")
        let page = try written(
            { output in
                let writer = HTMLReportWriter(output, context: context)
                writer.pictureBudget = 1
                return writer as any ResultWriter
            },
            [
                try result("a-review.png", alert: false), try result("b-alert.png", alert: true),
                try result("c-review.png", alert: false),
            ])
        // One result keeps its pictures: the alert, which took them from the review before it.
        #expect(page.components(separatedBy: "<figure class=\"pictures\">").count == 2)
        #expect(page.components(separatedBy: "Pictures left out").count == 3)
        let figure = try #require(page.range(of: "<figure class=\"pictures\">"))
        let alertCard = try #require(page.range(of: "b-alert.png"))
        let reviews = try #require(page.range(of: "<h2>Reviews (2)</h2>"))
        #expect(alertCard.lowerBound < figure.lowerBound && figure.lowerBound < reviews.lowerBound)
        #expect(page.contains("data:image/jpeg;base64,\(Data([0xFF, 0xD8, 2]).base64EncodedString())"))
        // The page against the MRZ: the differing field marked, with both values.
        #expect(page.contains("<tr class=\"differs\"><td>Born</td><td>1980-01-01</td><td>12 AUG 1979</td>"))
        #expect(page.contains("<tr class=\"agrees\"><td>Surname</td><td>MUELLER</td><td>MUELLER</td>"))
        #expect(!page.contains("No pictures with this result"))
    }

    @Test("HTML: a result without pictures (read back from a results file) says to open the scan")
    func noPictures() throws {
        let alert = try assessed(
            ScanReading(
                file: "a-alert.png", sha256: "00", status: .ok, document: F.document(), list: F.verdict(.stolen, .exact)
            ))
        let context = ReportContext(title: "Night batch", asOf: "2026-11-24", policyVersion: "p1", listVersion: "v1")
        let page = try written({ HTMLReportWriter($0, context: context) as any ResultWriter }, [alert])
        #expect(page.contains("No pictures with this result: open the scan itself."))
    }
}
