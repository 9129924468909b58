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

    @Option(name: .long, help: "Also write a self-contained HTML report to FILE: counts, then alerts and reviews first.")
    var report: String?

    @OptionGroup var listOptions: ListOptions

    @Option(name: .long, help: "Worker threads, one OCR engine each.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var modelOption: ModelOption

    @Option(name: .customLong("debug-dir"), help: "Write the MRZ band and an annotated page per scan here.")
    var debugDir: String?

    @OptionGroup var riskOptions: RiskOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let outputs = [("--out", out), ("--csv", csv), ("--report", report), ("--debug-dir", debugDir)]
            .compactMap { label, path in path.map { (label, $0) } }
        // Besides the scans, what the run reads: earlier results, the policy and the list store.
        let read = riskOptions.history + [riskOptions.risk, listOptions.lists].compactMap { $0 }
        try OutputPlacement.check(outputs: outputs, inputs: paths + read)
        let files = try ScanInputs.files(RawArguments.paths(paths))
        let model = try modelOption.locate()
        let risk = try riskOptions.makeStage()
        let matcher = try listOptions.makeMatcher()
        let debug = try debugDir.map(DebugImageWriter.init(directory:))
        var writers: [any ResultWriter] = [JSONLinesWriter(try out.map { try OutputFile(path: $0) } ?? OutputFile())]
        if let csv { writers.append(CSVResultWriter(try OutputFile(path: csv))) }
        if let report {
            writers.append(HTMLReportWriter(try OutputFile(path: report), context: ReportContext(
                title: "docguard scan report", asOf: risk.scorer.asOf.description,
                policyVersion: risk.scorer.policy.version, listVersion: matcher?.info?.version)))
        }
        let batch = BatchScanner(
            model: model, jobs: jobs, currentYear: risk.scorer.asOf.year,
            debug: debug, matcher: matcher)
        let progress = ProgressDisplay.start(
            unit: "scans", total: files.count, alerts: true, resultsOnStdout: out == nil)
        defer { progress?.finish() }  // when the run fails: the bar's last line before the error
        if let progress { writers.append(progress) }
        try ScanRun(batch: batch, risk: risk).run(files, writer: ResultWriters(writers))
    }
}
