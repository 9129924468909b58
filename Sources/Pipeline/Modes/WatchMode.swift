import Dispatch
import Foundation
import Lists
import MRZ
import OCR
import Plumbing

#if canImport(Glibc)
    import Glibc
#endif

/// Watch mode (a border post): takes each scan from the inbox once the scanner has finished writing it,
/// writes its result, then moves it to processed/ — or to quarantine/ with `NAME.error.json` beside it
/// when it is not a readable image. Killed at any moment (kill -9) and started again, every scan ends with
/// exactly one result line and in exactly one place: each step is recorded in a journal (SQLite) before
/// the next, results are on disk (fsync) before a file moves, and what was in flight is finished or redone
/// — except a file that was being read each time the process died, which is quarantined unread. A file
/// that changed while it was read (a scanner that paused longer than the settle time) goes back to
/// waiting; one that would go to quarantine waits one settle time more first, for the same reason.
/// Only one watcher runs a pipeline (`WatchLock`), and its folders lie outside its inbox (`WatchLayout`).
/// A PAXLST file (Advance Passenger Information from the airline gateway, told by content) is screened on the
/// watcher's thread: one result per traveller document, all on disk before the file moves; a stop midway is
/// finished on restart by screening the file again and writing only the documents without a result.
/// The scans are read by long-lived workers; each result is finished (weighed, written, synced, moved) on
/// the watcher's own thread, one at a time, in order.
public final class WatchMode {
    /// Reads begun this many times, each ended by the process dying, quarantine the file unread: the first
    /// death may have been anything (a power cut), so the file is read once more, alone; the second time it
    /// is most likely the file, and it must not stop the inbox for good.
    static let readsBeforeQuarantine = 2

    private let watch: WatchConfiguration
    private let stages: StageConfiguration
    private let configuration: RunConfiguration
    /// The links to the centre (forwarding, list sync) while `run` runs, when the pipeline names them.
    private var links: CentralLinks?
    private typealias Claim = WatchFolders.Claim
    private let inbox: String
    /// The inbox, work, processed and quarantine folders, and the moves between them.
    private let folders: WatchFolders
    private let lock: WatchLock
    private let journal: WatchJournal
    /// The stages, built once.
    private let pipeline: ScanPipeline
    /// The readers, one engine each, for the watcher's whole life.
    private let workers: ScanWorkers
    /// The lists (refreshed when a newer import appears), the year and the size limit every scan is read with.
    private var settings: ScanSettings
    private let results: OutputFile
    /// Runs `on_alert` for each alert, off the scan path; nil without one.
    private let notifier: AlertNotifier?
    private let status: String
    private var order = 0
    private var lastHit: String?
    /// Results that would send their file to quarantine, held one settle time in case it is still written.
    private var held: [(claim: Claim, reading: ScanReading, until: Double)] = []
    /// The wall clock, ISO 8601 UTC: for the status file only, never for results.
    private var now: () -> String = { "" }
    /// Sees every result once it is written (a progress display).
    private var written: (ScanResult) -> Void = { _ in }
    private let clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Sets up watch mode for `configuration`, judging dates as of `today` unless it fixes the day: checks the
    /// folder layout, takes the pipeline's lock, makes the folders, opens the journal (`RESULTS.journal`), then
    /// fetches a new post's first list (`CentralLinks.fetchFirstList`), builds the pipeline (`recognizers`
    /// reading lines) and its workers. Nil when the mode is not watch.
    public init?(_ configuration: RunConfiguration, today: MRZDate, recognizers: LineRecognizers = .tesseract) throws {
        guard case .watch(let watch) = configuration.mode else { return nil }
        self.watch = watch
        self.configuration = configuration
        stages = configuration.stages
        try WatchLayout.check(watch, file: configuration.file ?? "")
        inbox = watch.inbox
        let work = inbox + "/.docguard-work"
        let resultsFolder = (watch.results as NSString).deletingLastPathComponent
        try WatchFolders.makeFolder(resultsFolder.isEmpty ? "." : resultsFolder)
        lock = try WatchLock(path: watch.results + ".journal.lock")
        for folder in [inbox, watch.processed, watch.quarantine, work] { try WatchFolders.makeFolder(folder) }
        journal = try WatchJournal(path: watch.results + ".journal")
        folders = WatchFolders(
            inbox: inbox, processed: watch.processed, quarantine: watch.quarantine, work: work, journal: journal)
        try CentralLinks.fetchFirstList(configuration)
        pipeline = try ScanPipeline.make(configuration, today: today, recognizers: recognizers)
        workers = try pipeline.workers(for: stages.jobs)
        settings = pipeline.settings
        results = try OutputFile(path: watch.results, append: true)
        notifier = try watch.alertCommand.map { try AlertNotifier($0, results: watch.results) }
        status = watch.results + ".status.json"
    }

