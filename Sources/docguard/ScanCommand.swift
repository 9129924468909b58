import ArgumentParser
import Foundation
import Lists
import OCR
import Pipeline

/// `docguard scan PATH...`: reads the MRZ on every image and writes one result line per image, sorted by path.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read and validate the MRZ on image files and folders; one JSON result line per image.",
        discussion: """
            Folders are walked recursively (hidden files and symlinks skipped). Results are sorted by \
            path. A file that is not a readable image gets status "error" (BAD_FILE); the others go on. On a \
            terminal a progress line goes to stderr (done/total, rate, ETA, alerts so far), unless the results \
            go to the terminal too.
            """
    )

    @Argument(help: "Image files and folders.")
    var paths: [String]

    @Option(name: .long, help: "Write results to FILE instead of standard output.")
    var out: String?

    @Option(name: .long, help: "Also write one CSV row per scan to FILE (for spreadsheets).")
    var csv: String?

    @Option(
        name: .long, help: "Also write a self-contained HTML report to FILE: counts, then alerts and reviews first.")
    var report: String?

    @OptionGroup var listOptions: ListOptions

    @Option(name: .long, help: "Worker threads, one OCR engine each.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var modelOption: ModelOption

    @Option(name: .customLong("debug-dir"), help: "Write the MRZ band and an annotated page per scan here.")
    var debugDir: String?

    @OptionGroup var riskOptions: RiskOptions

    @Flag(
        name: .customLong("no-viz"),
        help: "Skip the visual zone check (the printed page held against the MRZ): faster, one check fewer.")
    var noVisualZone = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let outputs = [("--out", out), ("--csv", csv), ("--report", report), ("--debug-dir", debugDir)]
            .compactMap { label, path in path.map { (label, $0) } }
        // Besides the scans, what the run reads: earlier results, the policy and the list store.
        let read = riskOptions.history + [riskOptions.risk, listOptions.lists].compactMap { $0 }
        try OutputPlacement.check(outputs: outputs, inputs: paths + read)
        let batch = BatchConfiguration(
            inputs: RawArguments.paths(paths), expandsPatterns: false, output: .fresh(out), csv: csv, report: report)
        var stages = StageConfiguration(
            listOptions, riskOptions, model: modelOption.model, jobs: jobs, debugDirectory: debugDir)
        if noVisualZone { stages.visualZoneModel = nil }
        let configuration = RunConfiguration(stages: stages, mode: .batch(batch))
        var progress: ProgressDisplay?
        defer { progress?.finish() }  // when the run fails: the bar's last line before the error
        _ = try BatchMode(configuration)?.run(today: Clock.today()) { total in
            progress = ProgressDisplay.start(unit: "scans", total: total, alerts: true, resultsOnStdout: out == nil)
        } written: {
            progress?.add($0)
        }
    }
}
