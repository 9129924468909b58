import Foundation
import MRZ
import TestSupport
import Testing

@testable import Pipeline

/// A nightly batch whose inputs hold PAXLST files beside scans: each file's traveller documents in input order
/// among the scans' results, the report by flight, and a re-run that writes only what a stopped run left out.
@Suite struct BatchAPITests {
    private let scratch = ScratchFolder("batch-api")

    /// A folder with a scan, the sample flight and a PAXLST file of no traveller, and a batch pipeline over it.
    func night() throws -> (folder: URL, definition: RunConfiguration) {
        let folder = try scratch.newFolder()
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: RiskFixtures.packageRoot.appendingPathComponent("TestImages/td3/0001.jpg"),
            to: inputs.appendingPathComponent("a-scan.jpg"))
        try PaxlstSample.flight.write(
            to: inputs.appendingPathComponent("b-UA123.edi"), atomically: true, encoding: .utf8)
        try "UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'".write(
            to: inputs.appendingPathComponent("c-empty.edi"), atomically: true, encoding: .utf8)
        try SampleFlightStore.make(in: folder)
        let pipeline = folder.appendingPathComponent("night.yaml").path
        try """
        mode: batch
        inputs: [inputs]
        results: results.jsonl
        report: report.html
        lists: lists.sqlite
        risk: \(RiskFixtures.packageRoot.appendingPathComponent("Models/risk.yaml").path)
        as_of: 2026-11-24
        jobs: 2
        """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        return (folder, try RunConfiguration.load(pipeline))
    }

    private func lines(_ definition: RunConfiguration) throws -> [String] {
        try String(contentsOfFile: definition.appendedResults!, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func describe(_ line: String) throws -> String {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let file = (object["file"] as? String).map { ($0 as NSString).lastPathComponent } ?? "-"
        return "\(file) \(object["record"] as? Int ?? 0) \(object["status"] as? String ?? "")"
    }

    @Test func paxlstFilesStandAmongTheScans() throws {
        let (folder, definition) = try night()
        let summary = try #require(BatchMode(definition)).run(today: MRZDate(iso: "2026-11-30")!)
        #expect(summary.inputs == 3 && summary.scanned == 10)
        let written = try lines(definition).map(describe)
        #expect(written == ["a-scan.jpg 0 ok"] + (1...8).map { "b-UA123.edi \($0) ok" } + ["c-empty.edi 0 error"])
        let report = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("UA123 YVR→JFK arriving 2026-12-01T18:30: 2 alerts, 2 reviews"))

        // Done: a re-run writes nothing. Cut short after three documents: a re-run writes the other five.
        let again = try #require(BatchMode(definition)).run(today: MRZDate(iso: "2026-11-30")!)
        #expect(again.scanned == 0)
        let all = try lines(definition)
        try (all[0...2].joined(separator: "\n") + "\n" + all[3].prefix(30)).write(
            toFile: definition.appendedResults!, atomically: true, encoding: .utf8)
        let resumed = try #require(BatchMode(definition)).run(today: MRZDate(iso: "2026-11-30")!)
        #expect(resumed.scanned == 7)
        #expect(try lines(definition).map(describe).sorted() == written.sorted())
    }
}
