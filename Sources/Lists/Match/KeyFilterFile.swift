import Foundation

/// A saved key filter as a file of its own beside a SQLite store (`STORE.filter`): a 40-byte lead (`lead`),
/// then the serialized filter, whose words thus start 64 bytes in (a block of the filter is one cache line in
/// memory too). Read straight from the file into memory of the filter's own (a cold 256 MB filter loads at
/// disk speed, where the database's overflow pages, 4 KB at a time, took 20 s on the build machine).
///
/// The file is read, never mapped: a mapping shares the file's fate, and a file rewritten in place while a
/// screen or watcher runs (a copy over it, a restore from backup) would crash the process with SIGBUS where it
/// was cut short, or silently change the filter's bits under it — a "not listed" for a stolen document. What
/// is read is checked before use: the file must be a regular file whose identity (device, inode, size,
/// change time) did not move while it was read, and whose bytes give the digest the store kept. A file that
/// fails any of it (left by an earlier import, cut short, damaged, copied from another store, being rewritten)
/// is never used; the filter is read from the database instead. Imports replace the file by rename
/// (`KeyFilterFileWriter`), so a reader never sees half of one.
enum KeyFilterFile {
    /// What comes before the serialized filter: a magic word, then zeros.
    static let lead: [UInt8] = Array("DGKFFILE".utf8) + [UInt8](repeating: 0, count: 32)
    /// Bytes read at a time.
    private static let chunkBytes = 8 << 20

    /// The filter in the file at `path` when its bytes give `digest`; nil when there is no such file, it is not
    /// a regular file, it changed while it was read, or it does not match.
    static func load(path: String, digest: UInt64) -> KeyFilter? {
        // Non-blocking: a FIFO put in the file's place must not hang the open.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var before = stat()
        let wordsOffset = lead.count + KeyFilter.headerSize
        guard fstat(descriptor, &before) == 0, before.st_mode & S_IFMT == S_IFREG, before.st_size > wordsOffset
        else { return nil }
        var head = [UInt8](repeating: 0, count: wordsOffset)
        guard head.withUnsafeMutableBytes({ read(descriptor, into: $0, at: 0) }), head.starts(with: lead) else {
            return nil
        }
        let filterBytes = Int(before.st_size) - lead.count
        guard
            let layout = head[lead.count...].withUnsafeBytes({
                KeyFilter.layout(header: $0, totalBytes: filterBytes)
            }),
            let words = KeyFilterWords(allocating: layout.blockCount * KeyFilter.wordsPerBlock)
        else { return nil }
        var fileDigest = KeyFilterDigest()
        head[lead.count...].withUnsafeBytes { fileDigest.update($0) }
        let wordBytes = filterBytes - KeyFilter.headerSize
        var offset = 0
        while offset < wordBytes {
            let piece = UnsafeMutableRawBufferPointer(
                start: words.writableBase + offset, count: min(chunkBytes, wordBytes - offset))
            guard read(descriptor, into: piece, at: wordsOffset + offset) else { return nil }
            fileDigest.update(UnsafeRawBufferPointer(piece))
            offset += piece.count
        }
        var after = stat()
        guard fstat(descriptor, &after) == 0, sameFile(before, after), fileDigest.value == digest else { return nil }
        return KeyFilter(words: words, blockCount: layout.blockCount, count: layout.count)
    }

    /// Fills `buffer` from the file at `offset`; false when the file ends first or cannot be read.
    private static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return false }
            done += got
        }
        return true
    }

    /// Whether two looks at an open file saw the same file with the same contents (as far as its size and
    /// change time tell: a write in between moves the change time).
    private static func sameFile(_ first: stat, _ second: stat) -> Bool {
        first.st_dev == second.st_dev && first.st_ino == second.st_ino && first.st_size == second.st_size
            && first.st_ctim.tv_sec == second.st_ctim.tv_sec && first.st_ctim.tv_nsec == second.st_ctim.tv_nsec
            && first.st_mtim.tv_sec == second.st_mtim.tv_sec && first.st_mtim.tv_nsec == second.st_mtim.tv_nsec
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
        ListError.database(
            operation: "save key filter file", reason: "cannot \(what): \(String(cString: strerror(errno)))")
    }
}
