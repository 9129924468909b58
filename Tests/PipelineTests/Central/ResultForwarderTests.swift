import Foundation
import Lists
import Testing

@testable import Pipeline

/// Forwarding a results file to a real central PostgreSQL database: every line once, in order, through an
/// outbox that outlives a crash and a link that is down.
@Suite struct ResultForwarderTests {
    let scratch = ScratchFolder("forward")

    struct Crash: Error {}

    func forwarding(_ fixture: CentralFixture, url: String? = nil, levels: Set<String>? = nil) -> ForwardConfiguration {
        ForwardConfiguration(central: url ?? fixture.postURL, postID: "post-1", levels: levels)
    }

    @Test func aCrashAfterTheCentreCommittedSendsTheBatchAgainAndTheCentreKeepsItOnce() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let results = try scratch.newFolder().appendingPathComponent("results.jsonl").path
        try SyntheticResults.append(1...1_234, to: results)
        do {
            let forwarder = try ResultForwarder(forwarding(fixture), results: results, lists: nil, batchSize: 100)
            var batches = 0
            forwarder.afterCentralCommit = {
                batches += 1
                if batches == 3 { throw Crash() }  // the centre holds lines 1–300, the cursor says 200
            }
            #expect(throws: Crash.self) { try forwarder.forward() }
            #expect(try forwarder.cursor().line == 200)
        }
        let again = try ResultForwarder(forwarding(fixture), results: results, lists: nil, batchSize: 100)
        let round = try again.forward()
        #expect(round.waiting == 0 && round.sent == 1_034)
        let central = try fixture.centralResults(post: "post-1")
        #expect(central.map(\.sequence) == Array(1...1_234))  // once each, in file order
        let cursor = try again.cursor()
        #expect(cursor.line == 1_234 && cursor.scans == 1_234 && cursor.alerts == 123 && cursor.reviews == 124)
    }

    @Test func theOutboxGrowsWhileTheCentreCannotBeReachedAndDrainsWhenItCanAgain() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let results = try scratch.newFolder().appendingPathComponent("results.jsonl").path
        try SyntheticResults.append(1...50, to: results)
        do {  // a closed port: nothing listens
            let closed = fixture.postURL.replacingOccurrences(of: ":5432/", with: ":1/")
            let forwarder = try ResultForwarder(forwarding(fixture, url: closed), results: results, lists: nil)
            #expect(throws: ListError.self) { try forwarder.forward() }
            #expect(try forwarder.waiting() == 50)
        }
        let forwarder = try ResultForwarder(forwarding(fixture), results: results, lists: nil, batchSize: 40)
        try forwarder.forward()
        // The link drops (the centre refuses the post's connections) while the post goes on screening.
        try fixture.admin("REVOKE CONNECT ON DATABASE \(fixture.database) FROM PUBLIC")
        try fixture.admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(fixture.postLogin)'")
        for batch in 0..<3 {
            try SyntheticResults.append(51 + batch * 100...150 + batch * 100, to: results)
            #expect(throws: (any Error).self) { try forwarder.forward() }
            #expect(try forwarder.waiting() == 100 * (batch + 1))
        }
        try fixture.admin("GRANT CONNECT ON DATABASE \(fixture.database) TO \(fixture.postRole)")
        let round = try forwarder.forward()
        #expect(round.sent == 300 && round.waiting == 0 && round.reports == 2)  // on contact, and once drained
        #expect(try fixture.centralResults(post: "post-1").map(\.sequence) == Array(1...350))
        let reports = try fixture.admin(
            "SELECT queue_depth::text, scans::text FROM central_post_reports WHERE post_id = 'post-1' ORDER BY id")
        // At each contact (the first batch, and the one that empties the outbox): the backlog, the totals.
        #expect(reports == [["10", "40"], ["0", "50"], ["260", "90"], ["0", "350"]])
    }

    @Test func alertsAndReviewsOnlyLeaveTheRestAtThePostButCountIt() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let results = try scratch.newFolder().appendingPathComponent("results.jsonl").path
        try SyntheticResults.append(1...100, to: results)
        let forwarder = try ResultForwarder(
            forwarding(fixture, levels: ["alert", "review"]), results: results, lists: nil)
        let round = try forwarder.forward(report: true)
        #expect(round.sent == 20 && round.passedOver == 80)
        let central = try fixture.centralResults(post: "post-1")
        #expect(central.allSatisfy { $0.level == "alert" || $0.level == "review" } && central.count == 20)
        #expect(central.map(\.sequence) == central.map(\.sequence).sorted())
        let report = try fixture.admin(
            "SELECT scans::text, alerts::text, reviews::text FROM central_post_reports ORDER BY id DESC LIMIT 1")
        #expect(report == [["100", "10", "10"]])
    }

    @Test func aLineHalfWrittenWaitsForItsNewline() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let results = try scratch.newFolder().appendingPathComponent("results.jsonl").path
        try SyntheticResults.append(1...3, to: results)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: results))
        try handle.seekToEnd()
        let fourth = SyntheticResults.line(4)
        try handle.write(contentsOf: Data(fourth.prefix(40).utf8))
        let forwarder = try ResultForwarder(forwarding(fixture), results: results, lists: nil)
        #expect(try forwarder.forward().sent == 3)
        try handle.write(contentsOf: Data((fourth.dropFirst(40) + "\n").utf8))
        try handle.close()
        #expect(try forwarder.forward().sent == 1)
        #expect(try fixture.centralResults(post: "post-1").map(\.sequence) == [1, 2, 3, 4])
    }
}
