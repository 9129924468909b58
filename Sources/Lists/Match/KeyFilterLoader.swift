/// Reads a saved filter from its serialized bytes handed over in pieces, in order (as a store keeps them, in
/// chunks), each piece copied once, straight into place: a filter for 128 million keys is 256 MB.
public struct KeyFilterLoader {
    /// The size of the whole serialized filter, as the store reports it: a header announcing another size
    /// is refused before anything is allocated for it.
    private let totalBytes: Int
    private var header: [UInt8] = []
    private var words: KeyFilterWords?
    private var layout = (blockCount: 0, count: 0)
    /// Bytes of the words filled.
    private var filled = 0
    private var valid = true

    /// A loader for a serialized filter of `totalBytes` bytes in all.
    public init(totalBytes: Int) {
        self.totalBytes = totalBytes
    }

    /// Takes the next piece; false once the bytes cannot be a filter (then stop).
    public mutating func append(_ piece: UnsafeRawBufferPointer) -> Bool {
        var piece = piece
        if header.count < KeyFilter.headerSize {
            let taken = min(piece.count, KeyFilter.headerSize - header.count)
            header += piece.prefix(taken)
            piece = UnsafeRawBufferPointer(rebasing: piece.dropFirst(taken))
            if header.count == KeyFilter.headerSize { valid = startWords() }
        }
        guard valid, !piece.isEmpty else { return valid }
        guard let words, piece.count <= totalBytes - KeyFilter.headerSize - filled else {
            valid = false
            return false
        }
        (words.writableBase + filled).copyMemory(from: piece.baseAddress!, byteCount: piece.count)
        filled += piece.count
        return true
    }

    /// The filter, or nil when the bytes were not one whole filter.
    public func finish() -> KeyFilter? {
        guard valid, let words, KeyFilter.headerSize + filled == totalBytes else { return nil }
        return KeyFilter(words: words, blockCount: layout.blockCount, count: layout.count)
    }

    /// Checks the header and makes room for the words it announces.
    private mutating func startWords() -> Bool {
        guard let layout = header.withUnsafeBytes({ KeyFilter.layout(header: $0, totalBytes: totalBytes) }),
            let words = KeyFilterWords(allocating: layout.blockCount * KeyFilter.wordsPerBlock)
        else { return false }
        self.layout = layout
        self.words = words
        return true
    }
}
