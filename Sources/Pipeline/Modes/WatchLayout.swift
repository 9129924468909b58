import Foundation

/// The folders of a watch pipeline, checked before anything is made or moved: processed/, quarantine/
/// and the result file (with its journal, lock and status beside it) must lie outside the inbox, or the
/// watcher takes its own output as scans — `processed` equal to `inbox` rescans every scan forever, a
/// result file in the inbox is eaten and the next start fails.
enum WatchLayout {
    /// Throws a `ConfigError` naming the pipeline file and key of the first folder that lies in the inbox.
    static func check(_ definition: PipelineDefinition) throws {
        guard let inbox = definition.inbox.map(canonical) else { return }
        let outputs: [(key: String, path: String?)] = [
            ("processed", definition.processed), ("quarantine", definition.quarantine),
            ("results", (definition.results as NSString).deletingLastPathComponent),
        ]
        for (key, path) in outputs {
            guard let path, Self.contains(inbox, canonical(path)) else { continue }
            let place = key == "results" ? "the result file's folder" : key
            throw ConfigError(
                file: definition.file, line: 0, key: key,
                problem: "\(place) is the inbox or inside it (\(inbox)); the watcher would take its own files as "
                    + "scans: give it a folder outside the inbox")
        }
    }

    /// Whether `path` is `folder` or lies below it.
    static func contains(_ folder: String, _ path: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// `path` made absolute, `.` and `..` taken out, and symbolic links resolved as far as the path exists
    /// (the folders may not be made yet): two spellings of one folder compare equal.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = PipelineDefinition.joined("/", String(absolute.drop { $0 == "/" }))
        var rest: [String] = []
        while realpath(existing, nil) == nil, existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let resolved = realpath(existing, nil) else { return existing }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
    }
}
