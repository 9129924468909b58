import ArgumentParser
import Eval
import Foundation
import OCR
import Pipeline
import Plumbing

/// `docguard eval DIR`: reads every scan that has ground truth beside it and prints the read rates.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Print the exact-MRZ read rate per format, kind and degradation over scans with ground truth.",
        discussion: """
            A folder with a truth.jsonl manifest (one row per image: file, mrz lines, format, kind) is scored by \
            its rows; otherwise a scan counts when NAME.json (docguard.truth/1) lies beside it, as `docguard \
            synth` writes. Misses are listed with their cause (no MRZ, unreadable, layout, shifted, characters) \
            and no MRZ text unless --show-misses. The visual zone check's verdicts per field follow, with the \
            genuine pages it flagged and, on a synth set made with --tampered, the forged pages it caught. On a terminal a progress line goes to stderr (done/total, rate, \
            ETA).
            """
    )

    @Argument(help: "Folder of scans with ground truth.")
    var folder: String

    @Option(name: .long, help: "Worker threads, one OCR engine each.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var modelOption: ModelOption

    @Flag(name: .long, help: "Also print each miss's printed and read MRZ lines (personal data on real documents).")
    var showMisses = false

    @Flag(
        name: .customLong("no-viz"),
        help: "Skip the visual zone check (on by default, as in scan): the read rate and its cost without it.")
    var noVisualZone = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let cases = try EvalCase.cases(in: folder)
        guard !cases.isEmpty else {
            throw ValidationError("\(folder): no scans with ground truth (truth.jsonl or NAME.json) found")
        }
        let model = try modelOption.locate()
        let expected = Dictionary(cases.map { ($0.scan, $0) }, uniquingKeysWith: { first, _ in first })
        let evaluation = Locked(Evaluation())
        let start = Date()
        let progress = ProgressDisplay.start(unit: "scans", total: cases.count, alerts: false)
        do {
            defer { progress?.finish() }  // the bar's last line before the report, and before any error
            let visualZoneModel = noVisualZone ? nil : try OCRModel.locate(StageConfiguration.defaultVisualZoneModel)
            try BatchScanner(
                model: model, jobs: jobs, currentYear: Clock.currentYear(), visualZoneModel: visualZoneModel
            )
            .run(cases.map(\.scan)) { result in
                if let file = result.file, let expected = expected[file] {
                    evaluation.withLock { $0.record(result, expected: expected) }
                }
                progress?.add()
            }
        }
        let wall = Date().timeIntervalSince(start)
        let report = evaluation.withLock {
            $0.report(wallSeconds: wall, jobs: jobs, model: model.name, showingText: showMisses)
        }
        print(report, terminator: "")
    }
}
