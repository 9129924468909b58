import Foundation
import Testing

@testable import Pipeline

/// Result lines read back give the same CSV and report as the results they were written from: the batch
/// report and CSV, rebuilt from the whole result file, say what a direct run says (but for the pictures).
struct ResultLineReaderTests {
    static let golden = RiskFixtures.packageRoot.appendingPathComponent("Tests/docguardCLITests/Golden")

    /// What `writer` makes of every result line of the golden result file.
    private func rebuilt(_ make: (OutputFile) -> any ResultWriter) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rebuilt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = make(try OutputFile(path: path))
        try ResultLineReader.forEach(inFile: Self.golden.appendingPathComponent("scan-subset.jsonl").path) {
            try writer.write($0)
        }
        try writer.finish()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("the golden result lines, read back, give the golden CSV and report byte for byte")
    func goldenRoundTrip() throws {
        let csv = try rebuilt { CSVResultWriter($0) }
        #expect(csv == (try String(contentsOf: Self.golden.appendingPathComponent("scan-subset.csv"), encoding: .utf8)))
        let context = ReportContext(
            title: "docguard scan report", asOf: "2026-11-24", policyVersion: try RiskFixtures.shippedPolicy().version,
            listVersion: "sample-list")
        let html = try rebuilt { HTMLReportWriter($0, context: context) }
        let golden = try String(contentsOf: Self.golden.appendingPathComponent("scan-subset.html"), encoding: .utf8)
        // Pictures are not in result lines: where a direct run shows them (left out of the golden report), the
        // report read back says so instead.
        let noPictures = "<p class=\"none\">No pictures with this result: open the scan itself.</p>\n"
        #expect(html.contains(noPictures))
        #expect(html.replacingOccurrences(of: noPictures, with: "") == golden)
    }

    @Test("a line that is not a result is named, not skipped")
    func badLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = "{\"file\":\"a.png\",\"status\":\"error\"}\n{\"oops\":1}\n"
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        var seen = 0
        #expect(throws: QAError.unreadable(path: path, line: 2, why: "not a result line")) {
            try ResultLineReader.forEach(inFile: path) { _ in seen += 1 }
        }
        #expect(seen == 1)
    }
}
