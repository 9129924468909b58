import Foundation
import MRZ

/// A name as the MRZ writes it (ICAO 9303-3 §4.6 and §6), so a PAXLST name and the MRZ name of the same holder
/// compare equal: upper case; national characters transliterated by ICAO's table (`LatinTransliteration`,
/// Ü → UE, Ø → OE, ß → SS); other marks dropped (Ș → S); apostrophes and other punctuation left out (D'ARTAGNAN →
/// DARTAGNAN); hyphens, commas and spaces one filler, written as one space as `MRZDocument` writes inner fillers
/// (MARIE-ELISE → MARIE ELISE); digits left out, as the MRZ has none in names.
public enum PaxlstName {
    /// ICAO's table keyed by character, so a decomposed Ü (U and a combining diaeresis) finds its entry too.
    static let transliteration: [Character: String] = {
        var table: [Character: String] = [:]
        for (scalar, latin) in LatinTransliteration.table { table[Character(scalar)] = latin }
        return table
    }()

    /// The Latin letters of Unicode's Latin blocks (Latin-1, Extended-A and -B, Extended Additional), each
    /// worked out once as the character-by-character path would (empty: left out).
    static let latinLetters: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                var spelled = ""
                for upper in Character(scalar).uppercased() {
                    if let latin = transliteration[upper] ?? baseLetter(upper) { spelled += latin }
                }
                table[scalar] = spelled
            }
        }
        return table
    }()

    /// What the MRZ writes as one filler: hyphens (ASCII and Unicode) and commas (ICAO 9303-3 §4.6).
    static let fillers: Set<Character> = ["-", "‐", "‑", "–", ","]

    /// `name` (any case, national characters allowed) as the MRZ name field writes it, fillers as spaces.
    public static func mrz(_ name: String) -> String {
        latinMRZ(name) ?? transliterated(name)
    }

    /// `mrz(name)` character by character, through ICAO's table and the Unicode decomposition.
    static func transliterated(_ name: String) -> String {
        var out = ""
        var pendingSpace = false
        func append(_ text: String) {
            if pendingSpace, !out.isEmpty { out += " " }
            pendingSpace = false
            out += text
        }
        for character in name {
            if character.isWhitespace || fillers.contains(character) {
                pendingSpace = true
                continue
            }
            if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first {
                if scalar.isASCII {
                    if let letter = character.uppercased().first, ("A"..."Z").contains(letter) {
                        append(String(letter))
                    }
                    continue
                }
                if let latin = latinLetters[scalar] {
                    if !latin.isEmpty { append(latin) }
                    continue
                }
            }
            // Upper case may be longer (ß → SS, ŉ → ʼN): each of its characters on its own.
            for upper in character.uppercased() {
                if let latin = transliteration[upper] ?? baseLetter(upper) { append(latin) }
            }
        }
        return out
    }

    /// `mrz(name)` scalar by scalar for a name of ASCII characters and precomposed Latin letters (nearly every
    /// name sent: airlines' systems write A–Z), from `latinLetters`; nil when `name` has another character (a
    /// combining mark, another script), which `transliterated` then spells.
    static func latinMRZ(_ name: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        func append(_ bytes: some Sequence<UInt8>) {
            if pendingSpace, !out.isEmpty { out.append(UInt8(ascii: " ")) }
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: append(CollectionOfOne(UInt8(scalar.value)))
            case 0x61...0x7A: append(CollectionOfOne(UInt8(scalar.value) & 0xDF))
            case 0x20, 0x2C, 0x2D, 0x09...0x0D, 0xA0, 0x2010, 0x2011, 0x2013: pendingSpace = true
            case 0x00...0x7F: continue  // apostrophes, dots, digits: left out
            default:
                guard let latin = latinLetters[scalar] else { return nil }
                if !latin.isEmpty { append(latin.utf8) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `A`–`Z` for a Latin letter, its marks dropped; nil for anything else.
    static func baseLetter(_ upper: Character) -> String? {
        let base = String(upper).decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark
        }
        guard !base.isEmpty, base.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(base))
    }
}
