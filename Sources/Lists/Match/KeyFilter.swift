#if os(Linux)
import Glibc
#endif

/// A compact in-memory set of list keys (issuing state and folded document number) that answers "certainly
/// not listed" or "maybe listed": a split-block Bloom filter, 512-bit blocks, one bit set in each of a
/// block's eight words per key. At 12 bits per key it wrongly says "maybe" for about 0.5 % of unlisted
/// keys and never says "not listed" for a listed one, so a miss is decided without touching the database
/// and every possible hit is checked there.
///
/// The folded number is the key for exact and confusion matches alike (an exact match has the same
/// folded form), so one probe covers both. The hash is fixed (FNV-1a and a 64-bit finaliser), so a filter
/// saved by one process reads the same in another.
public struct KeyFilter: Sendable, Equatable {
    /// Bits of filter per key it is sized for.
    public static let bitsPerKey = 12
    static let wordsPerBlock = 8

    private var words: [UInt64]
    private let blockCount: Int
    /// Keys inserted.
    public private(set) var count: Int

    /// An empty filter sized for `capacity` keys.
    public init(capacity: Int) {
        blockCount = Self.blockCount(capacity: capacity)
        words = [UInt64](repeating: 0, count: blockCount * Self.wordsPerBlock)
        count = 0
    }

    /// A filter over `words` (`blockCount` blocks) holding `count` keys.
    init(words: [UInt64], blockCount: Int, count: Int) {
        self.words = words
        self.blockCount = blockCount
        self.count = count
    }

    /// Adds a key.
    public mutating func insert(state: some StringProtocol, foldedNumber: some StringProtocol) {
        let hash = Self.hash(state: state, foldedNumber: foldedNumber)
        let block = Self.block(of: hash, blockCount: blockCount)
        words.withUnsafeMutableBufferPointer { words in
            Self.set(hash, in: words.baseAddress! + block * Self.wordsPerBlock)
        }
        count += 1
    }

    /// False when the key was certainly never inserted.
    public func mightContain(state: some StringProtocol, foldedNumber: some StringProtocol) -> Bool {
        let hash = Self.hash(state: state, foldedNumber: foldedNumber)
        let first = Self.block(of: hash, blockCount: blockCount) * Self.wordsPerBlock
        let bits = Self.bits(of: hash)
        return words.withUnsafeBufferPointer { words in
            for word in 0..<Self.wordsPerBlock where words[first + word] & Self.bit(bits, word) == 0 { return false }
            return true
        }
    }

    // MARK: The hash and where it lands (shared with `KeyFilterBuilder`)

    /// Blocks for `capacity` keys at `bitsPerKey`.
    static func blockCount(capacity: Int) -> Int { max(1, (max(capacity, 1) * bitsPerKey + 511) / 512) }

    /// The block a key's hash selects: blocks follow the order of hashes, so a run of hashes fills a run of blocks.
    static func block(of hash: UInt64, blockCount: Int) -> Int {
        Int(hash.multipliedFullWidth(by: UInt64(blockCount)).high)
    }

    /// Sets the key's bit in each word of its block (`block` points at the block's first word).
    static func set(_ hash: UInt64, in block: UnsafeMutablePointer<UInt64>) {
        let bits = bits(of: hash)
        for word in 0..<wordsPerBlock { block[word] |= bit(bits, word) }
    }

    /// A second hash whose 6-bit groups pick the bit in each of the block's words.
    private static func bits(of hash: UInt64) -> UInt64 { mix(hash ^ 0x9E37_79B9_7F4A_7C15) }

    @inline(__always) private static func bit(_ bits: UInt64, _ word: Int) -> UInt64 {
        1 << ((bits >> UInt64(word * 6)) & 63)
    }

    static func hash(state: some StringProtocol, foldedNumber: some StringProtocol) -> UInt64 {
        hash(stateBytes: state.utf8, foldedNumberBytes: foldedNumber.utf8)
    }

