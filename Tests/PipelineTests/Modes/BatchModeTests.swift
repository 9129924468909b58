import Foundation
import MRZ
import Testing

@testable import Pipeline

/// Batch mode through the whole pipeline (real Tesseract, shipped model and policy): results appended,
/// a re-run skips what is done by content hash, a result cut short is redone.
@Suite(.serialized)
struct BatchModeTests {
    /// This test's files, removed when it ends.
    private let scratch = ScratchFolder("night")

    static let asOf = MRZDate(year: 2026, month: 11, day: 24)!

    /// A folder with two TestImages scans and a file that is not an image, and a pipeline over it.
    func night() throws -> (folder: URL, definition: RunConfiguration) {
        let folder = try scratch.newFolder()
        let scans = folder.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        for name in ["td3/0001", "mrva/0001"] {
            try FileManager.default.copyItem(
                at: RiskFixtures.packageRoot.appendingPathComponent("TestImages/\(name).jpg"),
                to: scans.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-") + ".jpg"))
        }
        try Data("not an image".utf8).write(to: scans.appendingPathComponent("broken.jpg"))
        let pipeline = folder.appendingPathComponent("night.yaml").path
        try """
        mode: batch
        inputs: [scans]
        results: results.jsonl
        report: report.html
        lists: none
        risk: \(RiskFixtures.packageRoot.appendingPathComponent("Models/risk.yaml").path)
        jobs: 2
        """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        return (folder, try RunConfiguration.load(pipeline))
    }

    func resultLines(_ definition: RunConfiguration) throws -> [String] {
        try String(contentsOfFile: definition.appendedResults!, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Runs the batch `definition` names.
    func run(_ definition: RunConfiguration) throws -> BatchMode.Summary {
        try #require(BatchMode(definition)).run(today: Self.asOf)
    }

    @Test func aRerunSkipsWhatIsDoneAndScansWhatIsNew() throws {
        let (folder, definition) = try night()
        var seen = 0
        let first = try #require(BatchMode(definition)).run(today: Self.asOf) { total in
            #expect(total == 3)
        } written: { _ in
            seen += 1
        }
        #expect(first.inputs == 3 && first.skipped == 0 && first.scanned == 3 && seen == 3)
        #expect(first.unread == 1 && first.levels[.review, default: 0] >= 1)
        #expect(try resultLines(definition).count == 3)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))

        let again = try run(definition)
        #expect(again.skipped == 3 && again.scanned == 0)
        #expect(try resultLines(definition).count == 3)

        try FileManager.default.copyItem(
            at: RiskFixtures.packageRoot.appendingPathComponent("TestImages/td1/0001.jpg"),
            to: folder.appendingPathComponent("scans/td1-0001.jpg"))
        let grown = try run(definition)
        #expect(grown.skipped == 3 && grown.scanned == 1)
        #expect(try resultLines(definition).count == 4)
    }

    @Test func aResultCutShortByAStopIsDroppedAndRedone() throws {
        let (_, definition) = try night()
        _ = try run(definition)
        var lines = try resultLines(definition)
        let cut = String(lines.removeLast().prefix(40))  // the process died while writing the last line
        try (lines.joined(separator: "\n") + "\n" + cut)
            .write(toFile: definition.appendedResults!, atomically: true, encoding: .utf8)
        let rerun = try run(definition)
        #expect(rerun.scanned == 1 && rerun.skipped == 2)
        let after = try resultLines(definition)
        #expect(after.count == 3)
        #expect(after.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    }

    @Test func aFileReachedTwiceIsScannedOnce() throws {
        let (folder, definition) = try night()
        var twice = definition
        guard case .batch(var batch) = definition.mode else {
            Issue.record("not batch mode")
            return
        }
        let scans = folder.appendingPathComponent("scans").path
        batch.inputs = [scans, scans + "/*.jpg"]
        twice.mode = .batch(batch)
        let summary = try run(twice)
        #expect(summary.inputs == 3 && summary.scanned == 3)
        #expect(try resultLines(definition).count == 3)
    }

    @Test func aGlobThatMatchesNothingIsAnError() throws {
        #expect(throws: PipelineError.self) { try BatchMode.expand(["/nonexistent-\(UUID().uuidString)/*.jpg"]) }
    }
}
