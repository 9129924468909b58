import Foundation
import Paxlst

/// Reads PAXLST files for `docguard screen`: file after file, message after message, the traveller documents
/// as `APIRecord`s in input order, a chunk at a time; each file is held in memory while its messages are read,
/// its records never all at once. What is wrong in a file (positions and codes, never values) goes to
/// `onIssue`; the travellers that can be read are screened all the same. Used by one thread at a time.
public final class PaxlstRecordReader: ScreeningSource, @unchecked Sendable {
    /// Records handed out per chunk, about (messages are not cut).
    static let chunkSize = 16_384
    private var paths: ArraySlice<String>
    private let asOfYear: Int
    private let onIssue: (_ file: String, _ issue: String) -> Void
    private var current: (path: String, sha256: String, stream: PaxlstMessageStream, records: Int)?

    /// Reads `paths` in order; two-digit birth years as of `asOfYear` when a message gives no flight date.
    public init(
        paths: [String], asOfYear: Int, onIssue: @escaping (_ file: String, _ issue: String) -> Void = { _, _ in }
    ) {
        self.paths = paths[...]
        self.asOfYear = asOfYear
        self.onIssue = onIssue
    }

    /// Whether the file at `path` holds PAXLST, by its first bytes; nil when it cannot be read.
    public static func isPaxlst(path: String) -> Bool? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096) else { return nil }
        return PaxlstReader.looksLikePaxlst(head)
    }

    public func nextChunk() throws -> [ScreeningRecord] {
        var records: [ScreeningRecord] = []
        while records.count < Self.chunkSize {
            if current == nil {
                guard let path = paths.popFirst() else { break }
                try open(path)
            }
            guard let message = current!.stream.next() else {
                for issue in current!.stream.fileIssues { onIssue(current!.path, issue.description) }
                current = nil
                continue
            }
            for issue in message.issues { onIssue(current!.path, issue.description) }
            let read = APIRecord.records(
                of: message, file: current!.path, sha256: current!.sha256, firstRecord: current!.records + 1)
            current!.records += read.count
            records += read.map(ScreeningRecord.api)
        }
        return records
    }

    private func open(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError.inputNotFound(path) }
        let bytes = [UInt8](data)
        guard PaxlstReader.looksLikePaxlst(bytes) else { throw PipelineError.notPaxlst(path) }
        current = (path, ContentHash.sha256(bytes), PaxlstMessageStream(bytes, asOfYear: asOfYear), 0)
    }
}
