/// A 64-bit digest of a serialized key filter, fed in pieces of any size (the same bytes in other pieces
/// give the same digest). It tells a filter file that matches the one its store saved from one that is
/// stale, cut short or damaged: each step is a bijection of its lane, so a change in any single word always
/// changes the digest. It is not a defence against someone who can write to the store.
/// Four lanes of 8-byte words, so reading a 256 MB filter through it takes a few tens of milliseconds.
struct KeyFilterDigest {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) =
        (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15 | 1
    /// Bytes of an unfinished 32-byte stripe.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// Adds the next bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length += UInt64(bytes.count)
        var rest = bytes
        if !pending.isEmpty {
            let taken = min(32 - pending.count, rest.count)
            pending += rest.prefix(taken)
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(taken))
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripe($0, at: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        var offset = 0
        while offset + 32 <= rest.count {
            stripe(rest, at: offset)
            offset += 32
        }
        pending += rest[offset...]
    }

    /// The digest of every byte added.
    var value: UInt64 {
        var digest = self
        if !digest.pending.isEmpty {
            digest.pending += [UInt8](repeating: 0, count: 32 - digest.pending.count)
            digest.pending.withUnsafeBytes { digest.stripe($0, at: 0) }
        }
        var value = KeyFilter.mix(length)
        for lane in [digest.lanes.0, digest.lanes.1, digest.lanes.2, digest.lanes.3] {
            value = KeyFilter.mix(value ^ lane) &* Self.multiplier
        }
        return KeyFilter.mix(value)
    }

    /// The digest of `bytes`.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var digest = KeyFilterDigest()
        digest.update(bytes)
        return digest.value
    }

    private mutating func stripe(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        func word(_ index: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + index * 8, as: UInt64.self))
        }
        lanes.0 = (lanes.0 ^ word(0)) &* Self.multiplier
        lanes.1 = (lanes.1 ^ word(1)) &* Self.multiplier
        lanes.2 = (lanes.2 ^ word(2)) &* Self.multiplier
        lanes.3 = (lanes.3 ^ word(3)) &* Self.multiplier
    }
}
