import Foundation
import Testing

/// The result files of a fixed TestImages subset against the sample list, held against committed golden
/// files byte for byte: JSON Lines (the contract), CSV and the HTML report. Any change to what docguard
/// reads, decides or writes shows up here as a diff.
///
/// Re-bless after an intended change: `RECORD_GOLDEN=1 swift test --filter GoldenTests` rewrites the files
/// in `Tests/docguardCLITests/Golden/` and still fails, so a re-record is never silent; review the diff
/// (`git diff Tests/docguardCLITests/Golden`) and commit it with the change.
@Suite struct GoldenTests {
    static let root = ScanCommandTests.testImages.deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Every format; clean and degraded; the sample list's exact, fuzzy and range hits and its non-hit; a
    /// specimen name; documents that expired or expire before their holder's birth.
    static let subset = [
        "mrva/0001", "mrva/0013", "mrva/0022", "mrvb/0001", "mrvb/0005", "td1/0003", "td1/0017", "td2/0001",
        "td2/0025", "td3/0001", "td3/0009", "td3/0021",
    ].map { "TestImages/\($0).jpg" }

    @Test func aTestImagesRunMatchesTheGoldenFiles() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let store = work.appendingPathComponent("lists.sqlite").path
        let imported = try Docguard.run(
            [
                "lists", "import", "pipelines/lists/sample-list.csv", "--store", store, "--list-version", "sample-list",
            ], in: Self.root)
        #expect(imported.status == 0, "\(imported.stderr)")
        let outputs = ["results.jsonl", "results.csv", "report.html"].map { work.appendingPathComponent($0).path }
        let run = try Docguard.run(
            ["scan"] + Self.subset + [
                "--lists", store, "--as-of", "2026-11-24", "--jobs", "2",
                "--out", outputs[0], "--csv", outputs[1], "--report", outputs[2],
            ], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        for (output, name) in zip(outputs, ["scan-subset.jsonl", "scan-subset.csv", "scan-subset.html"]) {
            var actual = try String(contentsOfFile: output, encoding: .utf8)
            if name.hasSuffix(".html") { actual = try Self.withoutPictures(actual) }
            let goldenFile = Self.golden.appendingPathComponent(name)
            if record {
                try actual.write(to: goldenFile, atomically: true, encoding: .utf8)
                Issue.record("re-recorded \(name): review `git diff Tests/docguardCLITests/Golden` and commit it")
                continue
            }
            let expected = try String(contentsOf: goldenFile, encoding: .utf8)
            guard actual != expected else { continue }
            // The result lines are told apart field by field, the way QA reads them; the others line by line.
            let explained =
                name.hasSuffix(".jsonl")
                ? try Docguard.run(["qa", "compare", output, goldenFile.path]).stdout : Self.diff(expected, actual)
            Issue.record("\(name) differs from its golden file:\n\(explained)")
        }
    }

    /// The report without its pictures, once every alert and review was found to have them: two JPEGs as data URIs
    /// under the size cap. They are left out of the golden file, which the result lines read back must give too
    /// (pictures come only from a scan read in the run), and whose bytes must not hang on a JPEG encoder's version.
    static func withoutPictures(_ html: String) throws -> String {
        let lines = html.components(separatedBy: "\n")
        let pictures = lines.filter { $0.hasPrefix("<figure class=\"pictures\">") }
        #expect(pictures.count == lines.filter { $0.hasPrefix("<article class=\"card") }.count)
        for figure in pictures {
            let images = figure.components(separatedBy: "data:image/jpeg;base64,").dropFirst().map {
                Data(base64Encoded: String($0.prefix { $0 != "\"" }))
            }
            #expect(images.count == 2)
            for image in images {
                #expect(image.map { $0.starts(with: [0xFF, 0xD8]) && $0.count <= 40_000 } == true)
            }
        }
        return lines.filter { !$0.hasPrefix("<figure class=\"pictures\">") }.joined(separator: "\n")
    }

    /// The lines that differ, golden (-) against actual (+), at most 10.
    static func diff(_ expected: String, _ actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var shown: [String] = []
        for index in 0..<max(old.count, new.count) where shown.count < 20 {
            let before = index < old.count ? old[index] : nil
            let after = index < new.count ? new[index] : nil
            guard before != after else { continue }
            if let before { shown.append("line \(index + 1) - \(before)") }
            if let after { shown.append("line \(index + 1) + \(after)") }
        }
        return shown.joined(separator: "\n")
    }
}
