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
    public static func isMRZ(_ byte: UInt8) -> Bool { checkValues[Int(byte)] != invalidValue }

    static let invalidValue: UInt8 = 0xFF

    /// Check-digit values: `0`–`9` are 0–9, `A`–`Z` are 10–35, `<` is 0; anything else is invalid.
    /// ICAO 9303-3 §4.9.
    static let checkValues: [UInt8] = {
        var table = [UInt8](repeating: invalidValue, count: 256)
        for digit in 0..<10 { table[Int(zero) + digit] = UInt8(digit) }
        for letter in 0..<26 { table[Int(upperA) + letter] = UInt8(10 + letter) }
        table[Int(filler)] = 0
        return table
    }()
}
