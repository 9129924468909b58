import Foundation

/// The watch pipelines the tests run: a `watch.yaml` in a folder, with the inbox, `processed`, `quarantine`
/// and `results.jsonl` beside it and the shipped risk policy, plus the keys a test adds.
public enum WatchPipelineFile {
    /// The package's own folder (where `Models/` is).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The pipeline's text: the folders and risk policy, then `more` (YAML lines, may be empty).
    public static func text(_ more: String) -> String {
        """
        mode: watch
        inbox: inbox
        processed: processed
        quarantine: quarantine
        results: results.jsonl
        risk: \(packageRoot.appendingPathComponent("Models/risk.yaml").path)
        \(more)

        """
    }

    /// Writes `watch.yaml` with `more` into `folder`; its path.
    @discardableResult
    public static func write(in folder: URL, _ more: String) throws -> String {
        let file = folder.appendingPathComponent("watch.yaml").path
        try text(more).write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
