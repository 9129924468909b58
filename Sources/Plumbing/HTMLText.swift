/// Text put into an HTML page, as element content or a quoted attribute value: every character that could end
/// the text early or start markup becomes a character reference, so a hostile value (a file name, a post name, a
/// field read off a document) shows as the text it is.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by their character references.
    public static func escaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
