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
            path. A file that is not a readable image gets status "error" (BAD_FILE); the others go on.
            """
    )

    @Argument(help: "Image files and folders.")
    var paths: [String]

    @Option(name: .long, help: "Write results to FILE instead of standard output.")
    var out: String?

    @Option(name: .long, help: "Check every read document against this list store (SQLite path or postgres:// URL).")
    var lists: String?

    @Option(name: .long, help: "Worker threads, one OCR engine each.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "OCR model name (NAME.traineddata in Models/ or Tesseract's tessdata).")
    var model: String?

    @Option(name: .customLong("debug-dir"), help: "Write the MRZ band and an annotated page per scan here.")
    var debugDir: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let files = try ScanInputs.files(paths)
        let model = try OCRModel.locate(self.model)
        let sink = Locked(try out.map { try StandardOutput(path: $0) } ?? StandardOutput())
        let batch = BatchScanner(
            model: model, jobs: jobs, currentYear: Clock.currentYear(),
            debug: debugDir.map(DebugImageWriter.init(directory:)),
            matcher: try lists.map { try ListMatcher(store: try ListStores.open($0)) })
        try batch.run(files) { result in sink.withLock { $0.writeLine(result) } }
        sink.withLock { $0.flush() }
    }
}
