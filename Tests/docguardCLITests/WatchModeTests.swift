import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real watch-mode process: files dropped into its inbox (some written slowly, one corrupt, one symlink,
/// awkward names), killed with SIGKILL mid-stream twice and started again, then stopped with SIGTERM.
/// Every scan must end with exactly one result line and in exactly one place.
@Suite(.serialized) struct WatchModeTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
    var inbox: URL { folder.appendingPathComponent("inbox") }

    /// `watch.yaml` in the test's folder: inbox, processed, quarantine and results beside it, plus `more`.
    func writePipeline(_ more: String) throws {
        try WatchPipelineFile.write(in: folder, more)
    }

    func start() throws -> ChildProcess {
        try ChildProcess(Docguard.executable.path, ["run", folder.appendingPathComponent("watch.yaml").path])
    }

    func resultFiles() -> [String] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("results.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["file"] as? String
        }
    }

    func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }

    func contents(_ name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)
    }

    @Test func killedTwiceEveryScanEndsOnceInOnePlace() throws {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try writePipeline("jobs: 2\nsettle_seconds: 0.4\nlists: none")
        let scans = try FileManager.default.contentsOfDirectory(
            atPath: ScanCommandTests.testImages.appendingPathComponent("td3").path
        )
        .filter { $0.hasSuffix(".jpg") }.sorted().prefix(14).map {
            ScanCommandTests.testImages.appendingPathComponent("td3/\($0)")
        }
        // Dotfiles are never taken (scanners write under such names), so none among the scans.
        let names =
            ["plain.jpg", "with space.jpg", "ünïcødé.jpg", "new\nline.jpg", "a..b.jpg", "x..jpg"]
            + (0..<8).map { "scan-\($0).jpg" }
        var process = try start()
        // Written slowly under its final name: must not be taken half written.
        let slow = inbox.appendingPathComponent("slow.jpg")
        let slowBytes = try Data(contentsOf: scans[0])
        #expect(FileManager.default.createFile(atPath: slow.path, contents: slowBytes.prefix(slowBytes.count / 3)))
        for (index, name) in names.enumerated() {
            try FileManager.default.copyItem(at: scans[index % scans.count], to: inbox.appendingPathComponent(name))
        }
        try Data("not an image".utf8).write(to: inbox.appendingPathComponent("corrupt.jpg"))
        try FileManager.default.createSymbolicLink(
            atPath: inbox.appendingPathComponent("link.jpg").path, withDestinationPath: scans[1].path)
        try Data("half".utf8).write(to: inbox.appendingPathComponent("upload.jpg.part"))
        try Data("hidden".utf8).write(to: inbox.appendingPathComponent(".hidden.jpg"))
        let prefix = inbox.path + "/"  // results name scans as the pipeline reaches them
        let expected = Set((names + ["slow.jpg", "corrupt.jpg", "link.jpg"]).map { prefix + $0 })

        // Kill mid-stream, twice, each time after some more results.
        for target in [3, 8] {
            _ = waitUntil(seconds: 60) { resultFiles().count >= target }
            process.send(SIGKILL)
            process.wait()
            if target == 3 {
                let handle = try FileHandle(forWritingTo: slow)
                try handle.seekToEnd()
                try handle.write(contentsOf: slowBytes.suffix(from: slowBytes.count / 3))
                try handle.close()
            }
            process = try start()
        }
        let finished = waitUntil(seconds: 120) { Set(resultFiles()) == expected }
        process.send(SIGTERM)
        process.wait()
        #expect(finished)
        #expect(!process.signalled && process.wait() == 0, "SIGTERM ends cleanly")

        let results = resultFiles()
        #expect(results.count == expected.count, "exactly one result per scan")
        #expect(Set(results) == expected)
        let processed = Set(try contents("processed"))
        let quarantined = Set(try contents("quarantine"))
        for name in expected.map({ String($0.dropFirst(prefix.count)) }) {
            let places = (processed.contains(name) ? 1 : 0) + (quarantined.contains(name) ? 1 : 0)
            #expect(places == 1, "\(name) is in exactly one place")
        }
        #expect(
            quarantined.isSuperset(of: ["corrupt.jpg", "corrupt.jpg.error.json", "link.jpg", "link.jpg.error.json"]))
        #expect(try contents("inbox").sorted() == [".docguard-work", ".hidden.jpg", "upload.jpg.part"])
        #expect(try contents("inbox/.docguard-work").isEmpty)
        let status =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("results.jsonl.status.json"))) as? [String: Any]
        #expect(status?["scans_done"] as? Int == expected.count && status?["queue_depth"] as? Int == 0)
        #expect(status?["errors"] as? Int == 2)
        // The slow file was read whole: its result is a read MRZ, not a broken file.
        let lines = try String(contentsOf: folder.appendingPathComponent("results.jsonl"), encoding: .utf8).split(
            separator: "\n")
        #expect(lines.contains { $0.contains("\"file\":\"\(prefix)slow.jpg\"") && $0.contains(#""status":"ok""#) })
    }

    @Test func aListImportedWhileWatchingIsUsedForTheNextScans() throws {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let specimen = try ScanCommandTests.specimen("TD3")
        let state = String(specimen.lines[0].dropFirst(2).prefix(3))
        let number = String(specimen.lines[1].prefix(9)).replacingOccurrences(of: "<", with: "")
        let store = folder.appendingPathComponent("lists.sqlite").path
        func importList(_ rows: String) throws {
            let list = folder.appendingPathComponent("list.csv")
            try ("record_id,issuing_state,document_number,status\n" + rows).write(
                to: list, atomically: true, encoding: .utf8)
            #expect(try Docguard.run(["lists", "import", list.path, "--store", store, "--replace"]).status == 0)
        }
        try importList("OLD-1,UTO,X0000000,stolen\n")
        try writePipeline("lists: lists.sqlite\nsettle_seconds: 0.2")
        let process = try start()
        defer {
            process.send(SIGTERM)
            process.wait()
        }
        try FileManager.default.copyItem(at: specimen.image, to: inbox.appendingPathComponent("before.jpg"))
        #expect(waitUntil(seconds: 60) { resultFiles().count == 1 })
        try importList("NEW-1,\(state),\(number),stolen\n")
        try FileManager.default.copyItem(at: specimen.image, to: inbox.appendingPathComponent("after.jpg"))
        #expect(waitUntil(seconds: 60) { resultFiles().count == 2 })
        let lines = try String(contentsOf: folder.appendingPathComponent("results.jsonl"), encoding: .utf8).split(
            separator: "\n")
        #expect(lines.first { $0.contains("before.jpg") }?.contains(#""hit":false"#) == true)
        #expect(lines.first { $0.contains("after.jpg") }?.contains(#""record_id":"NEW-1""#) == true)
    }

    @Test func aHangingAlertCommandNeverHoldsScanningAndPendingAlertsAreSentAfterAKill() throws {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let specimen = try ScanCommandTests.specimen("TD3")
        let state = String(specimen.lines[0].dropFirst(2).prefix(3))
        let number = String(specimen.lines[1].prefix(9)).replacingOccurrences(of: "<", with: "")
        let list = folder.appendingPathComponent("list.csv")
        try "record_id,issuing_state,document_number,status\nS-1,\(state),\(number),stolen\n".write(
            to: list, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("lists.sqlite").path
        #expect(try Docguard.run(["lists", "import", list.path, "--store", store]).status == 0)
        let sent = folder.appendingPathComponent("sent").path
        let pids = folder.appendingPathComponent("pids").path
        defer {  // the first command's runs outlive the watcher killed under them
            for pid in ((try? String(contentsOfFile: pids, encoding: .utf8)) ?? "").split(separator: "\n") {
                if let pid = Int32(pid) { kill(pid, SIGKILL) }
            }
        }
        // First a command that takes the line, then hangs far past the time the scans need.
        try writePipeline(
            "lists: lists.sqlite\nsettle_seconds: 0.2\non_alert: 'echo $$ >> \(pids); cat >> \(sent)-1; exec sleep 120'\n"
                + "on_alert_timeout_seconds: 600")
        var process = try start()
        for name in ["a.jpg", "b.jpg", "c.jpg"] {
            try FileManager.default.copyItem(at: specimen.image, to: inbox.appendingPathComponent(name))
        }
        #expect(waitUntil(seconds: 60) { resultFiles().count == 3 })
        #expect(waitUntil(seconds: 10) { FileManager.default.fileExists(atPath: sent + "-1") })
        process.send(SIGKILL)
        process.wait()
        let results = try String(contentsOf: folder.appendingPathComponent("results.jsonl"), encoding: .utf8)
        #expect(results.split(separator: "\n").allSatisfy { $0.contains(#""level":"alert""#) })

        // Started again with a command that answers: the one in flight and the two waiting are all sent, in order.
        try writePipeline("lists: lists.sqlite\nsettle_seconds: 0.2\non_alert: 'cat >> \(sent)-2'\n")
        process = try start()
        defer {
            process.send(SIGTERM)
            process.wait()
        }
        #expect(
            waitUntil(seconds: 30) {
                ((try? String(contentsOfFile: sent + "-2", encoding: .utf8)) ?? "").split(separator: "\n").count == 3
            })
        #expect(try String(contentsOfFile: sent + "-2", encoding: .utf8) == results)
        #expect(
            try String(contentsOfFile: sent + "-1", encoding: .utf8) == String(results.split(separator: "\n")[0]) + "\n"
        )
        let status = folder.appendingPathComponent("results.jsonl.status.json")
        #expect(
            waitUntil(seconds: 10) {
                ((try? String(contentsOf: status, encoding: .utf8)) ?? "").contains(#""alerts_notified":3"#)
            })
    }
}
