/// The five ICAO 9303 MRZ formats, and the national formats docguard reads beside them.
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
    /// French national identity card of the 1988–2021 model (carte nationale d'identité), 2 lines of 36 in a
    /// national layout that is not ICAO 9303 TD2 (docguard's addition; the layout is in `MRZLayout`). The
    /// card issued since 2021 is TD1.
    case fraID = "FRA_ID"

    /// The formats ICAO 9303 defines, in declaration order.
    public static let icao: [MRZFormat] = [.td1, .td2, .td3, .mrvA, .mrvB]

    /// True for a format ICAO 9303 defines; false for a national one.
    public var isICAO: Bool { self != .fraID }

    /// How a national format's first line starts (`IDFRA`: document code `ID`, issuing state `FRA`); nil for
    /// the ICAO formats, which are told apart by line count, length and document code alone.
    public var nationalPrefix: [UInt8]? {
        self == .fraID ? MRZFormat.frenchIDPrefix : nil
    }

    private static let frenchIDPrefix = Array("IDFRA".utf8)

    /// True when `line` starts with this format's `nationalPrefix`, each character as printed or as OCR misreads
    /// it (`1DFRA`, `IDFR4`: repair then puts it right); false for the ICAO formats.
    public func hasNationalPrefix(_ line: [UInt8]) -> Bool {
        guard let prefix = nationalPrefix, line.count >= prefix.count else { return false }
        return zip(line, prefix).allSatisfy { read, printed in
            read == printed || OCRConfusion.alternatives(for: read).contains(printed)
        }
    }

    /// Number of lines in the MRZ.
    public var lineCount: Int { self == .td1 ? 3 : 2 }

    /// Number of characters in every line.
    public var lineLength: Int {
        switch self {
        case .td1: return 30
        case .td2, .mrvB, .fraID: return 36
        case .td3, .mrvA: return 44
        }
    }

    /// The format a set of lines most plausibly is, told apart by line count, length and document
    /// code; lengths may be off by a few characters (an OCR read), so a short line still names its
    /// format and is reported as a FORMAT error later. Nil when no format fits.
    /// Two lines of about 36 that start `IDFRA` (or an OCR misreading of it) are the French identity card when
    /// their second line fits its layout better than TD2's (French TD2 documents with other codes stay TD2).
    public static func detect(_ lines: [[UInt8]]) -> MRZFormat? {
        var longest = 0
        for line in lines where line.count > longest { longest = line.count }
        let isVisa = lines.first?.first == UInt8(ascii: "V")
        switch lines.count {
        case 3 where (26...33).contains(longest):
            return .td1
        case 2 where (33...39).contains(longest):
            if isVisa { return .mrvB }
            return isFrenchID(lines) ? .fraID : .td2
        case 2 where (40...48).contains(longest):
            return isVisa ? .mrvA : .td3
        default:
            return nil
        }
    }

    /// `IDFRA` first (as read or misread), and more of line 2's characters where the French card's layout allows them than where
    /// TD2's does: a TD2 line 2 has digits where the card has given names, and letters where it has digits.
    private static func isFrenchID(_ lines: [[UInt8]]) -> Bool {
        guard MRZFormat.fraID.hasNationalPrefix(lines[0]) else { return false }
        let french = MRZLayout.of(.fraID)
        let td2 = MRZLayout.of(.td2)
        var balance = 0
        for (index, byte) in lines[1].prefix(36).enumerated() {
            if french.allows(byte, line: 1, index: index) { balance += 1 }
            if td2.allows(byte, line: 1, index: index) { balance -= 1 }
        }
        return balance > 0
    }
}
