/// A range of document numbers such as `B0100000`–`B0100999`: a fixed alphanumeric prefix (up to the
/// last letter) followed by a serial of fixed width, compared as a number.
public struct NumberRange: Sendable, Equatable {
    /// Everything before the serial digits (`B`); may be empty.
    public let prefix: String
    /// Number of serial digits (7 in `B0100000`).
    public let width: Int
    /// First and last serial, inclusive.
    public let first: UInt64, last: UInt64
    private let prefixBytes: [UInt8]
    private let foldedPrefixBytes: [UInt8]

    /// The range from `from` to `to` (both normalised), or nil when they do not form one: different
    /// prefixes or widths, no serial digits, more than 18 of them, or `to` before `from`.
    public init?(from: String, to: String) {
        guard let start = Self.split(Array(from.utf8)), let end = Self.split(Array(to.utf8)),
            start.prefix == end.prefix, start.width == end.width, start.serial <= end.serial
        else { return nil }
        prefixBytes = start.prefix
        foldedPrefixBytes = start.prefix.map(DocumentNumber.fold)
        prefix = String(decoding: start.prefix, as: UTF8.self)
        width = start.width
        first = start.serial
        last = end.serial
    }

    /// Whether the normalised `number` lies in the range as read.
    public func contains(_ number: String) -> Bool { kind(of: number) == .range }

    /// Whether `number` lies in the range once OCR-confusable letters are folded to digits on both sides
    /// (`B01OO5OO` in `B0100000`–`B0100999`).
    public func containsFolded(_ number: String) -> Bool { kind(of: number) != nil }

    private func kind(of number: String) -> ListMatchKind? {
        let bytes = Array(number.utf8)
        let folded = bytes.map(DocumentNumber.fold)
        return bytes.withUnsafeBufferPointer { bytes in folded.withUnsafeBufferPointer { kind(of: bytes, folded: $0) } }
    }

    /// `.range` when the number (bytes, and the same folded) lies in the range as read, `.fuzzy` when only
    /// after folding, nil otherwise. Allocates nothing: every document is tested against its state's ranges.
    func kind(of number: UnsafeBufferPointer<UInt8>, folded: UnsafeBufferPointer<UInt8>) -> ListMatchKind? {
        guard number.count == prefixBytes.count + width else { return nil }
        if number.starts(with: prefixBytes), let serial = Self.serial(number[prefixBytes.count...]),
            serial >= first, serial <= last
        {
            return .range
        }
        if folded.starts(with: foldedPrefixBytes), let serial = Self.serial(folded[foldedPrefixBytes.count...]),
            serial >= first, serial <= last
        {
            return .fuzzy
        }
        return nil
    }

    /// The value of `digits`; nil when one is not a digit.
    static func serial(_ digits: some Collection<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Prefix (through the last non-digit), serial width and value; nil without serial digits or with
    /// more than 18.
    private static func split(_ bytes: [UInt8]) -> (prefix: [UInt8], width: Int, serial: UInt64)? {
        var cut = bytes.count
        while cut > 0, bytes[cut - 1] >= UInt8(ascii: "0"), bytes[cut - 1] <= UInt8(ascii: "9") { cut -= 1 }
        let width = bytes.count - cut
        guard width > 0, width <= 18, let serial = serial(bytes[cut...]) else { return nil }
        return (Array(bytes[..<cut]), width, serial)
    }
}
