/// Reads one JSON text (RFC 8259, strictly: no comments, no trailing commas, nothing after the value) into
/// a `JSONValue`, straight from its bytes: docguard reads its own result lines back (resume, clone history,
/// `qa compare`), a night's worth at a time. Integers that fit an `Int` are `.int`, other numbers `.double`;
/// a key given twice keeps its last value.
struct JSONParser {
    /// Where and why a text is not JSON.
    struct Failure: Error, Equatable {
        /// Byte offset of the problem.
        var offset: Int
        var why: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Arrays and objects nested deeper than this are refused rather than overflowing the stack.
    private static let maximumDepth = 512

    /// The value `text` holds.
    static func parse(_ text: some Collection<UInt8>) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: Array(text))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.failure("text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ why: String) -> Failure { Failure(offset: index, why: why) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        switch current {
        case UInt8(ascii: "{"): return .object(try object())
        case UInt8(ascii: "["): return .array(try array())
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case let byte? where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            return try number()
        default: throw failure(current == nil ? "no value" : "not a value")
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let word = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - index >= word.count, bytes[index..<index + word.count].elementsEqual(word) else {
            throw failure("not a value")
        }
        index += word.count
        return value
    }

    /// Past an opening bracket; false when the object or array is empty (its closing bracket passed too).
    private mutating func open(closing: UInt8) throws(Failure) -> Bool {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested too deep") }
        index += 1
        skipSpace()
        guard current == closing else { return true }
        index += 1
        depth -= 1
        return false
    }

    /// Past what follows a member or element: true at the closing bracket, false after a comma.
    private mutating func close(_ closing: UInt8, _ name: String) throws(Failure) -> Bool {
        skipSpace()
        switch current {
        case UInt8(ascii: ","):
            index += 1
            skipSpace()
            return false
        case closing:
            index += 1
            depth -= 1
            return true
        default: throw failure("no comma or closing bracket in \(name)")
        }
    }

    private mutating func object() throws(Failure) -> JSONObject {
        var object = JSONObject()
        guard try open(closing: UInt8(ascii: "}")) else { return object }
        repeat {
            guard current == UInt8(ascii: "\"") else { throw failure("a key must be a string") }
            let key = try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw failure("no colon after a key") }
            index += 1
            skipSpace()
            object[key] = try value()
        } while try !close(UInt8(ascii: "}"), "an object")
        return object
    }

    private mutating func array() throws(Failure) -> [JSONValue] {
        var elements: [JSONValue] = []
        guard try open(closing: UInt8(ascii: "]")) else { return elements }
        repeat {
            elements.append(try value())
        } while try !close(UInt8(ascii: "]"), "an array")
        return elements
    }

    /// A string from its opening quote; invalid UTF-8, raw control characters and bad escapes are refused.
    private mutating func string() throws(Failure) -> String {
        index += 1
        // Most strings have no escapes: taken whole from the bytes.
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        var end = index
        while end < bytes.count, bytes[end] >= 0x20, bytes[end] != quote, bytes[end] != backslash { end += 1 }
        if end < bytes.count, bytes[end] == quote {
            guard let text = String(validating: bytes[index..<end], as: UTF8.self) else { throw failure("not UTF-8") }
            index = end + 1
            return text
        }
        var text = Array(bytes[index..<end])
        index = end
        while true {
            guard let byte = current else { throw failure("a string is not closed") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let decoded = String(validating: text, as: UTF8.self) else { throw failure("not UTF-8") }
                return decoded
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &text)
            case 0..<0x20: throw failure("a control character in a string")
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    /// The escape after a backslash, its character appended as UTF-8.
    private mutating func escape(into text: inout [UInt8]) throws(Failure) {
        guard let byte = current else { throw failure("a string is not closed") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("a lone surrogate") }
                index += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate") }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let character = Unicode.Scalar(scalar) else { throw failure("a lone surrogate") }
            text.append(contentsOf: Array(String(Character(character)).utf8))
        default: throw failure("an unknown escape")
        }
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigit(byte) else { throw failure("a bad \\u escape") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { throw failure("a bad number") }
        }
        var integral = true
        if current == UInt8(ascii: ".") {
            index += 1
            integral = false
            guard digits() > 0 else { throw failure("a bad number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            integral = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("a bad number") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let integer = Int(text) { return .int(integer) }
        guard let number = Double(text), number.isFinite else { throw failure("a number out of range") }
        return .double(number)
    }

    /// How many decimal digits were passed over.
    private mutating func digits() -> Int {
        let start = index
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }
}
