import Dispatch
import Foundation
import Lists
import MRZ
import OCR
#if canImport(Glibc)
import Glibc
#endif

/// Watch mode (a border post): takes each scan from the inbox once the scanner has finished writing it,
/// writes its result, then moves it to processed/ — or to quarantine/ with `NAME.error.json` beside it
/// when it is not a readable image. Killed at any moment (kill -9) and started again, every scan ends with
/// exactly one result line and in exactly one place: each step is recorded in a journal (SQLite) before
/// the next, results are on disk (fsync) before a file moves, and what was in flight is finished or redone.
///
/// Results are finished one at a time (the batch scanner hands them over in order, under its lock), hence
/// unchecked `Sendable`.
public final class WatchMode: @unchecked Sendable {
    private let definition: PipelineDefinition
    private let inbox: String, processed: String, quarantine: String, work: String
    private let journal: WatchJournal
    private let risk: RiskStage
    private var batch: BatchScanner
    private let results: OutputFile
    private let status: String
    private var order = 0
    private var lastHit: String?
    /// The wall clock, ISO 8601 UTC: for the status file only, never for results.
    private var now: () -> String = { "" }

    /// Sets up watch mode for `definition` (its mode must be watch), judging dates as of `asOf`: makes the
    /// folders, opens the journal (`RESULTS.journal`), the lists, the model and the policy.
    public init(definition: PipelineDefinition, asOf: MRZDate) throws {
        self.definition = definition
        inbox = definition.inbox!
        processed = definition.processed!
        quarantine = definition.quarantine!
        work = inbox + "/.docguard-work"
        for folder in [inbox, processed, quarantine, work] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        journal = try WatchJournal(path: definition.results + ".journal")
        let stages = try PipelineStages(definition, today: asOf)
        risk = stages.risk
        batch = stages.batch
        results = try OutputFile(path: definition.results, append: true)
        status = definition.results + ".status.json"
    }

    /// Finishes what a stopped run left in flight, then watches until `shouldStop` says so (checked between
    /// batches: scans in flight are always finished). `now` tells the status file the time (ISO 8601, UTC).
    public func run(now: @escaping () -> String, shouldStop: () -> Bool) throws {
        self.now = now
        try recover()
        let watcher = InboxWatcher(inbox: inbox, settle: definition.settleSeconds)
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        while !shouldStop() {
            let ready = watcher.ready(now: clock())
            try writeStatus(queue: ready.count, notifications: watcher.usesNotifications)
            guard !ready.isEmpty else {
                watcher.wait(seconds: max(0.05, min(0.25, definition.settleSeconds / 2)))
                continue
            }
            refreshLists()
            var claimed: [(id: Int64, name: String)] = []
            for entry in ready.prefix(definition.jobs * 4) {
                watcher.taken(entry.name)
                if let id = try claim(entry.name) { claimed.append((id, entry.name)) }
            }
            try process(claimed)
        }
        try writeStatus(queue: 0, notifications: watcher.usesNotifications)
    }

    // MARK: Steps

    private func workPath(_ id: Int64, _ name: String) -> String { "\(work)/\(id)-\(name)" }

    /// Records the claim, then moves the file out of the inbox; nil when it vanished meanwhile.
    private func claim(_ name: String) throws -> Int64? {
        let id = try journal.claim(name)
        guard rename(inbox + "/" + name, workPath(id, name)) == 0 else {
            try journal.forget(id)
            return nil
        }
        return id
    }

