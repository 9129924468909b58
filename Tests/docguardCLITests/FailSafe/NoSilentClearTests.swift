import Foundation
import Testing

/// A result is `clear` only when a list was consulted: running without one is refused unless asked for
/// (`--no-lists`, `lists: none`), and then every result, the CSV and the report say no list was checked.
@Suite struct NoSilentClearTests {
    let space = CLIWorkspace()

    @Test func scanWithoutListsOrNoListsIsRefusedWithOneLine() throws {
        let scan = try space.scan("a.jpg")
        let run = try Docguard.run(["scan", scan, "--out", space.path("out.jsonl")])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("--no-lists"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: space.path("out.jsonl")))
        let both = try Docguard.run(["scan", scan, "--lists", space.path("x.sqlite"), "--no-lists"])
        #expect(both.status == 2 && both.stderr.split(separator: "\n").count == 1)
    }

    @Test func scanWithNoListsMarksEveryResultTheCSVAndTheReport() throws {
        let scan = try space.scan("a.jpg")
        let run = try Docguard.run([
            "scan", scan, "--no-lists", "--csv", space.path("r.csv"), "--report", space.path("r.html"),
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(CLIWorkspace.results(run.stdout).first)
        #expect(result["status"] as? String == "ok")
        let list = try #require(result["list"] as? [String: Any])
        #expect(list["checked"] as? Bool == false && list["error"] as? String == "docguard was run without lists")
        #expect(CLIWorkspace.reasons(result).contains("LIST_UNCHECKED"))
        #expect(CLIWorkspace.level(result) != "clear")
        let csv = try String(contentsOfFile: space.path("r.csv"), encoding: .utf8).split(separator: "\r\n")
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false)
        let row = csv[1].split(separator: ",", omittingEmptySubsequences: false)
        let column = { (name: String) in String(row[header.firstIndex(of: Substring(name))!]) }
        #expect(column("list_checked") == "false" && column("reasons").contains("LIST_UNCHECKED"))
        #expect(column("level") != "clear")
        let report = try String(contentsOfFile: space.path("r.html"), encoding: .utf8)
        #expect(report.contains("No stolen/lost list was checked in this run.") && report.contains("class=\"banner\""))
    }

    @Test func screenWithoutListsIsRefusedAndWithNoListsNeverClears() throws {
        let lines = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
        let refused = try Docguard.run(["screen", "-"], input: lines)
        #expect(refused.status == 2 && refused.stderr.split(separator: "\n").count == 1 && refused.stdout.isEmpty)
        let run = try Docguard.run(["screen", "-", "--no-lists"], input: lines)
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(CLIWorkspace.results(run.stdout).first)
        #expect(CLIWorkspace.reasons(result).contains("LIST_UNCHECKED"))
        #expect((result["list"] as? [String: Any])?["checked"] as? Bool == false)
    }

    /// A batch pipeline over one scan, with `lists` as given (nil: no `lists` key at all).
    func pipeline(lists: String?) throws -> String {
        try space.scan("scans/a.jpg")
        return try space.batchPipeline(lists: lists, more: "jobs: 1")
    }

    @Test(arguments: ["", " ~", " null", nil])
    func aPipelineWithoutAListStoreIsRefused(lists: String?) throws {
        let run = try Docguard.run(["run", try pipeline(lists: lists)])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("lists: none"), "\(run.stderr)")
        for output in ["results.jsonl", "report.html", "results.csv"] {
            #expect(!FileManager.default.fileExists(atPath: space.path(output)), "\(output)")
        }
    }

    @Test func aPipelineWithListsNoneMarksEveryResultTheCSVAndTheReport() throws {
        let run = try Docguard.run(["run", try pipeline(lists: " none")])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(
            CLIWorkspace.results(try String(contentsOfFile: space.path("results.jsonl"), encoding: .utf8)).first)
        #expect(CLIWorkspace.reasons(result).contains("LIST_UNCHECKED") && CLIWorkspace.level(result) != "clear")
        #expect(try String(contentsOfFile: space.path("results.csv"), encoding: .utf8).contains("LIST_UNCHECKED"))
        #expect(try String(contentsOfFile: space.path("report.html"), encoding: .utf8).contains("class=\"banner\""))
    }
}