    /// The key's hash from its UTF-8 bytes.
    static func hash(stateBytes: some Sequence<UInt8>, foldedNumberBytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for byte in stateBytes { add(byte) }
        add(UInt8(ascii: "|"))
        for byte in foldedNumberBytes { add(byte) }
        return mix(hash)
    }

    /// MurmurHash3's 64-bit finaliser: spreads every input bit over the whole word.
    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}

extension KeyFilter {
    static let magic: [UInt8] = Array("DGKF1\0\0\0".utf8)
    /// Bytes before the words: magic, block count, key count.
    static let headerSize = 24

    /// The serialized header: magic, block count, key count, little-endian; the words follow it.
    static func header(blockCount: Int, count: Int) -> [UInt8] {
        var bytes = magic
        for value in [UInt64(blockCount), UInt64(count)] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The filter as bytes: the header, then the words, all little-endian.
    public func serialized() -> [UInt8] {
        var bytes = Self.header(blockCount: blockCount, count: count)
        bytes.reserveCapacity(Self.headerSize + words.count * 8)
        for word in words { withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// A filter from `serialized()` bytes; nil when they are not one.
    public init?(serialized bytes: [UInt8]) {
        var loader = KeyFilterLoader(totalBytes: bytes.count)
        guard bytes.withUnsafeBytes({ loader.append($0) }), let filter = loader.finish() else { return nil }
        self = filter
    }
}

/// Reads a saved filter from its serialized bytes handed over in pieces, in order (as a store keeps them, in
/// chunks), each piece copied once, straight into place: a filter for 128 million keys is 192 MB.
public struct KeyFilterLoader {
    /// The size of the whole serialized filter, as the store reports it: a header announcing another size
    /// is refused before anything is allocated for it.
    private let totalBytes: Int
    private var header: [UInt8] = []
    private var words: [UInt64] = []
    private var blockCount = 0, count = 0
    /// Bytes of `words` filled.
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
        guard piece.count <= words.count * 8 - filled else {
            valid = false
            return false
        }
        words.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: filled).copyMemory(from: piece.baseAddress!, byteCount: piece.count) }
        filled += piece.count
        return true
    }

    /// The filter, or nil when the bytes were not one whole filter.
    public func finish() -> KeyFilter? {
        guard valid, header.count == KeyFilter.headerSize, filled == words.count * 8 else { return nil }
        #if _endian(big)
        return KeyFilter(words: words.map { UInt64(littleEndian: $0) }, blockCount: blockCount, count: count)
        #else
        return KeyFilter(words: words, blockCount: blockCount, count: count)
        #endif
    }

    /// Checks the header and makes room for the words it announces.
    private mutating func startWords() -> Bool {
        guard Array(header[0..<8]) == KeyFilter.magic else { return false }
        let (blocks, keys) = header.withUnsafeBytes { raw in
            (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
             UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        }
        guard blocks > 0, blocks < UInt64(Int.max / 64),
              KeyFilter.headerSize + Int(blocks) * KeyFilter.wordsPerBlock * 8 == totalBytes
        else { return false }
        blockCount = Int(blocks)
        count = Int(clamping: keys)
        words = [UInt64](unsafeUninitializedCapacity: blockCount * KeyFilter.wordsPerBlock) { buffer, initialized in
            Self.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: 0)  // after the advice: the first touch is what places the pages
            initialized = buffer.count
        }
        return true
    }

    /// Asks Linux to back a large filter with 2 MB pages: every probe lands on a random block, and with
    /// 4 KB pages nearly every probe of a 192 MB filter also misses the TLB. Only advice, and only for
    /// memory not touched yet; without transparent huge pages nothing changes.
    private static func adviseHugePages(_ bytes: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let hugePage = 2 << 20
        guard bytes.count >= 2 * hugePage, let base = bytes.baseAddress else { return }
        let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
        let end = (Int(bitPattern: base) + bytes.count) & ~(hugePage - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        #endif
    }
}
