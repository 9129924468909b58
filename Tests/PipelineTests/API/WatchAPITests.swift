import Foundation
import Lists
import MRZ
import TestSupport
import Testing

@testable import Pipeline

/// Watch mode with PAXLST files dropped in the inbox by the airline gateway: one result per traveller document,
/// the file moved on once all are on disk, and a watcher stopped halfway writes on restart only what is missing.
@Suite struct WatchAPITests {
    let scratch = ScratchFolder("watch-api")

    /// A watch pipeline in `folder` against the sample flight's list; its inbox, results and pipeline paths.
    func pipeline(in folder: URL) throws -> (inbox: String, results: String, file: String) {
        let inbox = folder.appendingPathComponent("inbox").path
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try SampleFlightStore.make(in: folder)
        let file = try WatchPipelineFile.write(
            in: folder, "settle_seconds: 0.1\nlists: lists.sqlite\nas_of: 2026-11-24")
        return (inbox, folder.appendingPathComponent("results.jsonl").path, file)
    }

    private func lines(_ results: String) -> [[String: Any]] {
        ((try? String(contentsOfFile: results, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    private func names(_ folder: URL, _ name: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)) ?? []
    }

    @Test func aFlightDroppedInTheInboxIsScreenedAndMovedOn() throws {
        let folder = try scratch.newFolder()
        let (inbox, results, file) = try pipeline(in: folder)
        try PaxlstSample.flight.write(toFile: inbox + "/UA123.edi", atomically: true, encoding: .utf8)
        // Not one traveller: quarantined with its reason, never a quiet nothing.
        try "UNA:+.? '\nUNH+1+PAXLST:D:05B:UN:IATA'\nBGM+745'\nUNT+3+1'\n".write(
            toFile: inbox + "/empty.edi", atomically: true, encoding: .utf8)
        let watch = try #require(try WatchMode(try RunConfiguration.load(file), today: MRZDate(iso: "2026-11-30")!))
        try watch.run(now: { "" }, shouldStop: { lines(results).count >= 9 })

        let written = lines(results)
        #expect(written.count == 9)
        let flight = written.filter { $0["file"] as? String == inbox + "/UA123.edi" }
        #expect(flight.compactMap { $0["record"] as? Int } == Array(1...8))
        #expect(flight.filter { ($0["risk"] as? [String: Any])?["level"] as? String == "alert" }.count == 2)
        let empty = written.first { $0["file"] as? String == inbox + "/empty.edi" }
        #expect(empty?["status"] as? String == "error")
        #expect(((empty?["error"] as? [String: Any])?["detail"] as? String)?.hasPrefix("a PAXLST file with no") == true)
        #expect(names(folder, "processed") == ["UA123.edi"])
        #expect(names(folder, "quarantine").sorted() == ["empty.edi", "empty.edi.error.json"])
    }

    @Test func aWatcherStoppedHalfwayWritesOnlyWhatIsMissing() throws {
        let folder = try scratch.newFolder()
        let (inbox, results, file) = try pipeline(in: folder)
        let work = inbox + "/.docguard-work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // What the stopped run left: the file claimed and being read, three of its eight lines on disk, the
        // third cut short.
        let path = inbox + "/UA123.edi"
        try PaxlstSample.flight.write(toFile: path, atomically: true, encoding: .utf8)
        let first = try screenedLines(path, store: folder.appendingPathComponent("lists.sqlite").path)
        try FileManager.default.removeItem(atPath: path)
        try (first[0] + "\n" + first[1] + "\n" + first[2].prefix(40)).write(
            toFile: results, atomically: true, encoding: .utf8)
        do {
            let journal = try WatchJournal(path: results + ".journal")
            let id = try journal.claim("UA123.edi")
            try journal.markReading(id)
            try PaxlstSample.flight.write(toFile: "\(work)/\(id)-UA123.edi", atomically: true, encoding: .utf8)
        }
        let watch = try #require(try WatchMode(try RunConfiguration.load(file), today: MRZDate(iso: "2026-11-30")!))
        try watch.run(now: { "" }, shouldStop: { names(folder, "processed").count == 1 })

        let written = lines(results)
        #expect(written.compactMap { $0["record"] as? Int } == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(names(folder, "processed") == ["UA123.edi"])
    }

    /// The result lines of screening the PAXLST file at `path`, as a watcher would write them.
    private func screenedLines(_ path: String, store: String) throws -> [String] {
        var output: [UInt8] = []
        try TextScreening.run(
            reader: PaxlstRecordReader(paths: [path], asOfYear: 2026),
            screener: MRZScreener(matcher: try ListMatcher(store: try ListStores.open(store)), currentYear: 2026),
            risk: RiskStage(scorer: RiskScorer(policy: try RiskFixtures.shippedPolicy(), asOf: RiskFixtures.asOf)),
            jobs: 1
        ) { output += $0 }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