    /// Finishes what a stopped run left in flight, then watches until `shouldStop` says so (checked between
    /// batches: scans in flight are always finished). `now` tells the status file the time (ISO 8601, UTC);
    /// `written` sees every result once it is written; `log` takes the background links' lines for the operator
    /// (a forward or sync that failed; never personal data). The links to the centre (`CentralLinks`) run
    /// beside the watch from the end of recovery to the end of the run.
    public func run(
        now: @escaping @Sendable () -> String, shouldStop: () -> Bool,
        written: @escaping (ScanResult) -> Void = { _ in }, log: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        self.now = now
        self.written = written
        try recover()
        notifier?.start()
        defer { notifier?.stop() }
        let links = try CentralLinks(configuration, results: watch.results, now: now, log: log)
        self.links = links
        links.start()
        defer {
            links.stop()
            self.links = nil
        }
        let watcher = InboxWatcher(inbox: inbox, settle: watch.settleSeconds)
        while !shouldStop() {
            try release(all: false)
            let ready = watcher.ready(now: clock())
            try writeStatus(queue: ready.count, notifications: watcher.usesNotifications)
            guard !ready.isEmpty else {
                watcher.wait(seconds: max(0.05, min(0.25, watch.settleSeconds / 2)))
                continue
            }
            refreshLists()
            var claimed: [Claim] = []
            for entry in ready.prefix(stages.jobs * 4) {
                watcher.taken(entry.name)
                if let claim = try folders.claim(entry) { claimed.append(claim) }
            }
            try process(claimed)
        }
        try release(all: true)
        try writeStatus(queue: 0, notifications: watcher.usesNotifications)
    }

    // MARK: Steps

