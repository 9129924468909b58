/// Splits EDIFACT bytes into segments, data elements and components (ISO 9735-1 §5–§7): `UNA` sets the service
/// characters (again before each interchange if it likes), the release character makes the next byte data,
/// and line breaks are layout, not data, wherever they fall (gateways wrap long lines mid-segment).
public enum EdifactTokenizer {
    /// The segments of `bytes`, and the problems met at this level (a bad `UNA`); a segment the file ends in is
    /// kept, marked unterminated.
    public static func segments(of bytes: [UInt8]) -> (segments: [EdifactSegment], issues: [PaxlstIssue]) {
        var separators = EdifactSeparators.standard
        var segments: [EdifactSegment] = []
        var issues: [PaxlstIssue] = []
        var index = ByteOrderMark.length(in: bytes)
        let count = bytes.count
        while true {
            while index < count, isLayout(bytes[index]) { index += 1 }
            guard index < count else { break }
            if startsServiceStringAdvice(bytes, at: index) {
                let end = min(index + 9, count)
                if let advised = EdifactSeparators(una: bytes[(index + 3)..<end]) {
                    separators = advised
                } else {
                    issues.append(
                        PaxlstIssue(
                            .badServiceStringAdvice, filePosition: segments.count + 1, tag: "UNA",
                            detail: "UNA must give six service characters, the four separators distinct"))
                }
                index = end
                continue
            }
            var elements: [[String]] = []
            var components: [String] = []
            var current: [UInt8] = []
            var terminated = false
            while index < count {
                let byte = bytes[index]
                index += 1
                if byte == separators.release {
                    if index < count {
                        current.append(bytes[index])
                        index += 1
                    }
                } else if byte == separators.terminator {
                    terminated = true
                    break
                } else if byte == separators.element {
                    components.append(text(current))
                    elements.append(components)
                    components = []
                    current = []
                } else if byte == separators.component {
                    components.append(text(current))
                    current = []
                } else if byte != carriageReturn && byte != lineFeed {
                    current.append(byte)
                }
            }
            components.append(text(current))
            elements.append(components)
            segments.append(
                EdifactSegment(
                    tag: elements[0][0], elements: Array(elements.dropFirst()), filePosition: segments.count + 1,
                    isTerminated: terminated))
        }
        return (segments, issues)
    }

    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A

    /// Space, tab and line breaks between segments.
    @inline(__always)
    static func isLayout(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// True when `UNA` starts at `index`.
    static func startsServiceStringAdvice(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 3 <= bytes.count && bytes[index] == UInt8(ascii: "U") && bytes[index + 1] == UInt8(ascii: "N")
            && bytes[index + 2] == UInt8(ascii: "A")
    }

    /// A component's bytes as text: UTF-8 (`UNOY`, and plain ASCII `UNOA`/`UNOB`) when they are valid UTF-8,
    /// else ISO 8859-1 (`UNOC`), whose every byte is a character.
    static func text(_ bytes: [UInt8]) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        var latin1 = ""
        latin1.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return latin1
    }
}

/// The UTF-8 byte order mark some gateways write before the first segment.
enum ByteOrderMark {
    /// 3 when `bytes` start with EF BB BF, else 0.
    static func length(in bytes: [UInt8]) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }
}
