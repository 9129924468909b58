/// Byte-level facts about the MRZ character set (ICAO 9303-3 §4.9): A–Z, 0–9 and the filler `<`.
public enum MRZCharacter {
    /// The filler character `<`.
    public static let filler: UInt8 = 0x3C
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let upperA: UInt8 = 0x41
    static let upperZ: UInt8 = 0x5A

    /// True for `0`–`9`.
    @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    /// True for `A`–`Z`.
    @inline(__always)
    public static func isLetter(_ byte: UInt8) -> Bool { byte >= upperA && byte <= upperZ }

    /// True for any character allowed in an MRZ: `A`–`Z`, `0`–`9`, `<`.
    @inline(__always)
    public static func isMRZ(_ byte: UInt8) -> Bool { checkValue(byte) != invalidValue }

    static let invalidValue: UInt8 = 0xFF

    /// Check-digit value: `0`–`9` are 0–9, `A`–`Z` are 10–35, `<` is 0; anything else is invalid.
    /// ICAO 9303-3 §4.9. Arithmetic rather than a table: no global to initialise on the hot path.
    @inline(__always)
    static func checkValue(_ byte: UInt8) -> UInt8 {
        if isDigit(byte) { return byte &- zero }
        if isLetter(byte) { return byte &- upperA &+ 10 }
        return byte == filler ? 0 : invalidValue
    }
}
