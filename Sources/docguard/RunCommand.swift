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
            writes the report and CSV when the pipeline names them, and prints a summary. A progress bar \
            with rate and ETA goes to stderr on a terminal. Watch mode takes scans from the inbox as they \
            settle, appends each result and moves the scan to processed/ or quarantine/, until SIGTERM or \
            SIGINT, which finish the scans in flight.
            """
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    func run() throws {
        let definition = try PipelineDefinition.load(pipeline)
        try definition.checkOutputPlacement()
        if definition.mode == .watch {
            StopSignals.install()
            try WatchMode(definition: definition, asOf: Clock.today()).run(now: Clock.nowISO, shouldStop: StopSignals.received)
            return
        }
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        let summary = try BatchMode(definition: definition).run(asOf: Clock.today()) { _, total in bar?.advance(total: total) }
        bar?.finish()
        print(Self.describe(summary, definition: definition), terminator: "")
    }

    static func describe(_ summary: BatchMode.Summary, definition: PipelineDefinition) -> String {
        let rate = summary.seconds > 0 ? Double(summary.scanned) / summary.seconds : 0
        var text = """
            inputs: \(summary.inputs), already in the results: \(summary.skipped), scanned: \(summary.scanned)
            alert: \(summary.levels[.alert] ?? 0), review: \(summary.levels[.review] ?? 0), clear: \(summary.levels[.clear] ?? 0)
            list hits: \(summary.hits), not read (error, no MRZ, unreadable): \(summary.unread)
            throughput: \(String(format: "%.1f", rate)) scans/s over \(String(format: "%.1f", summary.seconds)) s
            results: \(definition.results)

            """
        if let report = definition.report { text += "report: \(report)\n" }
        if let csv = definition.csv { text += "csv: \(csv)\n" }
        return text
    }
}

/// One line on a terminal's stderr, redrawn as results come in: done of total, rate, time left.
final class ProgressBar {
    private let start = Date()
    private var done = 0
    private var lastDrawn = Date.distantPast

    func advance(total: Int) {
        done += 1
        guard done == total || Date().timeIntervalSince(lastDrawn) > 0.2 else { return }
        lastDrawn = Date()
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Int(Double(total - done) / rate) : 0
        let width = 30, filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data(
            "\r[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate)) scans/s  ETA \(left / 60)m\(String(format: "%02d", left % 60))s".utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
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
