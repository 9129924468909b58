import Foundation

/// Printed text brought to what the MRZ could have made of it: upper case, Latin letters and digits only, national
/// characters written as ICAO 9303-3 §6.A recommends (MÜLLER as MUELLER, ØSTERGÅRD as OESTERGAARD, ÇELİK as
/// CELIK), everything else (spaces, hyphens, apostrophes) left out, as the MRZ leaves it out.
public enum PrintedTextKey {
    /// National characters whose MRZ spelling is not the letter without its mark (ICAO 9303-3 §6.A): the first
    /// recommended spelling. Letters with a mark only (É, Č, Ş, İ) lose the mark.
    static let spellings: [Character: String] = [
        "Ä": "AE", "Å": "AA", "Æ": "AE", "Ð": "D", "Đ": "D", "Ö": "OE", "Ø": "OE", "Ü": "UE", "Þ": "TH",
        "Œ": "OE", "Ĳ": "IJ", "ẞ": "SS", "ß": "SS", "Ł": "L", "Ŀ": "L", "Ħ": "H", "Ŧ": "T", "Ŋ": "N", "ı": "I",
        // Not in the ICAO table; Azerbaijan writes the schwa as A in the MRZ.
        "Ə": "A", "ə": "A",
    ]

    /// `text` as the MRZ would spell it.
    public static func mrzSpelling(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for character in text.uppercased() {
            if let spelled = spellings[character] {
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
    /// UXX or U), and that an engine reading Ü as U also gives: the MRZ's or the page's text after `mrzSpelling`.
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
        while index < count {
            let byte = bytes[index]
            out.append(byte)
            let next = bytes[index + 1]
            if (byte == a || byte == o || byte == u) && next == e {
                index += 2
            } else if byte == a && next == a {
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

/// Edit distance between two short strings (insertions, deletions, substitutions), for telling an OCR slip from
/// another value.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8)
    let b = Array(b.utf8)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
