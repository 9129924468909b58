/// The normal forms document numbers and state codes are compared in.
public enum DocumentNumber {
    /// Upper case with MRZ fillers, spaces and dashes removed: `l898902c<` and `L898-902C` are both
    /// `L898902C`. Nil when anything but A–Z and 0–9 is left, or nothing.
    public static func normalized(_ text: some StringProtocol) -> String? {
        // Numbers read from an MRZ are nearly always normal already: then they are kept as they are.
        if !text.isEmpty, text.utf8.allSatisfy(isNormal) { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: " "), UInt8(ascii: "-"): continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            default: return nil
            }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// The normalised number with each letter that OCR confuses with a digit replaced by that digit
    /// (O→0, I→1, B→8, S→5, Z→2, G→6). Two numbers with the same folded form differ, if at all, only
    /// by such confusions.
    public static func folded(_ normalized: String) -> String {
        normalized.utf8.allSatisfy({ fold($0) == $0 })
            ? normalized : String(decoding: normalized.utf8.map(fold), as: UTF8.self)
    }

    private static func isNormal(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// One byte folded (see `folded`).
    @inlinable public static func fold(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "O"): return UInt8(ascii: "0")
        case UInt8(ascii: "I"): return UInt8(ascii: "1")
        case UInt8(ascii: "B"): return UInt8(ascii: "8")
        case UInt8(ascii: "S"): return UInt8(ascii: "5")
        case UInt8(ascii: "Z"): return UInt8(ascii: "2")
        case UInt8(ascii: "G"): return UInt8(ascii: "6")
        default: return byte
        }
    }

    /// An issuing-state code as stored: upper case, fillers dropped (`D<<` → `D`); nil unless 1–3 letters.
    public static func state(_ text: some StringProtocol) -> String? {
        guard let code = normalized(text), (1...3).contains(code.utf8.count),
            code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else { return nil }
        return code
    }
}
