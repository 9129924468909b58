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

    /// What the MRZ writes as one filler: hyphens (ASCII and Unicode) and commas (ICAO 9303-3 §4.6).
    static let fillers: Set<Character> = ["-", "‐", "‑", "–", ","]

    /// `name` (any case, national characters allowed) as the MRZ name field writes it, fillers as spaces.
    public static func mrz(_ name: String) -> String {
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
            // Upper case may be longer (ß → SS, ŉ → ʼN): each of its characters on its own.
            for upper in character.uppercased() {
                if let latin = transliteration[upper] ?? baseLetter(upper) { append(latin) }
            }
        }
        return out
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
