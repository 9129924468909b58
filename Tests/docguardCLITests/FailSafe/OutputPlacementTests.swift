import Foundation
import Testing

/// No output over or into the inputs: `scan x.jpg --out x.jpg` would truncate the scan before reading it, a
/// pipeline's `results:` naming a scan would append JSON into it. Refused with one line, nothing written, the
/// scan untouched.
@Suite struct OutputPlacementTests {
    let space = CLIWorkspace()

    /// Runs docguard, expects the one-line refusal, and checks `scan` still holds `bytes`.
    func expectRefused(
        _ arguments: [String], scan: String, bytes: Data, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try Docguard.run(arguments)
        #expect(run.status == 2, "\(arguments)", sourceLocation: sourceLocation)
        #expect(
            run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("refused"), "\(run.stderr)",
            sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: scan)) == bytes, "the scan was changed",
            sourceLocation: sourceLocation)
    }

    @Test(arguments: ["--out", "--csv", "--report"])
    func anOutputThatIsTheScanIsRefused(option: String) throws {
        let scan = try space.scan("x.jpg")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scan))
        try expectRefused(["scan", scan, option, scan, "--no-lists"], scan: scan, bytes: bytes)
        // The same file by another name: a symbolic link, a hard link, a path through `..`.
        try FileManager.default.createSymbolicLink(atPath: space.path("link.jpg"), withDestinationPath: scan)
        try expectRefused(["scan", scan, option, space.path("link.jpg"), "--no-lists"], scan: scan, bytes: bytes)
        try FileManager.default.linkItem(atPath: scan, toPath: space.path("hard.jpg"))
        try expectRefused(["scan", scan, option, space.path("hard.jpg"), "--no-lists"], scan: scan, bytes: bytes)
        try FileManager.default.createDirectory(atPath: space.path("sub"), withIntermediateDirectories: true)
        try expectRefused(["scan", scan, option, space.path("sub/../x.jpg"), "--no-lists"], scan: scan, bytes: bytes)
    }

    @Test func anOutputInsideAnInputFolderOrOnAnotherOutputIsRefused() throws {
        let scan = try space.scan("scans/x.jpg")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scan))
        let folder = space.path("scans")
        try expectRefused(
            ["scan", folder, "--out", space.path("scans/out.jsonl"), "--no-lists"], scan: scan, bytes: bytes)
        try expectRefused(
            ["scan", folder, "--report", space.path("scans/new/report.html"), "--no-lists"], scan: scan, bytes: bytes)
        try expectRefused(
            ["scan", folder, "--debug-dir", space.path("scans/debug"), "--no-lists"], scan: scan, bytes: bytes)
        try expectRefused(
            ["scan", folder, "--out", space.path("r.txt"), "--csv", space.path("r.txt"), "--no-lists"], scan: scan,
            bytes: bytes)
        #expect(!FileManager.default.fileExists(atPath: space.path("scans/out.jsonl")))
        #expect(!FileManager.default.fileExists(atPath: space.path("r.txt")))
        // Beside the folder is fine.
        let fine = try Docguard.run(["scan", folder, "--out", space.path("out.jsonl"), "--no-lists"])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test func anOutputOverAFileTheRunReadsIsRefused() throws {
        let scan = try space.scan("scans/x.jpg")
        let history = try space.write("yesterday.jsonl", "")
        let store = try space.store("record_id,issuing_state,document_number,status\nR-1,ZZZ,X0000000,stolen\n")
        let storeBytes = try Data(contentsOf: URL(fileURLWithPath: store))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scan))
        try expectRefused(
            ["scan", scan, "--lists", store, "--history", history, "--out", history], scan: scan, bytes: bytes)
        try expectRefused(["scan", scan, "--lists", store, "--csv", store], scan: scan, bytes: bytes)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == storeBytes, "the list store is untouched")
    }

    @Test(arguments: [
        ("results: scans/x.jpg", "results"), ("results: r.jsonl\nreport: scans/x.jpg", "report"),
        ("results: r.jsonl\ncsv: scans/night.csv", "csv"), ("results: scans/sub/r.jsonl", "results"),
    ])
    func aBatchPipelineWritingOverOrIntoItsInputsIsRefused(outputs: String, key: String) throws {
        let scan = try space.scan("scans/x.jpg")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scan))
        let pipeline = try space.write("night.yaml", "mode: batch\ninputs: [scans]\n\(outputs)\nlists: none\n")
        try expectRefused(["run", pipeline], scan: scan, bytes: bytes)
        #expect(try Docguard.run(["run", pipeline]).stderr.contains(": \(key): "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: space.path("scans")) == ["x.jpg"])
    }

    @Test func aWatchPipelineWritingItsResultsIntoTheInboxIsRefused() throws {
        let scan = try space.scan("inbox/x.jpg")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scan))
        let pipeline = try space.write(
            "watch.yaml",
            """
            mode: watch
            inbox: inbox
            processed: processed
            quarantine: quarantine
            results: inbox/results.jsonl
            lists: none

            """)
        try expectRefused(["run", pipeline], scan: scan, bytes: bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: space.path("inbox")) == ["x.jpg"])
    }
}
