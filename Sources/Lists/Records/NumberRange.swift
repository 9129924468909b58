/// A range of document numbers such as `B0100000`–`B0100999`: a fixed alphanumeric prefix (up to the
/// last letter) followed by a serial of fixed width, compared as a number.
public struct NumberRange: Sendable, Equatable {
    /// Everything before the serial digits (`B`); may be empty.
    public var prefix: String
    /// Number of serial digits (7 in `B0100000`).
    public var width: Int
    /// First and last serial, inclusive.
    public var first: UInt64, last: UInt64

    /// The range from `from` to `to` (both normalised), or nil when they do not form one: different
    /// prefixes or widths, no serial digits, more than 18 of them, or `to` before `from`.
    public init?(from: String, to: String) {
        guard let start = Self.split(from), let end = Self.split(to), start.prefix == end.prefix,
              start.digits.count == end.digits.count, let first = UInt64(start.digits), let last = UInt64(end.digits),
              first <= last
        else { return nil }
        self.prefix = start.prefix
        self.width = start.digits.count
        self.first = first
        self.last = last
    }

    /// Whether the normalised `number` lies in the range.
    public func contains(_ number: String) -> Bool {
        guard let parts = Self.split(number), parts.prefix == prefix, parts.digits.count == width,
              let serial = UInt64(parts.digits)
        else { return false }
        return serial >= first && serial <= last
    }

    /// Whether `number` lies in the range once OCR-confusable letters are folded to digits on both sides
    /// (`B01OO5OO` in `B0100000`–`B0100999`).
    public func containsFolded(_ number: String) -> Bool {
        let folded = DocumentNumber.folded(number)
        let foldedPrefix = DocumentNumber.folded(prefix)
        guard folded.utf8.count == foldedPrefix.utf8.count + width, folded.hasPrefix(foldedPrefix) else { return false }
        let serial = folded.utf8.dropFirst(foldedPrefix.utf8.count)
        guard serial.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = UInt64(String(decoding: serial, as: UTF8.self))
        else { return false }
        return value >= first && value <= last
    }

    /// Prefix (through the last non-digit) and trailing serial digits; nil without serial digits or
    /// with more than 18.
    private static func split(_ number: String) -> (prefix: String, digits: String)? {
        let bytes = Array(number.utf8)
        var cut = bytes.count
        while cut > 0, bytes[cut - 1] >= UInt8(ascii: "0"), bytes[cut - 1] <= UInt8(ascii: "9") { cut -= 1 }
        let digits = bytes.count - cut
        guard digits > 0, digits <= 18 else { return nil }
        return (String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self))
    }
}
