#if canImport(Glibc)
    import Glibc
#endif

/// A file name as bytes, as the file system holds it, and its rendering for results and messages. Linux
/// allows any bytes but `/` and NUL in a name; a scanner writing Latin-1 names onto a share makes names
/// that are not UTF-8, which a Swift `String` cannot hold. Such a name is rendered with each byte that is
/// not part of valid UTF-8 written `\xNN`, and that rendering is turned back into the bytes to open it.
public enum FileName {
    /// `bytes` as text: itself when valid UTF-8, else with every byte outside valid UTF-8 written `\xNN`.
    public static func render(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = ""
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes[index])
            if length > 0, index + length <= bytes.count,
                let piece = String(validating: bytes[index..<index + length], as: UTF8.self)
            {
                text += piece
                index += length
            } else {
                text += "\\x" + String(bytes[index], radix: 16, uppercase: false).leftPadded(to: 2)
                index += 1
            }
        }
        return text
    }

    /// A C string from the system (a path glob(3) found), rendered.
    static func render(cString: UnsafePointer<CChar>) -> String {
        render(UnsafeBufferPointer(start: cString, count: strlen(cString)).map { UInt8(bitPattern: $0) })
    }

    /// Whether `text` may be the rendering of a name that is not UTF-8 (it holds a `\xNN` escape).
    public static func mayBeEscaped(_ text: String) -> Bool { text.contains("\\x") }

    /// The bytes a rendering stands for: every `\xNN` escape turned back into its byte.
    public static func bytes(_ rendering: String) -> [UInt8] {
        let utf8 = Array(rendering.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count, utf8[index + 1] == UInt8(ascii: "x"),
                let high = hexDigit(utf8[index + 2]), let low = hexDigit(utf8[index + 3])
            {
                bytes.append(high << 4 | low)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return bytes
    }

    /// The bytes of the file `path` names: its UTF-8 when something has that name, else the bytes of its
    /// `\xNN` escapes when something has those.
    static func systemPath(_ path: String) -> [UInt8] {
        var info = stat()
        let plain = Array(path.utf8)
        guard mayBeEscaped(path), lstat(cPath(plain), &info) != 0 else { return plain }
        let escaped = bytes(path)
        return lstat(cPath(escaped), &info) == 0 ? escaped : plain
    }

    /// A NUL-terminated path for the C library.
    static func cPath(_ bytes: [UInt8]) -> [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }

    /// How many bytes a UTF-8 sequence starting with `lead` takes; 0 for a byte that cannot start one.
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
