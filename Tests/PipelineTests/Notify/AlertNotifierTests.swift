import Foundation
import Pipeline
import Plumbing
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `on_alert` notifier against real shell commands: what it sends, its retries and timeouts, its journal,
/// and that it catches up with a result file written while it was down.
@Suite struct AlertNotifierTests {
    let scratch = ScratchFolder("notify")

    /// A result line of risk `level`, the holder's surname in it.
    static func result(_ file: String, level: String, surname: String = "ERIKSSON") -> String {
        #"{"file":"\#(file)","mrz":{"surname":"\#(surname)"},"risk":{"level":"\#(level)","score":90},"#
            + #""schema":"docguard.result/1","sha256":"00","status":"ok"}"#
    }

    /// Messages the notifier reported.
    final class Messages: @unchecked Sendable {
        private let lines = Locked<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    func append(_ lines: [String], to path: String) throws {
        let handle = FileHandle(forWritingAtPath: path)!
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    @Test func sendsEachAlertOnceOnStandardInputAndReviewsOnlyWhenAsked() throws {
        let folder = try scratch.newFolder().path
        let results = folder + "/results.jsonl"
        try Data().write(to: URL(fileURLWithPath: results))
        let sent = folder + "/sent.txt"
        let lines = [
            Self.result("a.jpg", level: "clear"), Self.result("b.jpg", level: "alert"),
            Self.result("c.jpg", level: "review"), Self.result("d.jpg", level: "alert"),
        ]
        let notifier = try AlertNotifier(
            AlertCommand(
                command: #"cat >> "\#(sent)"; echo "$DOCGUARD_RESULT_LINE $DOCGUARD_RESULT_LEVEL" >> "\#(sent).env""#),
            results: results)
        try append(lines, to: results)
        try notifier.pass()
        try notifier.pass()  // nothing new: nothing sent twice
        #expect(try String(contentsOfFile: sent, encoding: .utf8) == lines[1] + "\n" + lines[3] + "\n")
        #expect(try String(contentsOfFile: sent + ".env", encoding: .utf8) == "2 alert\n4 alert\n")
        #expect(try notifier.journal.counts() == [.delivered: 2])

        let reviews = folder + "/reviews.jsonl"
        try Data().write(to: URL(fileURLWithPath: reviews))
        let withReviews = try AlertNotifier(
            AlertCommand(command: #"cat >> "\#(sent).reviews""#, includesReviews: true), results: reviews)
        try append(lines, to: reviews)
        try withReviews.pass()
        #expect(
            try String(contentsOfFile: sent + ".reviews", encoding: .utf8) == lines[1...3].joined(separator: "\n")
                + "\n")
    }

    @Test func aFailingCommandIsTriedAgainThenGivenUpEachAttemptJournalledAndNothingPersonalReported() throws {
        let folder = try scratch.newFolder().path
        let results = folder + "/results.jsonl"
        try Data().write(to: URL(fileURLWithPath: results))
        let messages = Messages()
        let notifier = try AlertNotifier(
            AlertCommand(command: "echo no route to pager >&2; exit 3", retries: 1), results: results,
            report: messages.add)
        try append([Self.result("b.jpg", level: "alert", surname: "ZZYZXHOLDER")], to: results)
        let wait = try notifier.pass()
        #expect(try notifier.journal.deliveries().map(\.state) == [.pending])
        #expect(wait != nil && wait! <= 1.0 && wait! > 0.5)
        usleep(UInt32((wait! + 0.05) * 1_000_000))
        #expect(try notifier.pass() == nil)
        let delivery = try #require(try notifier.journal.deliveries().first)
        #expect(delivery.state == .failed && delivery.attempts == 2)
        #expect(try notifier.journal.attempts(line: 1).map(\.exitStatus) == [3, 3])
        #expect(messages.all.count == 2)
        #expect(
            messages.all.last?.contains("gave up on result line 1 (alert) after 2 attempts (exit status 3)") == true)
        #expect(!messages.all.joined().contains("ZZYZXHOLDER"))
    }

    @Test func aCommandThatHangsIsKilledWithWhatItStartedAtItsTimeout() throws {
        let folder = try scratch.newFolder().path
        let results = folder + "/results.jsonl"
        try Data().write(to: URL(fileURLWithPath: results))
        let pidFile = folder + "/sleeper.pid"
        let notifier = try AlertNotifier(
            AlertCommand(
                command: #"sleep 60 & echo $! > "\#(pidFile)"; wait"#, timeoutSeconds: 0.5, retries: 0),
            results: results, report: { _ in })
        try append([Self.result("b.jpg", level: "alert")], to: results)
        let started = Date()
        try notifier.pass()
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try notifier.journal.attempts(line: 1).map(\.timedOut) == [true])
        let sleeper = try #require(
            Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        usleep(100_000)
        // The command's own child is gone too (or a zombie left for its new parent to reap).
        let state = (try? String(contentsOfFile: "/proc/\(sleeper)/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").first
        #expect(state == nil || state == "Z")
    }

    @Test func aNewJournalStartsAtTheEndAndAKeptOneCatchesUpAfterARestart() throws {
        let folder = try scratch.newFolder().path
        let results = folder + "/results.jsonl"
        try Data().write(to: URL(fileURLWithPath: results))
        try append([Self.result("old.jpg", level: "alert")], to: results)
        let sent = folder + "/sent.txt"
        let command = AlertCommand(command: #"cat >> "\#(sent)""#)
        do {
            let notifier = try AlertNotifier(command, results: results)
            try notifier.pass()
            #expect(!FileManager.default.fileExists(atPath: sent))  // the past is not paged
        }
        // Written while no notifier ran (a post killed before it read them), and one line still being written.
        try append([Self.result("new.jpg", level: "alert")], to: results)
        try Data(#"{"file":"half"#.utf8).append(toFile: results)
        let again = try AlertNotifier(command, results: results)
        again.start()
        defer { again.stop() }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? String(contentsOfFile: sent, encoding: .utf8)) == nil { usleep(50_000) }
        #expect(try String(contentsOfFile: sent, encoding: .utf8) == Self.result("new.jpg", level: "alert") + "\n")
        #expect(try again.journal.position().line == 2)
    }

    @Test func aReplacedResultFileIsFollowedFromItsStart() throws {
        let folder = try scratch.newFolder().path
        let results = folder + "/results.jsonl"
        try Data().write(to: URL(fileURLWithPath: results))
        let sent = folder + "/sent.txt"
        let messages = Messages()
        let notifier = try AlertNotifier(
            AlertCommand(command: #"cat >> "\#(sent)""#), results: results, report: messages.add)
        try append((0..<3).map { Self.result("\($0).jpg", level: "clear") }, to: results)
        try notifier.pass()
        try Data((Self.result("rotated.jpg", level: "alert") + "\n").utf8).write(to: URL(fileURLWithPath: results))
        try notifier.pass()
        #expect(try String(contentsOfFile: sent, encoding: .utf8) == Self.result("rotated.jpg", level: "alert") + "\n")
        #expect(messages.all.count == 1)
    }
}

extension Data {
    /// Appends these bytes to the file at `path`.
    fileprivate func append(toFile path: String) throws {
        let handle = FileHandle(forWritingAtPath: path)!
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: self)
    }
}
