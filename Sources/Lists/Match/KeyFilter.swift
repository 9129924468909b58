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
    private static let wordsPerBlock = 8

    private var words: [UInt64]
    private let blockCount: Int
    /// Keys inserted.
    public private(set) var count: Int

    /// An empty filter sized for `capacity` keys.
    public init(capacity: Int) {
        blockCount = max(1, (max(capacity, 1) * Self.bitsPerKey + 511) / 512)
        words = [UInt64](repeating: 0, count: blockCount * Self.wordsPerBlock)
        count = 0
    }

    /// Adds a key.
    public mutating func insert(state: some StringProtocol, foldedNumber: some StringProtocol) {
        let (block, bits) = probe(Self.hash(state: state, foldedNumber: foldedNumber))
        words.withUnsafeMutableBufferPointer { words in
            for word in 0..<Self.wordsPerBlock { words[block + word] |= Self.bit(bits, word) }
        }
        count += 1
    }

    /// False when the key was certainly never inserted.
    public func mightContain(state: some StringProtocol, foldedNumber: some StringProtocol) -> Bool {
        let (block, bits) = probe(Self.hash(state: state, foldedNumber: foldedNumber))
        return words.withUnsafeBufferPointer { words in
            for word in 0..<Self.wordsPerBlock where words[block + word] & Self.bit(bits, word) == 0 { return false }
            return true
        }
    }

    /// The first word of the block a hash selects, and a second hash whose 6-bit groups pick the bit in
    /// each of the block's words.
    private func probe(_ hash: UInt64) -> (Int, UInt64) {
        let block = Int(hash.multipliedFullWidth(by: UInt64(blockCount)).high) * Self.wordsPerBlock
        return (block, Self.mix(hash ^ 0x9E37_79B9_7F4A_7C15))
    }

    @inline(__always) private static func bit(_ bits: UInt64, _ word: Int) -> UInt64 {
        1 << ((bits >> UInt64(word * 6)) & 63)
    }

    static func hash(state: some StringProtocol, foldedNumber: some StringProtocol) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for byte in state.utf8 { add(byte) }
        add(UInt8(ascii: "|"))
        for byte in foldedNumber.utf8 { add(byte) }
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
    private static let magic: [UInt8] = Array("DGKF1\0\0\0".utf8)

    /// The filter as bytes: magic, block count, key count, then the words, all little-endian.
    public func serialized() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(24 + words.count * 8)
        for value in [UInt64(blockCount), UInt64(count)] + words {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// A filter from `serialized()` bytes; nil when they are not one.
    public init?(serialized bytes: [UInt8]) {
        guard bytes.count >= 24, Array(bytes[0..<8]) == Self.magic else { return nil }
        let header = bytes.withUnsafeBytes { raw in
            (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
             UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        }
        let blocks = Int(clamping: header.0)
        guard blocks > 0, blocks < Int.max / 64, bytes.count == 24 + blocks * Self.wordsPerBlock * 8 else { return nil }
        blockCount = blocks
        count = Int(clamping: header.1)
        let wordCount = blocks * Self.wordsPerBlock
        words = bytes.withUnsafeBytes { raw in
            [UInt64](unsafeUninitializedCapacity: wordCount) { buffer, initialized in
                for index in 0..<wordCount {
                    buffer[index] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24 + index * 8, as: UInt64.self))
                }
                initialized = wordCount
            }
        }
    }
}
