/// Values quoted in error messages, cut to a readable length: a pasted file or a runaway value (a 50 MB
/// `model:`) must not flood the terminal or the log, and one line must stay one short line.
public enum QuotedValue {
    /// Characters of a value kept in a message.
    public static let limit = 60

    /// `value` in single quotes; a longer value is cut after `limit` characters and its length said.
    public static func quoted(_ value: String) -> String {
        "'\(cut(value))'"
    }

    /// `value` itself, or its first `limit` characters, `…` and its size in bytes; line breaks shown as `\n`,
    /// so the message stays on one line.
    public static func cut(_ value: String) -> String {
        let head = value.prefix(limit)
        var shown = ""
        for character in head {
            switch character {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\r\n": shown += "\\r\\n"
            default: shown.append(character)
            }
        }
        return head.endIndex == value.endIndex ? shown : "\(shown)… (\(value.utf8.count) bytes)"
    }
}

/// OCR model names as a pipeline or `--model` gives them: `NAME.traineddata` is looked for in the model
/// folders, so a name is a plain file name, never a path or a paragraph.
public enum ModelName {
    /// Longest name taken.
    public static let maximumLength = 64

    /// What is wrong with `name` as a model name; nil when it is fine.
    public static func problem(with name: String) -> String? {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "_-.".utf8.contains(byte)
        }
        guard allowed, !name.isEmpty, name.utf8.count <= maximumLength, !name.hasPrefix(".") else {
            return "must be a model name (letters, digits, _ - and ., at most \(maximumLength) characters), "
                + "got \(QuotedValue.quoted(name))"
        }
        return nil
    }
}
