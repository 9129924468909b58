import Foundation

/// Builds the key filter of a list of any size in memory that does not grow with the list (an import
/// must run in flat memory; the filter of 128 million keys is 256 MB, and saving it whole would hold it
/// twice).
///
/// A small filter is built in memory. A larger one is cut into parts of consecutive blocks: each key's
/// hash is spilled to its part's scratch file as it comes (blocks follow the order of hashes, so a part
/// is a range of hashes), then the parts are built one at a time and handed out in order. The bytes
/// handed out are exactly `KeyFilter.serialized()` of the same keys, header first. The scratch files are
/// unlinked as soon as they are open, so nothing is left behind however the import ends.
public final class KeyFilterBuilder {
    private let blockCount: Int
    private let blocksPerPart: Int
    private var count = 0
    /// The whole filter, when it is built in memory (one part).
    private var words: [UInt64] = []
    /// Spilling: one scratch file per part, and the hashes waiting to be written to each.
    private var files: [Int32] = []
    private var pending: [[UInt64]] = []
    private var failure: Error?
    private static let pendingPerPart = 8192

    /// A builder for `capacity` keys. A filter larger than `partBytes` spills to unnamed files in
    /// `scratchDirectory`.
    public init(capacity: Int, scratchDirectory: String, partBytes: Int = 8 << 20) throws {
        blockCount = KeyFilter.blockCount(capacity: capacity)
        let blockBytes = KeyFilter.wordsPerBlock * 8
        let parts = max(1, (blockCount * blockBytes + partBytes - 1) / max(blockBytes, partBytes))
        blocksPerPart = (blockCount + parts - 1) / parts
        guard parts > 1 else {
            words = [UInt64](repeating: 0, count: blockCount * KeyFilter.wordsPerBlock)
            return
        }
        for _ in 0..<(blockCount + blocksPerPart - 1) / blocksPerPart {
            let path = (scratchDirectory as NSString).appendingPathComponent(".docguard-filter-\(UUID().uuidString)")
            let file = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard file >= 0 else { throw Self.error("make a scratch file in \(scratchDirectory)") }
            unlink(path)
            files.append(file)
            pending.append([])
        }
    }

    deinit {
        for file in files { close(file) }
    }

    /// Adds a key. A scratch file that cannot be written fails `finish`.
    public func insert(state: some StringProtocol, foldedNumber: some StringProtocol) {
        insert(stateBytes: state.utf8, foldedNumberBytes: foldedNumber.utf8)
    }

    /// Adds a key given as UTF-8 bytes (as a store hands them out, without making strings).
    public func insert(stateBytes: some Sequence<UInt8>, foldedNumberBytes: some Sequence<UInt8>) {
        let hash = KeyFilter.hash(stateBytes: stateBytes, foldedNumberBytes: foldedNumberBytes)
        let block = KeyFilter.block(of: hash, blockCount: blockCount)
        count += 1
        guard !files.isEmpty else {
            words.withUnsafeMutableBufferPointer {
                KeyFilter.set(hash, in: $0.baseAddress! + block * KeyFilter.wordsPerBlock)
            }
            return
        }
        let part = block / blocksPerPart
        pending[part].append(hash)
        if pending[part].count == Self.pendingPerPart { flush(part) }
    }

    /// Hands the filter's serialized bytes to `emit` in pieces, in order: the header, then the words (a
    /// part at a time when spilled).
    public func finish(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        try KeyFilter.header(blockCount: blockCount, count: count).withUnsafeBytes(emit)
        guard !files.isEmpty else { return try littleEndian(words).withUnsafeBytes(emit) }
        for part in files.indices { flush(part) }
        if let failure { throw failure }
        var partWords = [UInt64](repeating: 0, count: blocksPerPart * KeyFilter.wordsPerBlock)
        var hashes = [UInt64](repeating: 0, count: 1 << 17)
        for (part, file) in files.enumerated() {
            let firstBlock = part * blocksPerPart
            let blocks = min(blocksPerPart, blockCount - firstBlock)
            partWords.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            guard lseek(file, 0, SEEK_SET) == 0 else { throw Self.error("rewind a scratch file") }
            while true {
                let read = hashes.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress!, $0.count) }
                guard read >= 0 else { throw Self.error("read a scratch file") }
                guard read > 0 else { break }
                partWords.withUnsafeMutableBufferPointer { partWords in
                    for hash in hashes.prefix(read / 8) {
                        let block = KeyFilter.block(of: hash, blockCount: blockCount) - firstBlock
                        KeyFilter.set(hash, in: partWords.baseAddress! + block * KeyFilter.wordsPerBlock)
                    }
                }
            }
            try littleEndian(partWords.prefix(blocks * KeyFilter.wordsPerBlock)).withUnsafeBytes(emit)
        }
    }

    /// Writes the hashes waiting for `part` to its scratch file.
    private func flush(_ part: Int) {
        guard !pending[part].isEmpty else { return }
        defer { pending[part].removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        let complete = pending[part].withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(files[part], bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
        if !complete { failure = Self.error("write a scratch file") }
    }

    private func littleEndian(_ words: some Collection<UInt64>) -> [UInt64] {
        #if _endian(big)
            return words.map(\.littleEndian)
        #else
            return Array(words)
        #endif
    }

    private static func error(_ what: String) -> ListError {
        ListError.database(operation: "build key filter", reason: "cannot \(what): \(String(cString: strerror(errno)))")
    }
}
