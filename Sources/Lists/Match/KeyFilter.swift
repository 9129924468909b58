import CMemory

#if os(Linux)
    import Glibc
#endif

/// A compact in-memory set of list keys (issuing state and folded document number) that answers "certainly
/// not listed" or "maybe listed": a split-block Bloom filter, 512-bit blocks, one bit set in each of a
/// block's eight words per key. At 16 bits per key it wrongly says "maybe" for about 0.1 % of unlisted
/// keys and never says "not listed" for a listed one, so a miss is decided without touching the database
/// and every possible hit is checked there.
///
/// The folded number is the key for exact and confusion matches alike (an exact match has the same
/// folded form), so one probe covers both. The hash is fixed (FNV-1a and a 64-bit finaliser), so a filter
/// saved by one process reads the same in another. The words are held as they are saved (little-endian),
/// in memory of their own or straight in a mapped file (`KeyFilterFile`); a filter never changes once made
/// (`KeyFilterBuilder` makes them).
public struct KeyFilter: Sendable, Equatable {
    /// Bits of filter per key it is sized for: about 0.1 % false "maybe"s (12 bits gave 0.5 %: at 128 M
    /// records, 8 000 of 2 million crossings went to the database for nothing).
    public static let bitsPerKey = 16
    static let wordsPerBlock = 8

    private let words: KeyFilterWords
    private let blockCount: Int
    /// Keys inserted.
    public let count: Int

    /// A filter over `words` (`blockCount` blocks) holding `count` keys.
    init(words: KeyFilterWords, blockCount: Int, count: Int) {
        self.words = words
        self.blockCount = blockCount
        self.count = count
    }

    /// False when the key was certainly never inserted.
    public func mightContain(state: some StringProtocol, foldedNumber: some StringProtocol) -> Bool {
        mightContain(probe(state: state, foldedNumber: foldedNumber))
    }

    /// Works out where a key lies and starts loading its block into the cache, without waiting: asked
    /// (`mightContain(_:)`) after some other work, the block is there. A filter of 128 M keys is 256 MB,
    /// so a probe that waits for memory waits a few hundred nanoseconds.
    public func probe(state: some StringProtocol, foldedNumber: some StringProtocol) -> KeyFilterProbe {
        let probe = KeyFilterProbe(hash: Self.hash(state: state, foldedNumber: foldedNumber))
        docguard_prefetch(block(of: probe))
        return probe
    }

    /// False when the probed key was certainly never inserted.
    public func mightContain(_ probe: KeyFilterProbe) -> Bool {
        let block = block(of: probe)
        let bits = Self.bits(of: probe.hash)
        for word in 0..<Self.wordsPerBlock where UInt64(littleEndian: block[word]) & Self.bit(bits, word) == 0 {
            return false
        }
        return true
    }

    private func block(of probe: KeyFilterProbe) -> UnsafePointer<UInt64> {
        words.base + Self.block(of: probe.hash, blockCount: blockCount) * Self.wordsPerBlock
    }

    public static func == (lhs: KeyFilter, rhs: KeyFilter) -> Bool {
        lhs.blockCount == rhs.blockCount && lhs.count == rhs.count
            && memcmp(lhs.words.base, rhs.words.base, lhs.blockCount * wordsPerBlock * 8) == 0
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
    static func mix(_ value: UInt64) -> UInt64 {
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

    /// The block and key counts a serialized header gives, when it is a filter's header announcing
    /// `totalBytes` bytes in all (header included); nil otherwise.
    static func layout(header: UnsafeRawBufferPointer, totalBytes: Int) -> (blockCount: Int, count: Int)? {
        guard header.count >= headerSize, header.prefix(magic.count).elementsEqual(magic) else { return nil }
        let blocks = UInt64(littleEndian: header.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let keys = UInt64(littleEndian: header.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        guard blocks > 0, blocks < UInt64(Int.max / 64), headerSize + Int(blocks) * wordsPerBlock * 8 == totalBytes
        else { return nil }
        return (Int(blocks), Int(clamping: keys))
    }

    /// The filter as bytes: the header, then the words, all little-endian.
    public func serialized() -> [UInt8] {
        Self.header(blockCount: blockCount, count: count)
            + UnsafeRawBufferPointer(start: words.base, count: blockCount * Self.wordsPerBlock * 8)
    }

    /// A filter from `serialized()` bytes; nil when they are not one.
    public init?(serialized bytes: [UInt8]) {
        var loader = KeyFilterLoader(totalBytes: bytes.count)
        guard bytes.withUnsafeBytes({ loader.append($0) }), let filter = loader.finish() else { return nil }
        self = filter
    }
}

/// A key's place in a filter, worked out by `KeyFilter.probe`.
public struct KeyFilterProbe: Sendable {
    fileprivate let hash: UInt64
}
