import Foundation

/// The folders of a watch pipeline, checked before anything is made or moved: processed/, quarantine/
/// and the result file (with its journal, lock and status beside it) must lie outside the inbox, or the
/// watcher takes its own output as scans — `processed` equal to `inbox` rescans every scan forever, a
/// result file in the inbox is eaten and the next start fails.
enum WatchLayout {
    /// Throws a `ConfigError` naming the pipeline file and key of the first folder that lies in the inbox.
    /// Paths are compared as `OutputPlacement` compares them: links resolved, then by device and inode.
    static func check(_ watch: WatchConfiguration, file: String) throws {
        let inbox = OutputPlacement.Place(watch.inbox)
        let outputs: [(key: String, path: String)] = [
            ("processed", watch.processed), ("quarantine", watch.quarantine),
            ("results", (watch.results as NSString).deletingLastPathComponent),
        ]
        for (key, path) in outputs {
            let place = OutputPlacement.Place(path)
            guard place.isSame(as: inbox) || place.lies(inside: inbox) else { continue }
            let what = key == "results" ? "the result file's folder" : key
            throw ConfigError(
                file: file, line: 0, key: key,
                problem: "\(what) is the inbox or inside it (\(inbox.resolved)); the watcher would take its own "
                    + "files as scans: give it a folder outside the inbox")
        }
    }
}
