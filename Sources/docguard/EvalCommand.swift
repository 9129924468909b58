import ArgumentParser
import Foundation
import OCR
import Pipeline

/// `docguard eval DIR`: reads every scan that has ground truth beside it and prints the read rates.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Print the exact-MRZ read rate per format and per degradation over scans with ground truth.",
        discussion: "A scan counts when NAME.json (docguard.truth/1) lies beside it, as `docguard synth` writes."
    )

    @Argument(help: "Folder of scans with ground truth.")
    var folder: String

    @Option(name: .long, help: "Worker threads, one OCR engine each.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "OCR model name (NAME.traineddata in Models/ or Tesseract's tessdata).")
    var model: String?

    @Flag(name: .long, help: "Also list every scan not read exactly, with what was read (contains MRZ data).")
    var showMisses = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let scans = try Evaluation.scansWithTruth(in: folder)
        guard !scans.isEmpty else { throw ValidationError("\(folder): no scans with ground truth (NAME.json) found") }
        let model = try OCRModel.locate(self.model)
        let truths = Dictionary(scans.map { ($0.scan, $0.truth) }, uniquingKeysWith: { first, _ in first })
        let evaluation = Locked(Evaluation())
        let start = Date()
        try BatchScanner(model: model, jobs: jobs, currentYear: Clock.currentYear())
            .run(scans.map(\.scan)) { result in
                if let file = result.file, let truth = truths[file] { evaluation.withLock { $0.record(result, truth: truth) } }
            }
        let wall = Date().timeIntervalSince(start)
        let finished = evaluation.withLock { $0 }
        var report = finished.report(wallSeconds: wall, jobs: jobs, model: model.name)
        if showMisses {
            report += "\nmisses:\n"
            for miss in finished.misses {
                report += "\(miss.file) [\(miss.status)]\n  truth: \(miss.truth.joined(separator: " / "))\n"
                report += "  read:  \(miss.read?.joined(separator: " / ") ?? "-")\n"
            }
        }
        print(report, terminator: "")
    }
}
