import Foundation

/// The result file a pipeline appends to, read back: which scans (by content hash) already have their
/// result, so a re-run skips them.
public enum ResultLog {
    /// The `sha256` of every complete result line in `path` (none when the file does not exist). A last
    /// line cut short by a stop mid-write is removed first, so the next result starts on a line of its own
    /// and that scan is done again.
    public static func completedHashes(_ path: String) throws -> Set<String> {
        Set(try completedResults(path).map(\.sha256).filter { !$0.isEmpty })
    }

    /// The `file`, `sha256`, `status` (its SPEC.md code) and `record` (a PAXLST file's traveller documents) of
    /// every complete result line in `path` that has a `sha256`, after removing a last line cut short. Lines that
    /// are not result lines are passed over.
    public static func completedResults(_ path: String) throws -> [(
        file: String?, sha256: String, status: String, record: Int?
    )] {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let data = try handle.readToEnd() ?? Data()
        var complete = data
        if let last = data.last, last != UInt8(ascii: "\n") {
            let cut = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
            try handle.truncate(atOffset: UInt64(cut - data.startIndex))
            complete = data[data.startIndex..<cut]
        }
        return complete.split(separator: UInt8(ascii: "\n")).compactMap { bytes in
            guard let line = try? ResultLine(parsing: bytes), let hash = line.sha256 else { return nil }
            return (line.file, hash, line.status.rawValue, line.record)
        }
    }
}
