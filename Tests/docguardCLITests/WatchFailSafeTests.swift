import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Watch mode and ingest refuse what would stop an inbox or lose a scan (issue 16): a scan still being
/// written, an oversized file, a folder layout that feeds the watcher its own files, a FIFO, a name that is
/// not UTF-8, a folder that cannot be listed, a second watcher. Each through the real `docguard` binary.
@Suite(.serialized) struct WatchFailSafeTests {
    let watch = WatchModeTests()
    var folder: URL { watch.folder }
    var inbox: URL { watch.inbox }

    init() throws {
        try FileManager.default.createDirectory(at: watch.inbox, withIntermediateDirectories: true)
    }

    /// A valid scan from TestImages.
    static func scan() throws -> URL { try ScanCommandTests.specimen("TD3").image }

    /// Runs `docguard ARGUMENTS`, killed after `seconds` (a run that blocks must fail the test, not hang it).
    static func runBounded(_ arguments: [String], seconds: Double = 30) throws -> (Docguard.Run, timedOut: Bool) {
        let process = try ChildProcess(Docguard.executable.path, arguments, stdout: .pipe, stderr: .pipe)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let timedOut = process.isRunning
        if timedOut { process.send(SIGKILL) }
        let outcome = process.finish()
        return (
            Docguard.Run(
                status: outcome.status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                stderr: String(decoding: outcome.stderr, as: UTF8.self)), timedOut
        )
    }

    /// The result lines, parsed.
    func results() -> [[String: Any]] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("results.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func result(_ name: String) -> [String: Any]? {
        results().first { $0["file"] as? String == inbox.path + "/" + name }
    }

    static func detail(_ result: [String: Any]?) -> String {
        (result?["error"] as? [String: Any])?["detail"] as? String ?? ""
    }

    /// Runs a watcher over the test's pipeline until `condition` holds (or 90 s), then stops it with SIGTERM.
    func watching(until condition: () -> Bool) throws -> Bool {
        let process = try watch.start()
        let met = watch.waitUntil(seconds: 90, condition)
        process.send(SIGTERM)
        process.wait()
        return met
    }

    /// A path for the C library from raw bytes (names that are not UTF-8).
    static func cPath(_ bytes: [UInt8]) -> [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }

    // MARK: Cases

