import Foundation
import Testing

/// `docguard qa compare` on equal, different and unreadable result files.
@Suite final class QACommandTests {
    /// This test's files, removed when it ends.
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qa-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: scratch) }

    static let golden = GoldenTests.golden.appendingPathComponent("scan-subset.jsonl")

    /// A copy of the golden results changed by `edit`, in a temporary file.
    func edited(_ edit: (String) -> String) throws -> String {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = scratch.appendingPathComponent("\(UUID().uuidString).jsonl").path
        try edit(try String(contentsOf: Self.golden, encoding: .utf8)).write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func equalFilesExitZeroWhateverTheOrder() throws {
        let reversed = try edited { $0.split(separator: "\n").reversed().joined(separator: "\n") + "\n" }
        let run = try Docguard.run(["qa", "compare", reversed, Self.golden.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("12 results, all equal"))
    }

    @Test func differencesAreListedFieldByFieldAndExitOne() throws {
        let changed = try edited { text in
            var lines = text.split(separator: "\n").map(String.init)
            lines[0] = lines[0].replacingOccurrences(of: #""level":"alert""#, with: #""level":"clear""#)
            lines.remove(at: 1)
            return lines.joined(separator: "\n") + "\n"
        }
        let run = try Docguard.run(["qa", "compare", changed, Self.golden.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("TestImages/mrva/0001.jpg\n  risk.level: \"alert\" -> \"clear\""))
        #expect(run.stdout.contains("TestImages/mrva/0013.jpg: missing from"))
        #expect(run.stdout.contains("1 of 11 results differ, 1 missing, 0 extra"))
        let ignoring = try Docguard.run(["qa", "compare", changed, Self.golden.path, "--ignore", "risk.level"])
        #expect(ignoring.stdout.contains("0 of 11 results differ, 1 missing"))
    }

    @Test(
        "unreadable input exits 2 with the file and line",
        arguments: [
            ("not json at all\n", ":1: not a JSON object"), ("{\"schema\":\"x\"}\n", ":1: not a result line"),
            ("\n{\"file\":\"a.jpg\",\"status\":\"fine\"}\n", ":2: not a result line (status is not a known code)"),
        ])
    func unreadable(content: String, message: String) throws {
        let bad = try edited { _ in content }
        let run = try Docguard.run(["qa", "compare", bad, Self.golden.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(bad + message))
        #expect(try Docguard.run(["qa", "compare", "/nonexistent.jsonl", Self.golden.path]).status == 2)
    }
}

/// `qa compare` keeps personal data (names, numbers, dates, MRZ lines) out of its report unless asked (issue 17).
@Suite final class QACompareRedactionTests {
    let qa = QACommandTests()

    /// The golden subset with one holder's surname and a reason's detail changed.
    func changedPersonalData() throws -> String {
        try qa.edited { text in
            text.replacingOccurrences(of: #""surname":"PAPANDROPOULOUS""#, with: #""surname":"PAPANDREOU""#)
                .replacingOccurrences(of: "date of expiry 2009-12-06 is", with: "date of expiry 2009-12-07 is")
        }
    }

    @Test func personalValuesAreHiddenByDefaultAndTheFieldStillNamed() throws {
        let run = try Docguard.run(["qa", "compare", try changedPersonalData(), QACommandTests.golden.path])
        #expect(run.status == 1)
        #expect(
            run.stdout.contains(
                "TestImages/td1/0003.jpg\n  mrz.surname: text of 15 characters -> text of 10 characters"))
        #expect(
            run.stdout.contains(
                "  risk.reasons[0].detail: text of 53 characters -> text of 53 characters; "
                    + "character 25 differs"))
        #expect(run.stdout.contains("--show-personal-data shows them"))
        for value in ["PAPANDROPOULOUS", "PAPANDREOU", "2009-12-06", "2009-12-07"] {
            #expect(!run.stdout.contains(value) && !run.stderr.contains(value))
        }
    }

    @Test func showPersonalDataPrintsTheValues() throws {
        let run = try Docguard.run(
            ["qa", "compare", try changedPersonalData(), QACommandTests.golden.path, "--show-personal-data"])
        #expect(run.status == 1)
        #expect(run.stdout.contains(#"  mrz.surname: "PAPANDROPOULOUS" -> "PAPANDREOU""#))
        #expect(run.stdout.contains("2009-12-06 is before the date of birth\" -> "))
        #expect(!run.stdout.contains("--show-personal-data shows them"))
    }

    @Test func codesAndLevelsAreShownAndAWholeDocumentGoneIsOnlyShaped() throws {
        let changed = try qa.edited { text in
            var lines = text.split(separator: "\n").map(String.init)
            let line = lines[5]
            let start = line.range(of: #""mrz":{"#)!.lowerBound
            let end = line.range(of: #","ocr":"#)!.lowerBound
            lines[5] = line.replacingCharacters(in: start..<end, with: #""mrz":null"#)
                .replacingOccurrences(of: #""code":"EXPIRED""#, with: #""code":"EXPIRY""#)
            return lines.joined(separator: "\n") + "\n"
        }
        let run = try Docguard.run(["qa", "compare", changed, QACommandTests.golden.path])
        #expect(run.stdout.contains("  mrz: object of 18 fields -> null"))
        #expect(run.stdout.contains(#"  risk.reasons[1].code: "EXPIRED" -> "EXPIRY""#))
        #expect(!run.stdout.contains("PAPANDROPOULOUS"))
    }
}
