import Foundation
import MRZ

/// Printed text brought to what the MRZ could have made of it: upper case, Latin letters and digits only, national
/// characters written as ICAO 9303-3 §6.A recommends (`LatinTransliteration`: MÜLLER as MUELLER, ØSTERGÅRD as
/// OESTERGAARD, ÇELİK as CELIK; a letter the table lacks loses its marks), everything else (spaces, hyphens,
/// apostrophes) left out, as the MRZ leaves it out.
public enum PrintedTextKey {
    /// Letters the ICAO table (`LatinTransliteration`, ICAO 9303-3 §6.A) leaves out that pages print: the small
    /// sharp s, and the schwa, which Azerbaijan writes as A in the MRZ.
    static let otherSpellings: [Character: String] = ["ß": "SS", "Ə": "A", "ə": "A"]

    /// `text` as the MRZ would spell it.
    public static func mrzSpelling(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for character in text.uppercased() {
            if let spelled = otherSpellings[character]
                ?? character.unicodeScalars.first.flatMap({ LatinTransliteration.table[$0] })
            {
                out += spelled
                continue
            }
            for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars {
                if ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A spelling that the choices ICAO leaves open all share (Ä as AE or A, Å as AA or A, Ñ as N or NXX, Ü as UE,
    /// UXX or U), and that an engine reading Ü as U, or Þ as P (the MRZ's TH), also gives: the MRZ's or the page's
    /// text after `mrzSpelling`.
    public static func loose(_ spelled: String) -> String {
        let count = spelled.utf8.count
        // Two bytes past the end, so a look two ahead needs no bounds test.
        let bytes = Array(spelled.utf8) + [0, 0]
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var index = 0
        let (a, e, o, u, n, x) = (
            UInt8(ascii: "A"), UInt8(ascii: "E"), UInt8(ascii: "O"), UInt8(ascii: "U"),
            UInt8(ascii: "N"), UInt8(ascii: "X")
        )
        let (t, h, p) = (UInt8(ascii: "T"), UInt8(ascii: "H"), UInt8(ascii: "P"))
        while index < count {
            let byte = bytes[index]
            out.append(byte)
            let next = bytes[index + 1]
            if (byte == a || byte == o || byte == u) && next == e {
                index += 2
            } else if byte == a && next == a {
                index += 2
            } else if byte == t && next == h {
                out[out.count - 1] = p
                index += 2
            } else if (byte == u || byte == n) && next == x && bytes[index + 2] == x {
                index += 3
            } else {
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `loose(mrzSpelling(text))`.
    public static func key(_ text: String) -> String { loose(mrzSpelling(text)) }
}
