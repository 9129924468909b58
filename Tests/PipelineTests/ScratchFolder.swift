import Foundation

/// A test's files under the temporary folder, removed when the test ends: a suite holds one as a property,
/// and Swift Testing makes a suite instance per test and lets it go afterwards.
final class ScratchFolder {
    private let root: URL

    /// A scratch area named `prefix-UUID` (made on first use).
    init(_ prefix: String) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A new empty folder inside the scratch area.
    func newFolder() throws -> URL {
        let folder = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
