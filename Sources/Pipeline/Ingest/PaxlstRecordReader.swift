import Foundation
import Paxlst
import Plumbing

#if canImport(Glibc)
    import Glibc
#endif

/// Reads PAXLST files for `docguard screen`: file after file, message after message, the traveller documents
/// as `APIRecord`s in input order, a chunk at a time. Flight-sized files are read a few at once, on threads of
/// their own (a chunk of records is screened meanwhile); a large file is read message by message, its records
/// never held all at once. What is wrong in a file (positions and codes, never values) goes to `onIssue`, in
/// file order; the travellers that can be read are screened all the same. Used by one thread at a time.
public final class PaxlstRecordReader: ScreeningSource, @unchecked Sendable {
    /// Records handed out per chunk, about (messages are not cut).
    static let chunkSize = 16_384
    /// Files up to this size are read whole, several at once; larger ones message by message.
    static let wholeFileBytes = 8 << 20
    /// Files read at once.
    static let filesAtOnce = 4
    private var paths: ArraySlice<String>
    private let asOfYear: Int
    private let onIssue: (_ file: String, _ issue: String) -> Void
    private var large: (path: String, sha256: String, stream: PaxlstMessageStream, records: Int)?

    /// Reads `paths` in order; two-digit birth years as of `asOfYear` when a message gives no flight date.
    public init(
        paths: [String], asOfYear: Int, onIssue: @escaping (_ file: String, _ issue: String) -> Void = { _, _ in }
    ) {
        self.paths = paths[...]
        self.asOfYear = asOfYear
        self.onIssue = onIssue
    }

    /// Whether the file at `path` holds PAXLST, by its first bytes; nil when it cannot be read. Only a regular file
    /// is opened: a FIFO would block the open, and a pipe's first bytes, once read, would be lost to its reader.
    public static func isPaxlst(path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return false }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096) else { return nil }
        return PaxlstReader.looksLikePaxlst(head)
    }

    public func nextChunk() throws -> [ScreeningRecord] {
        var records: [ScreeningRecord] = []
        records.reserveCapacity(Self.chunkSize + 1_024)
        while records.count < Self.chunkSize {
            if large != nil {
                try readLarge(into: &records)
                continue
            }
            guard !paths.isEmpty else { break }
            try readWholeFiles(into: &records)
        }
        return records
    }

    /// A file read whole: its records, and its issues in file order.
    struct WholeFile {
        var records: [APIRecord] = []
        var issues: [String] = []
    }

    /// Reads the next flight-sized files (up to `filesAtOnce`, stopping before a large one, which it opens).
    private func readWholeFiles(into records: inout [ScreeningRecord]) throws {
        var batch: [(path: String, bytes: [UInt8])] = []
        while batch.count < Self.filesAtOnce, let path = paths.first {
            let bytes = try Self.contents(path)
            paths.removeFirst()
            guard bytes.count <= Self.wholeFileBytes else {
                large = (path, ContentHash.sha256(bytes), PaxlstMessageStream(bytes, asOfYear: asOfYear), 0)
                break
            }
            batch.append((path, bytes))
        }
        let read = Locked([WholeFile](repeating: WholeFile(), count: batch.count))
        let (files, asOfYear) = (batch, asOfYear)
        ParallelWork.forEach(files.count, workers: min(files.count, 2)) { index in
            let bytes = files[index].bytes
            let file = Self.read(
                bytes, sha256: ContentHash.sha256(bytes), path: files[index].path, asOfYear: asOfYear)
            read.withLock { $0[index] = file }
        }
        for (file, path) in zip(read.withLock { $0 }, batch.map(\.path)) {
            for issue in file.issues { onIssue(path, issue) }
            records += file.records.map(ScreeningRecord.api)
        }
    }

    /// Every record and issue of one file's bytes (hashed `sha256`), the records named `path`.
    static func read(_ bytes: [UInt8], sha256: String, path: String, asOfYear: Int) -> WholeFile {
        var file = WholeFile()
        var stream = PaxlstMessageStream(bytes, asOfYear: asOfYear)
        while let message = stream.next() {
            file.issues += message.issues.map(\.description)
            file.records += APIRecord.records(
                of: message, file: path, sha256: sha256, firstRecord: file.records.count + 1)
        }
        file.issues += stream.fileIssues.map(\.description)
        return file
    }

    /// The next message of the large file being read, or its end.
    private func readLarge(into records: inout [ScreeningRecord]) throws {
        guard let message = large!.stream.next() else {
            for issue in large!.stream.fileIssues { onIssue(large!.path, issue.description) }
            large = nil
            return
        }
        for issue in message.issues { onIssue(large!.path, issue.description) }
        let read = APIRecord.records(
            of: message, file: large!.path, sha256: large!.sha256, firstRecord: large!.records + 1)
        large!.records += read.count
        records += read.map(ScreeningRecord.api)
    }

    /// The bytes of the PAXLST file at `path`; throws when it cannot be read or holds no PAXLST.
    private static func contents(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError.inputNotFound(path) }
        let bytes = [UInt8](data)
        guard PaxlstReader.looksLikePaxlst(bytes) else { throw PipelineError.notPaxlst(path) }
        return bytes
    }
}