    /// Scans the claimed files (regular files in parallel; anything else is refused unread, named for what
    /// it is) and finishes each. Each read's start is in the journal before the read.
    private func process(_ claimed: [Claim]) throws {
        var scans: [Claim] = []
        for claim in claimed {
            var info = stat()
            let path = folders.workPath(claim.id, claim.name)
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                let refusal = ScanFile.Refusal.notRegular(kind: ScanFile.kind(info.st_mode))
                try write(.badFile(inbox + "/" + claim.name, sha256: nil, detail: refusal.detail), claim)
            } else if APIFile.isPaxlst(path) {
                try screenAPI(claim)
            } else {
                scans.append(claim)
            }
        }
        guard !scans.isEmpty else { return }
        let failure = Locked<Error?>(nil)
        let journal = journal
        let ids = scans.map(\.id)
        var next = 0
        let jobs = scans.map { ScanJob(path: folders.workPath($0.id, $0.name), file: inbox + "/" + $0.name) }
        workers.scan(jobs, settings: settings) { index in
            do {
                try journal.markReading(ids[index])
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        } emit: { reading in
            defer { next += 1 }
            do {
                try finish(reading, scans[next])
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// A PAXLST file: one result per traveller document (but those in `done`, written by a run that stopped),
    /// every line on disk before the file moves to processed/; back to waiting when the file changed while it
    /// was read; to quarantine when not one traveller could be read from it.
    private func screenAPI(_ claim: Claim, done: Set<Int> = []) throws {
        try journal.markReading(claim.id)
        let path = folders.workPath(claim.id, claim.name)
        let file = inbox + "/" + claim.name
        let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        let screened = APIFile(
            bytes: bytes, sha256: ContentHash.sha256(bytes), path: file, matcher: settings.matcher,
            currentYear: settings.currentYear, done: done)
        guard WatchFolders.stamp(path) == claim.stamp else { return try folders.returnToInbox(claim) }
        if let problem = screened.problem {
            return try write(.badFile(file, sha256: screened.sha256, detail: problem), claim)
        }
        let results = screened.readings.map { reading in
            defer { order += 1 }
            return pipeline.risk.assessInOrder(reading, order: order)
        }
        for result in results { self.results.writeLine(result) }
        try self.results.sync()
        try journal.markWritten(claim.id, quarantine: false)
        if results.contains(where: { $0.list?.hit == true }) { lastHit = now() }
        try folders.move(id: claim.id, name: claim.name, quarantine: false, problem: nil, sha256: screened.sha256)
        wakeFollowers()
        results.forEach(written)
    }

    /// A scan just read: back to waiting when the file changed since it was taken (it is still being
    /// written, and what was read is not what will be there); held one settle time when it would go to
    /// quarantine; else written and moved on.
    private func finish(_ reading: ScanReading, _ claim: Claim) throws {
        guard WatchFolders.stamp(folders.workPath(claim.id, claim.name)) == claim.stamp else {
            return try folders.returnToInbox(claim)
        }
        if reading.status == .error, watch.settleSeconds > 0 {
            held.append((claim, reading, clock() + watch.settleSeconds))
            return
        }
        try write(reading, claim)
    }

    /// Writes the held results whose settle time is over (all of them when `all`), or sends their file back
    /// to waiting when it changed meanwhile.
    private func release(all: Bool) throws {
        let now = clock()
        let due = held.filter { all || $0.until <= now }
        held.removeAll { all || $0.until <= now }
        for (claim, reading, _) in due {
            if WatchFolders.stamp(folders.workPath(claim.id, claim.name)) == claim.stamp {
                try write(reading, claim)
            } else {
                try folders.returnToInbox(claim)
            }
        }
    }

    /// Weighs and writes the result (on disk before anything moves), then moves the file to where it belongs.
    private func write(_ reading: ScanReading, _ claim: Claim) throws {
        let result = pipeline.risk.assessInOrder(reading, order: order)
        order += 1
        results.writeLine(result)
        try results.sync()
        let toQuarantine = result.status == .error
        try journal.markWritten(claim.id, quarantine: toQuarantine)
        if result.list?.hit == true { lastHit = now() }
        try folders.move(
            id: claim.id, name: claim.name, quarantine: toQuarantine, problem: result.problem, sha256: result.sha256)
        wakeFollowers()
        written(result)
    }

    /// Tells what follows the result file (forwarder, alert notifier) that a result is on disk.
    private func wakeFollowers() {
        links?.resultWritten()
        notifier?.wake()
    }

    /// What a stopped run left: a result line cut short is dropped (before anything is appended); a claim
    /// whose file never left the inbox is dropped; a claimed file whose result is already on disk is moved
    /// on; one whose read was begun and never ended is read again alone (so that a second death names the
    /// file), or quarantined unread once that has happened `readsBeforeQuarantine` times; the others are
    /// scanned again; a written one is moved on.
    private func recover() throws {
        var written: [String: Bool] = [:]  // file and hash of each result on disk: whether it was an error
        var travellers: [String: Set<Int>] = [:]  // file and hash of a PAXLST file: its documents on disk
        for result in try ResultLog.completedResults(watch.results) {
            let key = "\(result.file ?? "")\u{0}\(result.sha256)"
            written[key] = result.status == ScanResult.Status.error.rawValue
            if let record = result.record, result.file != nil { travellers[key, default: []].insert(record) }
        }
        var again: [Claim] = []
        var unfinishedAPI: [(claim: Claim, done: Set<Int>)] = []
        var suspects: [Claim] = []
        for entry in try journal.unfinished() {
            let path = folders.workPath(entry.id, entry.name)
            let claim = Claim(
                id: entry.id, name: entry.name, bytes: FileName.bytes(entry.name), stamp: WatchFolders.stamp(path))
            switch (entry.state, claim.stamp != nil) {
            case (.claimed, true):
                let digest = ContentHash.sha256(ofFileAt: path)
                if let digest, let done = travellers["\(inbox)/\(entry.name)\u{0}\(digest)"] {
                    unfinishedAPI.append((claim, done))  // some of its documents written: the others now
                } else if let digest, let quarantined = written["\(inbox)/\(entry.name)\u{0}\(digest)"] {
                    try journal.markWritten(entry.id, quarantine: quarantined)
                    try folders.move(
                        id: entry.id, name: entry.name, quarantine: quarantined, problem: nil, sha256: digest)
                } else if entry.reads >= Self.readsBeforeQuarantine {
                    let detail =
                        "the watcher stopped \(entry.reads) times while reading this file (it may be what "
                        + "stopped it); not read again"
                    try write(.badFile(inbox + "/" + entry.name, sha256: digest, detail: detail), claim)
                } else if entry.reads > 0 {
                    suspects.append(claim)
                } else {
                    again.append(claim)
                }
            case (.claimed, false):
                try journal.forget(entry.id)  // never moved out of the inbox: it is taken again
            case (.written, true):
                try folders.move(
                    id: entry.id, name: entry.name, quarantine: entry.quarantine, problem: nil, sha256: nil)
            case (.written, false), (.done, _):
                try journal.markDone(entry.id, destination: "")  // moved before the journal heard of it
            }
        }
        for (claim, done) in unfinishedAPI { try screenAPI(claim, done: done) }
        for suspect in suspects { try process([suspect]) }
        try process(again)
    }

    /// Picks up a list imported since the matcher was made: a border post runs for days, and a SQLite
    /// refresh replaces the store's file (a connection made before still reads the old one), so the store
    /// is opened afresh and its import compared. When the store cannot be reached, the current matcher
    /// stays (each lookup then says the list could not be consulted).
    private func refreshLists() {
        guard let lists = stages.lists,
            let store = try? ListStores.open(lists), let info = try? store.info(),
            info != settings.matcher?.info,
            let fresh = try? ListMatcher(store: store)
        else { return }
        settings.matcher = fresh
    }

    private func writeStatus(queue: Int, notifications: Bool) throws {
        let counts = try journal.doneCounts()
        var report: JSONObject = [
            "errors": .int(counts.quarantined), "last_hit": .string(lastHit), "queue_depth": .int(queue),
            "scans_done": .int(counts.done), "inotify": .bool(notifications), "updated": .string(now()),
        ]
        report = report.merging(links?.statusMembers(configuration) ?? [:])
        if let deliveries = try notifier?.journal.counts() {
            report = report.merging([
                "alerts_notified": .int(deliveries[.delivered] ?? 0),
                "alerts_pending": .int(deliveries[.pending] ?? 0),
                "alerts_failed": .int(deliveries[.failed] ?? 0),
            ])
        }
        let temporary = status + ".tmp"
        try PipelineError.writing(temporary) {
            try Data((JSONWriter.text(JSONValue.object(report)) + "\n").utf8).write(to: URL(fileURLWithPath: temporary))
        }
        guard rename(temporary, status) == 0 else {
            throw PipelineError.cannotWrite(status, String(cString: strerror(errno)))
        }
    }
}
