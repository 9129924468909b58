import Foundation
import Lists
import Plumbing

/// A watch run's links to the central unit, each on a background thread so that a dead link never slows a
/// scan: the results forwarded as they are written (`ResultForwarder`), and the post's list kept in step
/// with the central list every `sync_minutes` (`ListSync`; the watcher picks the new list up between scans).
/// A failure is logged once until the link works again (no personal data, no password: messages name the
/// redacted URL) and retried, the forwarder with growing waits (1 s doubling to 1 min), the sync at its next
/// time. A report goes to the centre at each new connection, after a catch-up, and every `reportEvery`
/// seconds. What the status file shows of them is `statusMembers`.
final class CentralLinks: @unchecked Sendable {
    /// What the status file shows: the outbox depth, and the last successful forward and sync (wall time).
    struct State: Sendable {
        var outboxDepth: Int?
        var lastForward: String?
        var forwardError: String?
        var lastSync: String?
        var syncError: String?
    }

    private let state = Locked(State())
    private var loops: [(name: String, loop: BackgroundLoop)] = []
    private let forwarding: BackgroundLoop?

    /// Seconds between rounds of forwarding when all was sent (a written result nudges it sooner).
    static let forwardPause = 2.0
    /// Longest wait between attempts while the centre cannot be reached.
    static let longestRetry = 60.0
    /// Seconds between reports while nothing is forwarded.
    static let reportEvery = 300.0

    /// The links `configuration` asks for around results file `results` (none: nothing runs). `now` gives the
    /// wall time for the status file; `log` takes a line for the operator.
    init(
        _ configuration: RunConfiguration, results: String, now: @escaping @Sendable () -> String,
        log: @escaping @Sendable (String) -> Void
    ) throws {
        let state = state
        if let forward = configuration.forward {
            let forwarder = try ResultForwarder(forward, results: results, lists: configuration.stages.lists)
            forwarder.notResult = { log("results line \($0) is not a result line; not forwarded") }
            let timing = Locked((retry: 1.0, lastReport: -Double.infinity))
            let clock: @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
            let loop = BackgroundLoop { shouldStop in
                do {
                    let due = clock() - timing.withLock { $0.lastReport } >= Self.reportEvery
                    let round = try forwarder.forward(report: due, shouldStop: shouldStop)
                    if round.reports > 0 { timing.withLock { $0.lastReport = clock() } }
                    state.withLock {
                        $0.outboxDepth = round.waiting
                        if round.sent > 0 || round.reports > 0 { $0.lastForward = now() }
                        $0.forwardError = nil
                    }
                    timing.withLock { $0.retry = 1 }
                    return Self.forwardPause
                } catch {
                    let message = "forwarding failed: \(error)"
                    let depth = try? forwarder.waiting()
                    let first = state.withLock {
                        let first = $0.forwardError == nil
                        $0.forwardError = "\(error)"
                        $0.outboxDepth = depth
                        return first
                    }
                    if first { log(message + "; results wait in the outbox, retrying") }
                    return timing.withLock { timing in
                        defer { timing.retry = min(Self.longestRetry, timing.retry * 2) }
                        return timing.retry
                    }
                }
            }
            loops.append(("docguard-forward", loop))
            forwarding = loop
            state.withLock { $0.outboxDepth = try? forwarder.waiting() }
        } else {
            forwarding = nil
        }
        if let sync = configuration.listSync, let lists = configuration.stages.lists {
            let loop = BackgroundLoop { _ in
                do {
                    let report = try ListSync.run(
                        from: try PostgresListStore(url: sync.central), into: try ListStores.open(lists, create: true))
                    state.withLock {
                        $0.lastSync = now()
                        $0.syncError = nil
                    }
                    if report.kind != .none {
                        log("list synced (\(report.kind.rawValue)): generation \(report.info.generation)")
                    }
                } catch {
                    let first = state.withLock { state in
                        defer { state.syncError = "\(error)" }
                        return state.syncError == nil
                    }
                    // Once per outage: the status file shows the latest failure.
                    if first {
                        log(
                            "list sync from \(PostgresSession.redacted(sync.central)) failed: \(error); retrying every "
                                + "\(String(format: "%g", sync.minutes)) min")
                    }
                }
                return sync.minutes * 60
            }
            loops.append(("docguard-sync", loop))
        }
    }

    /// Fetches the post's list from `sync_from` before anything is screened when the post holds none yet (its
    /// store missing or empty: a new post): without it the watch could not start, and the periodic sync only
    /// runs once the watch has. A centre out of reach stops the start with one line; a post that holds a list
    /// starts on it and syncs in the background. Nothing happens without `sync_from`.
    static func fetchFirstList(_ configuration: RunConfiguration) throws {
        guard let sync = configuration.listSync, let lists = configuration.stages.lists else { return }
        if FileManager.default.fileExists(atPath: lists) {
            // A store that holds a list, or that cannot be read (the pipeline then says why), is left alone.
            do {
                guard try SQLiteListStore(path: lists, create: false).info() == nil else { return }
            } catch {
                return
            }
        }
        do {
            _ = try ListSync.run(
                from: try PostgresListStore(url: sync.central), into: try ListStores.open(lists, create: true))
        } catch {
            throw PipelineError.firstSync(
                store: lists, central: PostgresSession.redacted(sync.central), reason: SystemErrorReason.text(error))
        }
    }

    /// Starts the threads.
    func start() {
        for (name, loop) in loops { loop.start(name: name) }
    }

    /// Tells the forwarder a result was written.
    func resultWritten() { forwarding?.nudge() }

    /// Stops the threads, each after its round in progress.
    func stop() {
        for (_, loop) in loops { loop.stop() }
        loops = []
    }

    /// The status file's members for the links configured: `outbox_depth`, `last_forward`, `forward_error`,
    /// `last_sync`, `sync_error`.
    func statusMembers(_ configuration: RunConfiguration) -> JSONObject {
        let state = state.withLock { $0 }
        var members: JSONObject = [:]
        if configuration.forward != nil {
            members["outbox_depth"] = state.outboxDepth.map { .int($0) } ?? .null
            members["last_forward"] = .string(state.lastForward)
            members["forward_error"] = .string(state.forwardError)
        }
        if configuration.listSync != nil {
            members["last_sync"] = .string(state.lastSync)
            members["sync_error"] = .string(state.syncError)
        }
        return members
    }
}
