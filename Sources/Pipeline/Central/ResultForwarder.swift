import Dispatch
import Lists

/// Forwards a post's results file to the central database (`central_results`), every line exactly once and
/// in file order, and reports the post's state at each contact (`central_post_reports`). The results file is
/// the record of truth and the outbox's content: the forwarder follows it from a cursor (`ForwardOutbox`,
/// `RESULTS.outbox`) up to its last complete line, sends a batch in one transaction, and commits the cursor
/// only after the centre committed the batch. Killed between the two, it sends the batch again and the
/// centre's unique key (post, sha256, list generation, record) drops the repeats; cut off for days, it keeps
/// the cursor where it was and catches up when the link returns. Lines `forward_levels` leaves out move the
/// cursor and count in the totals, but are not sent. Not thread-safe: one forwarder per results file, used
/// from one thread (the watcher's background loop, or `docguard forward`).
public final class ResultForwarder: @unchecked Sendable {
    /// Result lines per batch (one transaction at the centre).
    public static let defaultBatchSize = 500

    /// What one round of forwarding did.
    public struct Round: Sendable, Equatable {
        /// Lines sent to the centre (the centre may have held some already).
        public var sent = 0
        /// Lines passed over: left out by `forward_levels`, or not result lines.
        public var passedOver = 0
        /// Lines still waiting after the round.
        public var waiting = 0
        /// Reports sent.
        public var reports = 0
    }

    private let configuration: ForwardConfiguration
    private let results: String
    private let lists: String?
    private let outbox: ForwardOutbox
    /// One forwarder per results file (`RESULTS.outbox.lock`): two would each move the cursor.
    private let lock: WatchLock
    private let batchSize: Int
    private var central: CentralDatabase?
    /// Lines counted after the committed cursor, up to an offset: the outbox depth without reading it all again.
    private var counted: (from: Int64, to: Int64, lines: Int) = (0, 0, 0)
    /// Runs after the centre committed a batch and before the cursor is committed (tests play a kill there).
    var afterCentralCommit: () throws -> Void = {}
    /// Hears of each line that is not a result line (its number only: the line may hold personal data).
    public var notResult: (Int) -> Void = { _ in }

    /// A forwarder of `results` (its outbox `RESULTS.outbox` opened or created), reporting the list in
    /// `lists` (the post's store), in batches of `batchSize` lines.
    public init(
        _ configuration: ForwardConfiguration, results: String, lists: String?, batchSize: Int = defaultBatchSize
    ) throws {
        self.configuration = configuration
        self.results = results
        self.lists = lists
        self.batchSize = max(1, batchSize)
        lock = try WatchLock(path: results + ".outbox.lock", holding: .forwarder)
        outbox = try ForwardOutbox(path: results + ".outbox")
        let cursor = try outbox.cursor()
        counted = (cursor.offset, cursor.offset, 0)
    }

    /// The committed cursor.
    public func cursor() throws -> ForwardCursor { try outbox.cursor() }

    /// Complete result lines after the cursor: the outbox's depth.
    public func waiting() throws -> Int {
        let cursor = try outbox.cursor()
        if counted.from != cursor.offset { counted = (cursor.offset, cursor.offset, 0) }
        let more = ResultFileTail.countLines(results, from: counted.to)
        counted.to = more.end
        counted.lines += more.lines
        return counted.lines
    }

    /// Sends every complete line after the cursor, batch by batch, until none is left or `shouldStop` says so
    /// (asked between batches). A report goes with the first batch of a contact (a new connection), with the
    /// batch that empties an outbox that held more than one batch (a catch-up), and, when `report` is true,
    /// with the round whatever it sent (a watch run's result a minute does not add a report a minute). A failure
    /// drops the connection (the next round makes a new one) and is thrown; the cursor stays at the last
    /// batch the centre committed.
    @discardableResult
    public func forward(report: Bool = false, shouldStop: () -> Bool = { false }) throws -> Round {
        var round = Round()
        do {
            var contact = false
            if central?.isClosed != false {
                central = nil
                central = try CentralDatabase(url: configuration.central, postID: configuration.postID)
                contact = true
            }
            var cursor = try outbox.cursor()
            var batches = 0
            while true {
                let tail = try ResultFileTail.read(results, from: cursor.offset, maxLines: batchSize)
                let caughtUp = tail.reachedEnd && !tail.lines.isEmpty && batches > 0
                let reporting = contact || (report && round.reports == 0) || caughtUp
                guard !tail.lines.isEmpty || reporting else { break }
                var next = cursor
                var rows: [CentralResultRow] = []
                for line in tail.lines {
                    next.line += 1
                    guard let row = CentralResultRow(line: line, sequence: next.line) else {
                        notResult(next.line)
                        round.passedOver += 1
                        continue
                    }
                    next.scans += 1
                    if row.level == "alert" { next.alerts += 1 }
                    if row.level == "review" { next.reviews += 1 }
                    if let levels = configuration.levels, let level = row.level, !levels.contains(level) {
                        round.passedOver += 1
                    } else {
                        rows.append(row)
                    }
                }
                next.offset = tail.end
                var postReport: CentralPostReport?
                if reporting {
                    let depth = tail.reachedEnd ? 0 : ResultFileTail.countLines(results, from: next.offset).lines
                    postReport = CentralPostReport(
                        list: postList(), queueDepth: depth, scans: next.scans, alerts: next.alerts,
                        reviews: next.reviews)
                }
                try central!.send(rows, report: postReport)
                try afterCentralCommit()
                try outbox.advance(to: next)
                cursor = next
                contact = false
                batches += 1
                round.sent += rows.count
                if postReport != nil { round.reports += 1 }
                if tail.reachedEnd || shouldStop() { break }
            }
            round.waiting = try waiting()
            return round
        } catch {
            central = nil
            throw error
        }
    }

    /// The post's list as its store holds it now (nil when it cannot be read: the report says so).
    private func postList() -> ListInfo? {
        guard let lists, let store = try? ListStores.open(lists) else { return nil }
        return try? store.info()
    }
}
