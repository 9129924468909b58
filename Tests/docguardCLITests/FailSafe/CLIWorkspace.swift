import Foundation

/// A test's own folder for files handed to the binary, removed when the test ends (a suite holds one as a
/// property; Swift Testing makes a suite instance per test).
final class CLIWorkspace {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-failsafe-\(UUID().uuidString)")

    init() {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// `name` inside the folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes `text` to `name` (folders made as needed); its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    /// Writes `data` to `name` (folders made as needed); its path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    /// A copy of the first clean TD3 scan of TestImages as `name`.
    @discardableResult
    func scan(_ name: String) throws -> String {
        try write(name, try Data(contentsOf: try ScanCommandTests.specimen("TD3").image))
    }

    /// `night.yaml`: a batch over the folder `scans` into `results.jsonl`, `report.html` and `results.csv`, with
    /// `lists` as given (nil: no `lists` key at all; else the text after `lists:`) and `more` keys; its path.
    func batchPipeline(lists: String?, more: String = "") throws -> String {
        try write(
            "night.yaml",
            """
            mode: batch
            inputs: [scans]
            results: results.jsonl
            report: report.html
            csv: results.csv
            \(lists.map { "lists:\($0)" } ?? "")
            \(more)

            """)
    }

    /// `watch.yaml`: a watched `inbox` with `processed`, `quarantine` and `results.jsonl` beside it, the shipped
    /// risk policy, no lists, and `more` keys; its path.
    func watchPipeline(more: String) throws -> String {
        try write(
            "watch.yaml",
            """
            mode: watch
            inbox: inbox
            processed: processed
            quarantine: quarantine
            results: results.jsonl
            risk: \(GoldenTests.root.appendingPathComponent("Models/risk.yaml").path)
            lists: none
            \(more)

            """)
    }

    /// A stolen/lost list store holding `csv` (header included), imported through the binary; its path.
    func store(_ csv: String) throws -> String {
        let list = try write("list-\(UUID().uuidString).csv", csv)
        let store = path("lists.sqlite")
        let run = try Docguard.run(["lists", "import", list, "--store", store, "--replace"])
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return store
    }

    /// The JSON objects of a result file or of standard output, one per line.
    static func results(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// The reason codes of a result object.
    static func reasons(_ result: [String: Any]) -> [String] {
        ((result["risk"] as? [String: Any])?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    /// The risk level of a result object.
    static func level(_ result: [String: Any]) -> String? { (result["risk"] as? [String: Any])?["level"] as? String }
}
