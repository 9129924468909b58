import Foundation
import MRZ
import TestSupport
import Testing

@testable import Pipeline

/// Watch mode started on what a dying watcher leaves in its journal: a file whose read began at two deaths
/// (it may be what killed the process) must not stop the inbox for good; a file in flight at one death may
/// be innocent (a power cut) and is read again.
@Suite struct WatchRecoveryTests {
    let scratch = ScratchFolder("watch-recovery")

    @Test func aFileReadAtTwoDeathsIsQuarantinedUnreadAndOneReadAtOneDeathIsReadAgain() throws {
        let folder = try scratch.newFolder()
        let inbox = folder.appendingPathComponent("inbox").path
        let work = inbox + "/.docguard-work"
        let results = folder.appendingPathComponent("results.jsonl").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let pipeline = try WatchPipelineFile.write(in: folder, "settle_seconds: 0.1\nlists: none")
        let scan = RiskFixtures.packageRoot.appendingPathComponent("TestImages/td3/0001.jpg").path
        do {
            let journal = try WatchJournal(path: results + ".journal")
            let killer = try journal.claim("killer.jpg")
            try journal.markReading(killer)
            try journal.markReading(killer)
            let innocent = try journal.claim("innocent.jpg")
            try journal.markReading(innocent)
            try FileManager.default.copyItem(atPath: scan, toPath: "\(work)/\(killer)-killer.jpg")
            try FileManager.default.copyItem(atPath: scan, toPath: "\(work)/\(innocent)-innocent.jpg")
        }
        func lines() -> [[String: Any]] {
            ((try? String(contentsOfFile: results, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        let watch = try #require(try WatchMode(try RunConfiguration.load(pipeline), today: MRZDate(iso: "2026-11-30")!))
        try watch.run(now: { "" }, shouldStop: { lines().count >= 2 })

        let written = lines()
        #expect(written.count == 2)
        let killer = written.first { $0["file"] as? String == inbox + "/killer.jpg" }
        #expect(killer?["status"] as? String == "error")
        #expect(
            (killer?["error"] as? [String: Any])?["detail"] as? String
                == "the watcher stopped 2 times while reading this file (it may be what stopped it); not read again")
        #expect(killer?["sha256"] as? String == ContentHash.sha256(ofFileAt: scan))
        #expect(written.first { $0["file"] as? String == inbox + "/innocent.jpg" }?["status"] as? String == "ok")
        func contents(_ name: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)
        }
        let quarantine = try contents("quarantine")
        #expect(Set(quarantine) == ["killer.jpg", "killer.jpg.error.json"])
        let processed = try contents("processed")
        #expect(processed == ["innocent.jpg"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).isEmpty)
    }
}
