import Foundation
import Lists
import MRZ
import Plumbing
import TestSupport
import Testing

@testable import Pipeline

/// A watch run with `sync_from:` and `forward:` against a real central database: a change made at the
/// centre during the run reaches the post's list and the next result, and the results reach the centre.
@Suite struct WatchCentralLinksTests {
    let scratch = ScratchFolder("watch-central")

    /// A watch pipeline in `folder` (inbox, results.jsonl, lists.sqlite there) with the keys `central` adds;
    /// its path.
    func watchPipeline(in folder: URL, _ central: String) throws -> String {
        try WatchPipelineFile.write(
            in: folder, "settle_seconds: 0.1\nlists: lists.sqlite\nas_of: 2026-11-24\n" + central)
    }

    @Test func aCentralChangeDuringTheRunReachesTheNextResultAndTheResultsReachTheCentre() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let folder = try scratch.newFolder()
        let first = folder.appendingPathComponent("first.csv").path
        try
            "record_id,issuing_state,document_number,document_type,status,reported_on,number_to\nA-1,UTO,X0000001,P,lost,2024-01-01,\n"
            .write(toFile: first, atomically: true, encoding: .utf8)
        let change = folder.appendingPathComponent("change.csv").path
        try PaxlstSample.list.write(toFile: change, atomically: true, encoding: .utf8)
        try fixture.importList(first, version: "central-1")
        let post = folder.appendingPathComponent("lists.sqlite").path
        _ = try ListSync.run(
            from: try PostgresListStore(url: fixture.postURL), into: ListStores.open(post, create: true))
        let inbox = folder.appendingPathComponent("inbox").path
        let results = folder.appendingPathComponent("results.jsonl").path
        let file = try watchPipeline(
            in: folder,
            """
            sync_from: \(fixture.postURL)
            sync_minutes: 0.01
            forward: \(fixture.postURL)
            post_id: post-w
            """)
        let watch = try #require(try WatchMode(try RunConfiguration.load(file), today: MRZDate(iso: "2026-11-30")!))
        let started = Date()
        var step = 0
        try watch.run(
            now: { "2026-11-30T12:00:00Z" },
            shouldStop: {
                guard Date().timeIntervalSince(started) < 60 else { return true }
                switch step {
                case 0:  // the centre lists the flight's documents while the post watches
                    try? fixture.importList(change, version: "central-2")
                    step = 1
                case 1:
                    if (try? ListStores.open(post).info()?.generation) == 2 {
                        try? PaxlstSample.flight.write(toFile: inbox + "/UA123.edi", atomically: true, encoding: .utf8)
                        step = 2
                    }
                default:
                    return (try? fixture.admin("SELECT count(*)::text FROM central_results")) == [["8"]]
                }
                return false
            })
        let lines = try String(contentsOfFile: results, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines.filter { $0.contains(#""level":"alert""#) }.count == 2)
        #expect(lines.allSatisfy { $0.contains(#""generation":2"#) && $0.contains(#""version":"central-2""#) })
        let central = try fixture.admin(
            "SELECT post_sequence::text, list_generation::text, record::text FROM central_results ORDER BY id")
        #expect(central.map { $0[0] } == (1...8).map { "\($0)" })
        #expect(central.allSatisfy { $0[1] == "2" })
        let status = try String(contentsOfFile: results + ".status.json", encoding: .utf8)
        #expect(status.contains(#""last_sync":"2026-11-30T12:00:00Z""#))
        #expect(status.contains(#""outbox_depth":"#) && !status.contains(fixture.postPassword))
    }

    @Test func aDeadLinkNeitherStopsNorSlowsTheWatchAndTheOutboxShowsWhatWaits() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let folder = try scratch.newFolder()
        try SampleFlightStore.make(in: folder)
        let closed = fixture.postURL.replacingOccurrences(of: ":5432/", with: ":1/")
        let inbox = folder.appendingPathComponent("inbox").path
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try PaxlstSample.flight.write(toFile: inbox + "/UA123.edi", atomically: true, encoding: .utf8)
        let results = folder.appendingPathComponent("results.jsonl").path
        let file = try watchPipeline(
            in: folder,
            """
            sync_from: \(closed)
            forward: \(closed)
            post_id: post-d
            """)
        let watch = try #require(try WatchMode(try RunConfiguration.load(file), today: MRZDate(iso: "2026-11-30")!))
        let logged = Locked<[String]>([])
        let started = Date()
        try watch.run(
            now: { "2026-11-30T12:00:00Z" },
            shouldStop: {
                let status = (try? String(contentsOfFile: results + ".status.json", encoding: .utf8)) ?? ""
                return Date().timeIntervalSince(started) > 30 || status.contains(#""outbox_depth":8"#)
            }, log: { line in logged.withLock { $0.append(line) } })
        #expect(Date().timeIntervalSince(started) < 30)
        let status = try String(contentsOfFile: results + ".status.json", encoding: .utf8)
        #expect(status.contains(#""scans_done":1"#) && status.contains(#""last_forward":null"#))
        #expect(status.contains(#""forward_error":"central database"#) && status.contains(#""sync_error":"list store"#))
        let lines = logged.withLock { $0 }
        #expect(
            lines.contains { $0.hasPrefix("forwarding failed: central database") }
                && lines.contains { $0.hasPrefix("list sync from") })
        for text in lines + [status] { #expect(!text.contains(fixture.postPassword)) }
    }

    @Test func aNewPostFetchesItsFirstListBeforeItScreensAndRefusesToStartWhenItCannot() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let folder = try scratch.newFolder()
        let first = folder.appendingPathComponent("first.csv").path
        try "record_id,issuing_state,document_number,status\nA-1,UTO,X0000001,lost\n"
            .write(toFile: first, atomically: true, encoding: .utf8)
        try fixture.importList(first, version: "central-1")
        let store = folder.appendingPathComponent("lists.sqlite").path

        // The centre out of reach: the post, holding no list, does not start, and says why in one line.
        let closed = fixture.postURL.replacingOccurrences(of: ":5432/", with: ":1/")
        let cutOff = try watchPipeline(in: folder, "sync_from: \(closed)\n")
        let refusal = #expect(throws: PipelineError.self) {
            try WatchMode(try RunConfiguration.load(cutOff), today: MRZDate(iso: "2026-11-30")!)
        }
        let line = refusal.map { "\($0)" } ?? ""
        #expect(line.hasPrefix(store + ": the post holds no list yet and its first sync from postgres://"))
        #expect(!line.contains("\n") && !line.contains(fixture.postPassword))

        // The centre in reach: the list is at the post before the watch is set up.
        let linked = try watchPipeline(in: folder, "sync_from: \(fixture.postURL)\n")
        _ = try #require(try WatchMode(try RunConfiguration.load(linked), today: MRZDate(iso: "2026-11-30")!))
        let info = try #require(try ListStores.open(store).info())
        #expect(info.version == "central-1" && info.records == 1)
    }
}
