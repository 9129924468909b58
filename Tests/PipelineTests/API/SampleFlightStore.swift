import Foundation
import Lists
import TestSupport

/// The sample flight's list (`PaxlstSample.list`) imported into a real SQLite store in a test's folder.
enum SampleFlightStore {
    /// Writes the list to `folder/list.csv`, imports it into `folder/lists.sqlite`; the store's path.
    @discardableResult
    static func make(in folder: URL) throws -> String {
        let list = folder.appendingPathComponent("list.csv").path
        try PaxlstSample.list.write(toFile: list, atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("lists.sqlite").path
        _ = try ListImporter.run(
            files: [list], into: try ListStores.open(path, create: true), replace: false, version: "t",
            importedAt: "2026-11-24T00:00:00Z"
        ) { _ in }
        return path
    }
}
