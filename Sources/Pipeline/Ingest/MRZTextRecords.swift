import Foundation
import Lists
import Plumbing

/// One document of a screening input: its MRZ lines, or why the record could not be taken as one, or a
/// traveller's document from an Advance Passenger Information (PAXLST) file.
public enum ScreeningRecord: Sendable, Equatable {
    case lines([[UInt8]])
    case malformed(String)
    case api(APIRecord)
}

/// Where `docguard screen` takes its records from, a chunk at a time, in input order.
public protocol ScreeningSource: AnyObject, Sendable {
    /// The next records (a few thousand), at least one unless the input is exhausted (then empty).
    func nextChunk() throws -> [ScreeningRecord]
}

/// Reads the MRZ text records `docguard screen` takes (SPEC.md): blank-line-separated groups of MRZ
/// lines, or JSONL objects with a `lines` array, told apart by the first non-blank character (`{`).
/// Streams: records come out in chunks, in input order. Used by one thread at a time (screening hands it
/// to its reading thread), hence unchecked `Sendable`.
public final class MRZTextRecordReader: ScreeningSource, @unchecked Sendable {
    /// Records handed out per chunk.
    static let chunkSize = 16_384
    private let lines: LineReader
    private var isJSONL: Bool?
    private var grouper = MRZTextGrouper()

    /// Opens `path` (`-` is standard input).
    public init(path: String) throws {
        if path == "-" {
            lines = LineReader(handle: .standardInput, path: path)
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw PipelineError.inputNotFound(path) }
            lines = LineReader(handle: handle, path: path)
        }
    }

    /// The next records (about `chunkSize`), at least one unless the input is exhausted (then empty).
    public func nextChunk() throws -> [ScreeningRecord] {
        var records: [ScreeningRecord] = []
        while records.count < Self.chunkSize {
            guard let line = try ListError.reading({ try lines.next() }) else {
                if isJSONL != true { records += grouper.finish().map(ScreeningRecord.lines) }
                return records
            }
            take(line, into: &records)
        }
        return records
    }

    /// Adds the records `line` completes to `records`.
    private func take(_ line: ArraySlice<UInt8>, into records: inout [ScreeningRecord]) {
        if isJSONL == nil {
            guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            isJSONL = first == UInt8(ascii: "{")
        }
        if isJSONL == true {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            records.append(Self.jsonRecord(line))
        } else {
            for document in grouper.feed(bytes: line) { records.append(.lines(document)) }
        }
    }

    private static func jsonRecord(_ line: ArraySlice<UInt8>) -> ScreeningRecord {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
            let lines = object["lines"] as? [String], (2...3).contains(lines.count)
        else { return .malformed("not a JSON object with a lines array of 2 or 3 strings") }
        return .lines(lines.map { Array($0.utf8) })
    }
}