    @Test func aScanStillBeingWrittenGoesBackToWaitingAndIsReadWhole() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try watch.writePipeline("settle_seconds: 1\nlists: none")
        let bytes = try Data(contentsOf: Self.scan())
        let path = inbox.appendingPathComponent("half.jpg").path
        #expect(FileManager.default.createFile(atPath: path, contents: bytes.prefix(bytes.count / 3)))
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try writer.seekToEnd()
        let process = try watch.start()
        defer {
            process.send(SIGTERM)
            process.wait()
        }
        // The scanner pauses longer than the settle time: the watcher takes the file half written.
        #expect(watch.waitUntil(seconds: 60) { !FileManager.default.fileExists(atPath: path) })
        try writer.write(contentsOf: bytes.suffix(from: bytes.count / 3))
        try writer.close()
        #expect(watch.waitUntil(seconds: 60) { (try? watch.contents("processed"))?.contains("half.jpg") == true })
        let lines = results().filter { ($0["file"] as? String)?.hasSuffix("/half.jpg") == true }
        #expect(lines.count == 1, "one result, for the whole file")
        #expect(lines.first?["status"] as? String == "ok")
        let processed = folder.appendingPathComponent("processed/half.jpg")
        #expect(try Data(contentsOf: processed) == bytes)
        let rescan = try Docguard.run(["scan", processed.path, "--no-lists"])
        #expect(
            rescan.stdout.contains("\"sha256\":\"\(lines.first?["sha256"] as? String ?? "-")\""),
            "the recorded sha256 is the file's")
        #expect(try !watch.contents("quarantine").contains("half.jpg"))
    }

    @Test func anOversizedFileIsRefusedUnreadAndTheScansAfterItAreProcessed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try watch.writePipeline("settle_seconds: 0.2\nmax_file_mb: 1\nlists: none")
        let big = inbox.appendingPathComponent("a-big.png").path
        let signature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])  // a PNG's first bytes
        #expect(FileManager.default.createFile(atPath: big, contents: signature))
        #expect(truncate(big, 1_500_000) == 0)
        try FileManager.default.copyItem(at: Self.scan(), to: inbox.appendingPathComponent("b-scan.jpg"))
        #expect(try watching { results().count == 2 })
        let refused = result("a-big.png")
        #expect(refused?["status"] as? String == "error")
        #expect(Self.detail(refused).contains("too large: 1500000 bytes"), "\(Self.detail(refused))")
        #expect(result("b-scan.jpg")?["status"] as? String == "ok")
        #expect(try watch.contents("quarantine").contains("a-big.png"))
        #expect(try watch.contents("processed") == ["b-scan.jpg"])
    }

    @Test func scanRefusesAFileOverTheDefaultLimitBeforeReadingIt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = folder.appendingPathComponent("huge.png").path
        #expect(FileManager.default.createFile(atPath: huge, contents: Data([0x89, 0x50, 0x4E, 0x47])))
        #expect(truncate(huge, 300_000_000) == 0)  // sparse: no disk used
        let (run, timedOut) = try Self.runBounded(["scan", huge, "--no-lists"])
        #expect(!timedOut && run.status == 0)
        #expect(run.stdout.contains("file too large: 300000000 bytes, more than the limit of 200000000 bytes"))
    }

    static let layouts: [(key: String, yaml: String)] = [
        ("processed", "inbox: inbox\nprocessed: inbox\nquarantine: quarantine\nresults: results.jsonl"),
        ("processed", "inbox: inbox\nprocessed: ./x/../inbox/\nquarantine: quarantine\nresults: results.jsonl"),
        ("quarantine", "inbox: inbox\nprocessed: processed\nquarantine: inbox/quarantine\nresults: results.jsonl"),
        ("results", "inbox: inbox\nprocessed: processed\nquarantine: quarantine\nresults: inbox/results.jsonl"),
    ]

    @Test(arguments: layouts) func aFolderInsideTheInboxIsRefusedAtStart(key: String, yaml: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.scan(), to: inbox.appendingPathComponent("scan.jpg"))
        let pipeline = folder.appendingPathComponent("watch.yaml")
        try "mode: watch\n\(yaml)\nsettle_seconds: 0.1\nlists: none\n".write(
            to: pipeline, atomically: true, encoding: .utf8)
        let (run, timedOut) = try Self.runBounded(["run", pipeline.path], seconds: 20)
        #expect(!timedOut && run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(
            lines.count == 1 && lines[0].contains("watch.yaml: \(key):") && lines[0].contains("inside"),
            "\(run.stderr)")
        #expect(try watch.contents("inbox") == ["scan.jpg"], "nothing taken")
    }

    @Test func aFIFOOrAFolderInTheInboxIsQuarantinedNamedForWhatItIs() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try watch.writePipeline("settle_seconds: 0.2\nlists: none")
        #expect(mkfifo(inbox.appendingPathComponent("pipe.jpg").path, 0o644) == 0)
        try FileManager.default.createDirectory(
            at: inbox.appendingPathComponent("sub"), withIntermediateDirectories: false)
        try FileManager.default.copyItem(at: Self.scan(), to: inbox.appendingPathComponent("scan.jpg"))
        #expect(try watching { results().count == 3 })
        #expect(Self.detail(result("pipe.jpg")) == "not a regular file but a FIFO (named pipe); not opened")
        #expect(Self.detail(result("sub")) == "not a regular file but a folder; not opened")
        #expect(try Set(watch.contents("quarantine")).isSuperset(of: ["pipe.jpg", "pipe.jpg.error.json", "sub"]))
        #expect(result("scan.jpg")?["status"] as? String == "ok")
    }

    @Test func scanOfAFIFONeverBlocks() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.jpg").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let (run, timedOut) = try Self.runBounded(["scan", fifo, "--no-lists"], seconds: 20)
        #expect(!timedOut && run.status == 0)
        #expect(run.stdout.contains("\"detail\":\"not a regular file but a FIFO (named pipe); not opened\""))

        // Matched by a batch glob, beside a scan, on a first run and on a resume (which hashes every input).
        try FileManager.default.copyItem(at: Self.scan(), to: folder.appendingPathComponent("scan.jpg"))
        let night = folder.appendingPathComponent("night.yaml")
        try """
        mode: batch
        inputs: ["*.jpg"]
        results: night.jsonl
        risk: \(GoldenTests.root.appendingPathComponent("Models/risk.yaml").path)
        lists: none
        """.write(to: night, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let (batch, batchTimedOut) = try Self.runBounded(["run", night.path], seconds: 60)
            #expect(!batchTimedOut && batch.status == 0, "\(batch.stderr)")
        }
        let written = try String(contentsOf: folder.appendingPathComponent("night.jsonl"), encoding: .utf8)
        #expect(written.contains("\"file\":\"\(fifo)\"") && written.contains("a FIFO (named pipe); not opened"))
    }

    @Test func aNameThatIsNotUTF8IsScannedUnderAnEscapedName() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try watch.writePipeline("settle_seconds: 0.2\nlists: none")
        let latin1 = Array("caf".utf8) + [0xE9] + Array(".jpg".utf8)  // "café.jpg" written in Latin-1
        let staged = folder.appendingPathComponent("staged.jpg").path
        try FileManager.default.copyItem(at: Self.scan(), to: URL(fileURLWithPath: staged))
        #expect(rename(staged, Self.cPath(Array(inbox.path.utf8) + [UInt8(ascii: "/")] + latin1)) == 0)
        #expect(try watching { results().count == 1 })
        #expect(result("caf\\xe9.jpg")?["status"] as? String == "ok")
        #expect(try watch.contents("processed") == ["caf\\xe9.jpg"])
        #expect(try watch.contents("inbox") == [".docguard-work"], "nothing left in the inbox")

        // A folder walk and a batch glob scan it too, under the same rendering.
        let scans = folder.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.scan(), to: URL(fileURLWithPath: staged))
        #expect(rename(staged, Self.cPath(Array(scans.path.utf8) + [UInt8(ascii: "/")] + latin1)) == 0)
        let walked = try Docguard.run(["scan", scans.path, "--no-lists"])
        #expect(walked.status == 0 && walked.stdout.contains("\"file\":\"\(scans.path)/caf\\\\xe9.jpg\""), "\(walked)")
        #expect(walked.stdout.contains("\"status\":\"ok\""))
        // Named on the command line as the shell passes it: bytes, not UTF-8.
        let command = "exec \"$0\" scan --no-lists \"$(printf '%s/caf\\351.jpg' \"$1\")\""
        let shell = try ChildProcess("/bin/sh", ["-c", command, Docguard.executable.path, scans.path], stdout: .pipe)
        let named = shell.finish()
        let namedOutput = String(decoding: named.stdout, as: UTF8.self)
        #expect(named.status == 0 && namedOutput.contains("caf\\\\xe9.jpg\""), "\(namedOutput)")
        #expect(namedOutput.contains("\"status\":\"ok\""))
        let batch = folder.appendingPathComponent("night.yaml")
        try """
        mode: batch
        inputs: [scans/*.jpg]
        results: night.jsonl
        risk: \(GoldenTests.root.appendingPathComponent("Models/risk.yaml").path)
        lists: none
        """.write(to: batch, atomically: true, encoding: .utf8)
        let night = try Docguard.run(["run", batch.path])
        #expect(night.status == 0, "\(night.stderr)")
        let written = try String(contentsOf: folder.appendingPathComponent("night.jsonl"), encoding: .utf8)
        #expect(written.contains("caf\\\\xe9.jpg") && written.contains("\"status\":\"ok\""))
    }

    @Test func aFolderThatCannotBeListedIsAWarning() throws {
        defer {
            _ = try? ChildProcess("/bin/rm", ["-rf", folder.path]).wait()
        }
        // Deeper than PATH_MAX: listable by no one, root included (permissions would not stop root).
        let scans = folder.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.scan(), to: scans.appendingPathComponent("a.jpg"))
        var descriptor = open(scans.path, O_RDONLY | O_DIRECTORY)
        let name = String(repeating: "d", count: 250)
        for _ in 0..<18 {
            #expect(mkdirat(descriptor, name, 0o755) == 0)
            let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
            close(descriptor)
            descriptor = next
        }
        close(descriptor)
        let run = try Docguard.run(["scan", scans.path, "--no-lists"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 1, "a.jpg is still scanned")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("cannot list the folder") }
        #expect(
            warnings.count == 1 && warnings[0].hasPrefix("docguard: warning: \(scans.path)/\(name)"),
            "\(run.stderr)")
    }

    @Test func aSecondWatcherOnThePipelineIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try watch.writePipeline("settle_seconds: 0.2\nlists: none")
        let first = try watch.start()
        defer {
            first.send(SIGTERM)
            first.wait()
        }
        let status = folder.appendingPathComponent("results.jsonl.status.json").path
        #expect(watch.waitUntil(seconds: 60) { FileManager.default.fileExists(atPath: status) })
        let pipeline = folder.appendingPathComponent("watch.yaml").path
        let (second, timedOut) = try Self.runBounded(["run", pipeline], seconds: 20)
        #expect(!timedOut && second.status == 2)
        let lines = second.stderr.split(separator: "\n")
        let refusal = "another watcher (pid \(first.pid)) is already running"
        #expect(
            lines.count == 1 && lines[0].contains(refusal),
            "\(second.stderr)")
        // The first goes on.
        try FileManager.default.copyItem(at: Self.scan(), to: inbox.appendingPathComponent("scan.jpg"))
        #expect(watch.waitUntil(seconds: 60) { results().count == 1 })
    }
}
