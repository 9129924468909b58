import Foundation
import OCR
import TestSupport
import Testing

/// Smaller slips: decoder libraries' raw messages, runaway values echoed whole, a debug folder that cannot
/// be written.
@Suite struct OperatorSlipTests {
    let space = CLIWorkspace()

    /// Truncated TIFF, PNG and JPEG files, made from a real scan.
    func truncatedFiles() throws -> [String] {
        let specimen = try Data(contentsOf: try ScanCommandTests.specimen("TD3").image)
        let page = try ImageCodec.decodeGray([UInt8](specimen))
        let tiff = try ImageCodec.tiff(pages: [page, page])
        let png = try ImageCodec.png(page)
        return [
            try space.write("cut.tif", Data(tiff.prefix(tiff.count / 3))),
            try space.write("cut.png", Data(png.prefix(png.count / 2))),
            try space.write("cut.jpg", specimen.prefix(specimen.count / 2)),
        ]
    }

    /// docguard with `DOCGUARD_LIBRARY_MESSAGES` set: standard error as the libraries left it.
    func stderrWithLibraryMessages(_ arguments: [String]) throws -> String {
        let environment = ProcessInfo.processInfo.environment.merging(["DOCGUARD_LIBRARY_MESSAGES": "1"]) { $1 }
        let process = try ChildProcess(Docguard.executable.path, arguments, environment: environment, stderr: .pipe)
        let text = String(decoding: process.finish().stderr, as: UTF8.self)
        return text
    }

    @Test func decoderLibrariesSayNothingAndEveryBadFileStillGetsItsResult() throws {
        let files = try truncatedFiles()
        let arguments = ["scan"] + files + ["--no-lists", "--jobs", "1"]
        #expect(!(try stderrWithLibraryMessages(arguments)).isEmpty, "the libraries do talk when let")
        let run = try Docguard.run(arguments)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr.prefix(2000))")
        let results = CLIWorkspace.results(run.stdout)
        #expect(results.count == files.count)
        let tiff = try #require(results.first { ($0["file"] as? String)?.hasSuffix("cut.tif") == true })
        #expect(tiff["status"] as? String == "error")
        #expect((tiff["error"] as? [String: Any])?["code"] as? String == "BAD_FILE")
    }

    @Test func aRunawayModelNameIsQuotedShort() throws {
        let huge = String(repeating: "m", count: 100_000)
        let pipeline = try space.write(
            "night.yaml",
            """
            mode: batch
            inputs: [scans]
            results: results.jsonl
            lists: none
            model: \(huge)

            """)
        try space.scan("scans/a.jpg")
        for arguments in [["run", pipeline], ["scan", space.path("scans/a.jpg"), "--no-lists", "--model", huge]] {
            let run = try Docguard.run(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr.prefix(500))")
            #expect(run.stderr.utf8.count < 400, "\(run.stderr.prefix(500))")
            #expect(run.stderr.contains("model"))
        }
        #expect(!FileManager.default.fileExists(atPath: space.path("results.jsonl")))
    }

    @Test func anUnwritableDebugFolderIsRefusedAtStart() throws {
        let scan = try space.scan("a.jpg")
        let notAFolder = try space.write("plain-file", "x")
        let run = try Docguard.run([
            "scan", scan, "--no-lists", "--debug-dir", notAFolder + "/debug", "--out", space.path("out.jsonl"),
        ])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("debug"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: space.path("out.jsonl")), "nothing written")
    }
}
