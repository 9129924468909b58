/// Latin-based national characters as the MRZ writes them: ICAO 9303-3 §6 table A ("Transliteration of
/// Multinational Latin-based Characters"), the first recommended form where the table gives a choice
/// (Ä → AE, Å → AA, Ö → OE, Ü → UE, Ñ → N).
public enum LatinTransliteration {
    /// ICAO 9303-3 §6 table A, national character to its recommended transliteration.
    public static let table: [Unicode.Scalar: String] = [
        "À": "A", "Á": "A", "Â": "A", "Ã": "A", "Ä": "AE", "Å": "AA", "Æ": "AE", "Ç": "C",
        "È": "E", "É": "E", "Ê": "E", "Ë": "E", "Ì": "I", "Í": "I", "Î": "I", "Ï": "I",
        "Ð": "D", "Ñ": "N", "Ò": "O", "Ó": "O", "Ô": "O", "Õ": "O", "Ö": "OE", "Ø": "OE",
        "Ù": "U", "Ú": "U", "Û": "U", "Ü": "UE", "Ý": "Y", "Þ": "TH",
        "Ā": "A", "Ă": "A", "Ą": "A", "Ć": "C", "Ĉ": "C", "Ċ": "C", "Č": "C", "Ď": "D", "Đ": "D",
        "Ē": "E", "Ĕ": "E", "Ė": "E", "Ę": "E", "Ě": "E", "Ĝ": "G", "Ğ": "G", "Ġ": "G", "Ģ": "G",
        "Ĥ": "H", "Ħ": "H", "Ĩ": "I", "Ī": "I", "Ĭ": "I", "Į": "I", "İ": "I", "ı": "I", "Ĳ": "IJ",
        "Ĵ": "J", "Ķ": "K", "Ĺ": "L", "Ļ": "L", "Ľ": "L", "Ŀ": "L", "Ł": "L", "Ń": "N", "Ņ": "N",
        "Ň": "N", "Ŋ": "N", "Ō": "O", "Ŏ": "O", "Ő": "O", "Œ": "OE", "Ŕ": "R", "Ŗ": "R", "Ř": "R",
        "Ś": "S", "Ŝ": "S", "Ş": "S", "Š": "S", "Ţ": "T", "Ť": "T", "Ŧ": "T", "Ũ": "U", "Ū": "U",
        "Ŭ": "U", "Ů": "U", "Ű": "U", "Ų": "U", "Ŵ": "W", "Ŷ": "Y", "Ÿ": "Y", "Ź": "Z", "Ż": "Z",
        "Ž": "Z", "ẞ": "SS",
    ]

    /// `name` (upper case, national characters allowed) as the MRZ writes it; characters outside the table
    /// stay as they are.
    public static func mrz(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if let latin = table[scalar] { result += latin } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
