import ArgumentParser
import Foundation
import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// `docguard run PIPELINE.yaml`: runs a pipeline definition.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline definition (pipelines/*.yaml): a watched inbox, or a resumable batch.",
        discussion: """
            Batch mode scans every input whose content is not yet in the result file, appends the results, \
            writes the report and CSV when the pipeline names them, and prints a summary. Watch mode takes \
            scans from the inbox as they settle, appends each result and moves the scan to processed/ or \
            quarantine/, until SIGTERM or SIGINT, which finish the scans in flight. On a terminal a progress \
            line goes to stderr: done (of the total in batch mode), rate, ETA, alerts so far.
            """
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    func run() throws {
        let configuration = try RunConfiguration.load(pipeline)
        try configuration.checkOutputPlacement()
        if case .watch = configuration.mode {
            StopSignals.install()
            guard let watch = try WatchMode(configuration, today: Clock.today()) else { return }
            let progress = ProgressDisplay.start(unit: "scans", alerts: true)
            defer { progress?.finish() }
            try watch.run(now: Clock.nowISO, shouldStop: StopSignals.received) {
                progress?.add($0)
            } log: {
                ProgressDisplay.warn($0)
            }
            return
        }
        guard let batch = BatchMode(configuration) else { return }
        let progress = ProgressDisplay.start(unit: "scans", alerts: true)
        let summary: BatchMode.Summary
        do {
            defer { progress?.finish() }  // the bar's last line before the summary, and before any error
            summary = try batch.run(today: Clock.today()) {
                progress?.setTotal($0)
            } written: {
                progress?.add($0)
            }
        }
        print(Self.describe(summary, configuration: configuration), terminator: "")
        if let forward = configuration.forward, let results = configuration.appendedResults {
            Self.forwardOnce(forward, results: results, lists: configuration.stages.lists)
        }
    }

    /// A batch with `forward:` sends its results once it is done. A centre that cannot be reached fails
    /// nothing: the results are in the file and wait in its outbox for the next `docguard forward`.
    static func forwardOnce(_ forward: ForwardConfiguration, results: String, lists: String?) {
        do {
            let round = try ResultForwarder(forward, results: results, lists: lists).forward(report: true)
            print("forwarded: \(round.sent) sent to the centre, \(round.waiting) waiting")
        } catch {
            ProgressDisplay.warn("forwarding failed: \(error); the results wait in the outbox (docguard forward)")
        }
    }

    static func describe(_ summary: BatchMode.Summary, configuration: RunConfiguration) -> String {
        guard case .batch(let batch) = configuration.mode else { return "" }
        let rate = summary.seconds > 0 ? Double(summary.scanned) / summary.seconds : 0
        var text = """
            inputs: \(summary.inputs), already in the results: \(summary.skipped), scanned: \(summary.scanned)
            alert: \(summary.levels[.alert] ?? 0), review: \(summary.levels[.review] ?? 0), clear: \(summary.levels[.clear] ?? 0)
            list hits: \(summary.hits), not read (error, no MRZ, unreadable): \(summary.unread)
            throughput: \(String(format: "%.1f", rate)) scans/s over \(String(format: "%.1f", summary.seconds)) s
            results: \(batch.results ?? "-")

            """
        if let report = batch.report { text += "report: \(report)\n" }
        if let csv = batch.csv { text += "csv: \(csv)\n" }
        return text
    }
}

/// SIGTERM and SIGINT ask watch mode to stop after the scans in flight.
enum StopSignals {
    nonisolated(unsafe) private static var stop: sig_atomic_t = 0

    static func install() {
        signal(SIGTERM) { _ in StopSignals.stop = 1 }
        signal(SIGINT) { _ in StopSignals.stop = 1 }
        // A parent may start us with these blocked (the mask is inherited): unblock them, or a stop request
        // would never arrive.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        sigaddset(&wanted, SIGTERM)
        sigaddset(&wanted, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    }

    static func received() -> Bool { stop != 0 }
}
