/// The five ICAO 9303 MRZ formats.
public enum MRZFormat: String, Sendable, CaseIterable {
    /// ID card, 3 lines of 30 (ICAO 9303-5).
    case td1 = "TD1"
    /// Official travel document, 2 lines of 36 (ICAO 9303-6).
    case td2 = "TD2"
    /// Passport, 2 lines of 44 (ICAO 9303-4).
    case td3 = "TD3"
    /// Visa format A, 2 lines of 44 (ICAO 9303-7 §4).
    case mrvA = "MRVA"
    /// Visa format B, 2 lines of 36 (ICAO 9303-7 §7).
    case mrvB = "MRVB"

    /// Number of lines in the MRZ.
    public var lineCount: Int { self == .td1 ? 3 : 2 }

    /// Number of characters in every line.
    public var lineLength: Int {
        switch self {
        case .td1: return 30
        case .td2, .mrvB: return 36
        case .td3, .mrvA: return 44
        }
    }

    /// The format a set of lines most plausibly is, told apart by line count, length and document
    /// code; lengths may be off by a few characters (an OCR read), so a short line still names its
    /// format and is reported as a FORMAT error later. Nil when no format fits.
    public static func detect(_ lines: [[UInt8]]) -> MRZFormat? {
        var longest = 0
        for line in lines where line.count > longest { longest = line.count }
        let isVisa = lines.first?.first == UInt8(ascii: "V")
        switch lines.count {
        case 3 where (26...33).contains(longest):
            return .td1
        case 2 where (33...39).contains(longest):
            return isVisa ? .mrvB : .td2
        case 2 where (40...48).contains(longest):
            return isVisa ? .mrvA : .td3
        default:
            return nil
        }
    }
}
