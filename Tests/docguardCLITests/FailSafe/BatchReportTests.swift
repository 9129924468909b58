import Foundation
import Testing

/// The report and the CSV of a batch cover its whole result file, every run: a re-run, or a resumed night,
/// must not replace the night's report with only its own scans ("0 scans, Alerts (0)").
@Suite struct BatchReportTests {
    let space = CLIWorkspace()

    func copy(_ testImage: String, to name: String) throws {
        try space.write(name, try Data(contentsOf: ScanCommandTests.testImages.appendingPathComponent(testImage)))
    }

    /// The scan count the report states, and the CSV's rows (without the header).
    func outputs() throws -> (reported: String?, rows: [String]) {
        let report = try String(contentsOfFile: space.path("report.html"), encoding: .utf8)
        let meta = report.split(separator: "\n").first { $0.hasPrefix("<p class=\"meta\">") }
        let csv = try String(contentsOfFile: space.path("results.csv"), encoding: .utf8)
        return (
            meta.map { String($0.dropFirst("<p class=\"meta\">".count).prefix { $0 != "·" }) },
            csv.split(separator: "\r\n").dropFirst().map(String.init)
        )
    }

    @Test func aRerunAndAGrownNightKeepEveryResultInTheReportAndTheCSV() throws {
        try copy("td3/0001.jpg", to: "scans/a.jpg")
        try copy("mrva/0001.jpg", to: "scans/b.jpg")
        let store = try space.store(
            """
            record_id,issuing_state,document_number,status
            R-1,ZZZ,X0000000,stolen

            """)
        let pipeline = try space.batchPipeline(lists: " \(store)", more: "as_of: 2026-11-24\njobs: 2")
        #expect(try Docguard.run(["run", pipeline]).status == 0)
        let first = try outputs()
        #expect(first.reported == "2 scans " && first.rows.count == 2)
        let firstReport = try Data(contentsOf: URL(fileURLWithPath: space.path("report.html")))

        let again = try Docguard.run(["run", pipeline])
        #expect(again.status == 0 && again.stdout.contains("scanned: 0"), "\(again.stdout)")
        #expect(try outputs().reported == "2 scans " && outputs().rows == first.rows)
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.path("report.html"))) == firstReport)

        try copy("td1/0001.jpg", to: "scans/c.jpg")
        let grown = try Docguard.run(["run", pipeline])
        #expect(grown.status == 0 && grown.stdout.contains("scanned: 1"), "\(grown.stdout)")
        let after = try outputs()
        #expect(after.reported == "3 scans " && after.rows.count == 3)
        #expect(Array(after.rows.prefix(2)) == first.rows, "the earlier rows as they were")
    }
}
