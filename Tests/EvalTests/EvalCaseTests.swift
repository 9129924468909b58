import Foundation
import GroundTruth
import Pipeline
import Testing

@testable import Eval

/// `truth.jsonl` manifests and `docguard.truth/1` side files turned into the cases `docguard eval` scores.
@Suite final class EvalCaseTests {
    /// This test's folder, made on first use and removed when the test ends (a suite instance per test).
    private let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("eval-cases-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// The test's folder, made empty.
    func newFolder() throws -> URL {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return scratch
    }

    static let td3 = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]

    /// `rows` written as the folder's manifest.
    func manifest(_ rows: [String]) throws -> URL {
        let folder = try newFolder()
        try Data(rows.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("truth.jsonl"))
        return folder
    }

    @Test func manifestRowsBecomeCasesBesideTheManifest() throws {
        let folder = try manifest([
            #"{"file": "photos/b.jpg", "mrz": ["\#(Self.td3[0])", "\#(Self.td3[1])"], "format": "TD3","#
                + #" "kind": "photo"}"#,
            "",
            #"{"file": "a-blank.png", "mrz": [], "kind": "specimen_scan"}"#,
            "  \r",
            #"{"file": "c.tif", "mrz": ["\#(Self.td3[0])", "\#(Self.td3[1])"]}"# + "\r",
        ])
        let cases = try EvalCase.cases(in: folder.path)
        let root = folder.path
        #expect(cases.map(\.scan) == ["\(root)/a-blank.png", "\(root)/c.tif", "\(root)/photos/b.jpg"])
        #expect(cases[0].lines.isEmpty)
        #expect(cases[0].groups == [EvalGroup("kind", "specimen_scan"), EvalGroup("format", "none")])
        #expect(cases[1].lines == Self.td3)
        #expect(cases[1].groups == [EvalGroup("kind", "unknown"), EvalGroup("format", "unknown")])
        #expect(cases[2].lines == Self.td3)
        #expect(cases[2].groups == [EvalGroup("kind", "photo"), EvalGroup("format", "TD3")])
    }

    @Test func theManifestIsReadInItsOwnOrder() throws {
        let folder = try manifest([#"{"file": "z.png", "mrz": []}"#, #"{"file": "a.png", "mrz": []}"#])
        let path = folder.appendingPathComponent("truth.jsonl").path
        #expect(try TruthManifest.read(path).map(\.scan) == ["\(folder.path)/z.png", "\(folder.path)/a.png"])
    }

    @Test(
        "a line that is not a row is named",
        arguments: [
            "not json", #"{"file": "x.png"}"#, #"{"mrz": []}"#, #"{"file": "x.png", "mrz": "P<UTO"}"#,
            #"{"file": 7, "mrz": []}"#, #"["x.png", []]"#,
        ])
    func badRow(row: String) throws {
        let folder = try manifest([#"{"file": "a.png", "mrz": []}"#, "", row, #"{"file": "b.png", "mrz": []}"#])
        let path = folder.appendingPathComponent("truth.jsonl").path
        do {
            _ = try EvalCase.cases(in: folder.path)
            Issue.record("no error for \(row)")
        } catch EvalError.badManifest(let file, let line) {
            #expect(file == path && line == 3)
            #expect(EvalError.badManifest(file: file, line: line).description.hasPrefix("\(path):3: "))
        }
    }

    @Test func aMissingManifestIsAnInputNotFound() {
        #expect {
            try TruthManifest.read("/nonexistent/truth.jsonl")
        } throws: { error in
            if case PipelineError.inputNotFound("/nonexistent/truth.jsonl") = error { return true }
            return false
        }
    }

    @Test func withoutAManifestScansWithTruthBesideThemAreTheCases() throws {
        let folder = try newFolder()
        let truth = ScanTruth(
            format: "TD3", lines: Self.td3, degradations: ["blur", "skew"], dpi: 300, rotation: 0, skewDegrees: 1.5)
        try truth.encoded().write(to: folder.appendingPathComponent("0001.json"))
        try Data([0x89, 0x50]).write(to: folder.appendingPathComponent("0001.png"))
        // A scan without truth and one whose truth is another schema are not cases.
        try Data([0x89, 0x50]).write(to: folder.appendingPathComponent("0002.png"))
        try Data([0x89, 0x50]).write(to: folder.appendingPathComponent("0003.png"))
        var older = truth
        older.schema = "docguard.truth/0"
        try older.encoded().write(to: folder.appendingPathComponent("0003.json"))
        let cases = try EvalCase.cases(in: folder.path)
        #expect(cases.map(\.scan) == ["\(folder.path)/0001.png"])
        #expect(cases.first?.lines == Self.td3)
        #expect(
            cases.first?.groups == [
                EvalGroup("format", "TD3"), EvalGroup("degradation", "blur"), EvalGroup("degradation", "skew"),
            ])
    }
}
