import Foundation

/// A saved key filter as a file of its own beside a SQLite store (`STORE.filter`): a 40-byte lead (`lead`),
/// then the serialized filter, whose words thus start 64 bytes in, so each 64-byte block of the mapped
/// filter is one cache line (a probe costs one memory access, not two). Mapped read-only when loaded, so a
/// 256 MB filter is ready without copying it or taking fresh memory, and a cold one reads at disk speed
/// (from the database's overflow pages, 4 KB at a time, a 192 MB filter took 20 s on the build machine).
///
/// The store keeps the digest of the filter it saved: a file whose bytes do not give that digest (left by
/// an earlier import, cut short, damaged, or copied from another store) is never used, and the filter is
/// read from the database instead. A wrong filter would clear stolen documents.
enum KeyFilterFile {
    /// What comes before the serialized filter: a magic word, then zeros.
    static let lead: [UInt8] = Array("DGKFFILE".utf8) + [UInt8](repeating: 0, count: 32)

    /// The filter in the file at `path` when its bytes give `digest`; nil when there is no such file or it
    /// does not match.
    static func load(path: String, digest: UInt64) -> KeyFilter? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        let wordsOffset = lead.count + KeyFilter.headerSize
        guard fstat(descriptor, &status) == 0, status.st_size > wordsOffset,
              let words = KeyFilterWords(mappingFile: descriptor, bytes: Int(status.st_size), wordsOffset: wordsOffset),
              words.mappedRegion.prefix(lead.count).elementsEqual(lead)
        else { return nil }
        let filter = UnsafeRawBufferPointer(rebasing: words.mappedRegion[lead.count...])
        guard let layout = KeyFilter.layout(header: filter, totalBytes: filter.count), KeyFilterDigest.of(filter) == digest
        else { return nil }
        return KeyFilter(words: words, blockCount: layout.blockCount, count: layout.count)
    }
}

/// Writes a filter file during an import: the pieces go to `PATH.importing`, which takes the file's place
/// only once the import is committed (`commit`); an import that fails leaves the file it had. Closed (and
/// the partial file removed when it was not committed) before the import lets go of its lock.
final class KeyFilterFileWriter {
    /// Where the file goes.
    let path: String
    private let partial: String
    private let descriptor: Int32
    private var digest = KeyFilterDigest()
    private var committed = false, closed = false

    /// Starts the file for `path`.
    init(path: String) throws {
        self.path = path
        partial = path + ".importing"
        descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error("create \(partial)") }
        try KeyFilterFile.lead.withUnsafeBytes { try write($0) }
    }

    deinit { close() }

    /// Closes the file; the partial file goes unless it was committed.
    func close() {
        guard !closed else { return }
        closed = true
        Foundation.close(descriptor)
        if !committed { unlink(partial) }
    }

    /// Appends the next piece of the serialized filter.
    func append(_ piece: UnsafeRawBufferPointer) throws {
        digest.update(piece)
        try write(piece)
    }

    /// The digest of the bytes appended (the filter's, without the lead): the store keeps it with the list.
    var bytesDigest: UInt64 { digest.value }

    private func write(_ piece: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < piece.count {
            let written = Foundation.write(descriptor, piece.baseAddress! + offset, piece.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Self.error("write \(partial)") }
            offset += written
        }
    }

    /// Puts the finished file in place, on disk.
    func commit() throws {
        guard fsync(descriptor) == 0 else { throw Self.error("sync \(partial)") }
        guard rename(partial, path) == 0 else { throw Self.error("rename \(partial)") }
        committed = true
    }

    private static func error(_ what: String) -> ListError {
        ListError.database(operation: "save key filter file", reason: "cannot \(what): \(String(cString: strerror(errno)))")
    }
}