    /// Scans the claimed files (regular files in parallel; anything else is refused unread) and finishes each.
    private func process(_ claimed: [(id: Int64, name: String)]) throws {
        var scans: [(id: Int64, name: String)] = []
        for entry in claimed {
            var info = stat()
            if lstat(workPath(entry.id, entry.name), &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                let refused = ScanResult(
                    file: nil, sha256: "", status: .error, document: nil, ocr: nil,
                    problem: ScanProblem(code: "BAD_FILE", detail: "not a regular file (a symbolic link is never followed)"))
                try finish(refused, id: entry.id, name: entry.name)
            } else {
                scans.append(entry)
            }
        }
        guard !scans.isEmpty else { return }
        let failure = Locked<Error?>(nil)
        let finisher = self
        let pending = Locked(Dictionary(uniqueKeysWithValues: scans.map { (workPath($0.id, $0.name), $0) }))
        try batch.run(scans.map { workPath($0.id, $0.name) }) { result in
            guard let entry = pending.withLock({ $0[result.file ?? ""] }) else { return }
            do {
                try finisher.finish(result, id: entry.id, name: entry.name)
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Weighs and writes the result (on disk before anything moves), then moves the file to where it belongs.
    private func finish(_ scanned: ScanResult, id: Int64, name: String) throws {
        var result = scanned
        result.file = inbox + "/" + name
        risk.assessInOrder(&result, order: order)
        order += 1
        results.writeLine(result)
        try results.sync()
        let toQuarantine = result.status == .error
        try journal.markWritten(id, quarantine: toQuarantine)
        if result.list?.hit == true { lastHit = now() }
        try move(id: id, name: name, quarantine: toQuarantine, problem: result.problem, sha256: result.sha256)
    }

    /// Moves the work file to processed/ or quarantine/ (with its `.error.json`), never over another file.
    /// A copy across file systems that a stop cut between copy and removal is recognised (same name, same
    /// bytes) and finished rather than copied twice.
    private func move(id: Int64, name: String, quarantine toQuarantine: Bool, problem: ScanProblem?, sha256: String) throws {
        let folder = toQuarantine ? quarantine : processed
        let source = workPath(id, name)
        var destination = folder + "/" + name
        if Self.exists(destination) {
            if FileMove.sameContent(source, destination) {
                unlink(source)
                return try journal.markDone(id, destination: destination)
            }
            destination = folder + "/\(id)-" + name
        }
        if toQuarantine {
            let report = JSONValue.object([
                "code": .string(problem?.code ?? "BAD_FILE"), "detail": .string(problem?.detail ?? ""),
                "file": .string(inbox + "/" + name), "sha256": .string(sha256.isEmpty ? nil : sha256),
            ])
            try Data((JSONWriter.text(report) + "\n").utf8).write(to: URL(fileURLWithPath: destination + ".error.json"))
        }
        try FileMove.move(source, to: destination)
        try journal.markDone(id, destination: destination)
    }

    /// Whether anything (a file, a folder, a link, even a broken one) has this path.
    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// What a stopped run left: a result line cut short is dropped (before anything is appended); a claim
    /// whose file never left the inbox is dropped; a claimed file whose result is already on disk is moved
    /// on, otherwise scanned again; a written one is moved on.
    private func recover() throws {
        var written: [String: Bool] = [:]  // file and hash of each result on disk: whether it was an error
        for result in try ResultLog.completedResults(definition.results) {
            written["\(result.file ?? "")\u{0}\(result.sha256)"] = result.status == ScanResult.Status.error.rawValue
        }
        var again: [(id: Int64, name: String)] = []
        for entry in try journal.unfinished() {
            let path = workPath(entry.id, entry.name)
            var info = stat()
            let present = lstat(path, &info) == 0
            switch (entry.state, present) {
            case ("claimed", true):
                let digest = ContentHash.sha256(ofFileAt: path)
                if let digest, let quarantined = written["\(inbox)/\(entry.name)\u{0}\(digest)"] {
                    try journal.markWritten(entry.id, quarantine: quarantined)
                    try move(id: entry.id, name: entry.name, quarantine: quarantined, problem: nil, sha256: digest)
                } else {
                    again.append((entry.id, entry.name))
                }
            case ("claimed", false):
                try journal.forget(entry.id)  // never moved out of the inbox: it is taken again
            case ("written", true):
                try move(id: entry.id, name: entry.name, quarantine: entry.quarantine, problem: nil, sha256: "")
            default:
                try journal.markDone(entry.id, destination: "")  // moved before the journal heard of it
            }
        }
        try process(again)
    }

    /// Picks up a list imported since the matcher was made: a border post runs for days, and a SQLite
    /// refresh replaces the store's file (a connection made before still reads the old one), so the store
    /// is opened afresh and its import compared. When the store cannot be reached, the current matcher
    /// stays (each lookup then says the list could not be consulted).
    private func refreshLists() {
        guard let lists = definition.lists,
              let store = try? ListStores.open(lists), let info = try? store.info(),
              info != batch.matcher?.info,
              let fresh = try? ListMatcher(store: store)
        else { return }
        batch.matcher = fresh
    }

    private func writeStatus(queue: Int, notifications: Bool) throws {
        let counts = try journal.doneCounts()
        let report = JSONValue.object([
            "errors": .int(counts.quarantined), "last_hit": .string(lastHit), "queue_depth": .int(queue),
            "scans_done": .int(counts.done), "inotify": .bool(notifications), "updated": .string(now()),
        ])
        let temporary = status + ".tmp"
        try Data((JSONWriter.text(report) + "\n").utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, status) == 0 else { throw PipelineError.cannotWrite(status, String(cString: strerror(errno))) }
    }
}
