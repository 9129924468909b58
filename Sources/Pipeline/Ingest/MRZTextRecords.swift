import Foundation

/// One document of a screening input: its MRZ lines, or why the record could not be taken as one.
public enum MRZTextRecord: Sendable, Equatable {
    case lines([[UInt8]])
    case malformed(String)
}

/// Reads the MRZ text records `docguard screen` takes (SPEC.md): blank-line-separated groups of MRZ
/// lines, or JSONL objects with a `lines` array, told apart by the first non-blank character (`{`).
/// Streams: records come out in chunks, in input order. Used by one thread at a time (screening hands it
/// to its reading thread), hence unchecked `Sendable`.
public final class MRZTextRecordReader: @unchecked Sendable {
    private let handle: FileHandle
    private let path: String
    private var pending: [UInt8] = []
    private var finished = false
    private var isJSONL: Bool?
    private var grouper = MRZTextGrouper()

    /// Opens `path` (`-` is standard input).
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            handle = .standardInput
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw PipelineError.inputNotFound(path) }
            self.handle = handle
        }
    }

    /// The next records, at least one unless the input is exhausted (then empty).
    public func nextChunk() throws -> [MRZTextRecord] {
        var records: [MRZTextRecord] = []
        while records.isEmpty {
            guard let lines = try nextLines() else {
                if isJSONL != true { records += grouper.finish().map(MRZTextRecord.lines) }
                return records
            }
            for line in lines { records += take(line) }
        }
        return records
    }

    private func take(_ line: ArraySlice<UInt8>) -> [MRZTextRecord] {
        if isJSONL == nil {
            guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return [] }
            isJSONL = first == UInt8(ascii: "{")
        }
        if isJSONL == true {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return [] }
            return [Self.jsonRecord(line)]
        }
        return grouper.feed(bytes: line).map(MRZTextRecord.lines)
    }

    private static func jsonRecord(_ line: ArraySlice<UInt8>) -> MRZTextRecord {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let lines = object["lines"] as? [String], (2...3).contains(lines.count)
        else { return .malformed("not a JSON object with a lines array of 2 or 3 strings") }
        return .lines(lines.map { Array($0.utf8) })
    }

    /// The next whole lines read (about 1 MiB at a time); nil at the end of the input.
    private func nextLines() throws -> [ArraySlice<UInt8>]? {
        while true {
            if let lastNewline = pending.lastIndex(of: 0x0A) {
                let block = Array(pending[...lastNewline])
                pending.removeSubrange(...lastNewline)
                return block.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { $0 }
            }
            if finished {
                guard !pending.isEmpty else { return nil }
                defer { pending.removeAll() }
                return [pending[...]]
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { finished = true } else { pending.append(contentsOf: chunk) }
        }
    }
}
