/// A value that writes itself as JSON straight into a writer, keys in sorted order, without building a
/// `JSONValue` tree first: result lines are written a quarter of a million times a second.
public protocol JSONWritable {
    /// Appends this value's JSON.
    func write(to writer: inout JSONWriter)
}

extension JSONValue: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.write(self) }
}

/// Writes `JSONValue`s as compact UTF-8 with sorted keys, one small writer for every output
/// (JSONEncoder is too slow for a million lines and does not promise key order on every platform).
///
/// The bytes live in memory the writer owns (`JSONBytes`) and appends to without checks beyond capacity (an
/// array would check uniqueness on every byte), so a writer cannot be copied, only moved or lent.
public struct JSONWriter: ~Copyable {
    private var output: JSONBytes
    /// How many bytes have been written.
    public var count: Int { output.count }

    /// One bit per open object or array, innermost lowest: set until its first member is written.
    private var openAtStart: UInt64 = 0
    /// How many objects and arrays are open (at most 64: docguard's lines nest a few deep).
    private var depth = 0
    #if DEBUG
        /// The last key written in each open object, to catch keys given out of order in tests.
        private var lastKeys: [String] = []
    #endif

    /// An empty writer, with room for `capacity` bytes before it grows.
    public init(capacity: Int = 4096) { output = JSONBytes(capacity: capacity) }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { output.withBytes { Array($0) } }

    /// Lends the bytes written so far, without copying them.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try output.withBytes(body)
    }

    // MARK: Streaming: objects and arrays written member by member.

    /// Opens an object; give its keys in sorted order with `key(_:)`.
    public mutating func beginObject() {
        output.append(UInt8(ascii: "{"))
        open()
        #if DEBUG
            lastKeys.append("")
        #endif
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        output.append(UInt8(ascii: "}"))
        close()
        #if DEBUG
            lastKeys.removeLast()
        #endif
    }

    /// Opens an array; call `element()` before each element.
    public mutating func beginArray() {
        output.append(UInt8(ascii: "["))
        open()
        #if DEBUG
            lastKeys.append("")
        #endif
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        output.append(UInt8(ascii: "]"))
        close()
        #if DEBUG
            lastKeys.removeLast()
        #endif
    }

    /// Starts the next member of the innermost object; keys are plain ASCII literals given in sorted
    /// order (checked in debug builds, so the tests catch a key out of place).
    public mutating func key(_ name: StaticString) {
        #if DEBUG
            let text = name.description
            assert(lastKeys.last.map { $0.isEmpty || $0 < text } ?? false, "JSON key \(text) out of order")
            lastKeys[lastKeys.count - 1] = text
        #endif
        separate()
        output.appendKey(name)
    }

    /// Starts the next element of the innermost array.
    public mutating func element() { separate() }

    /// A string, or null.
    public mutating func string(_ value: String?) {
        if let value { writeString(value) } else { output.append("null") }
    }

    /// Bytes as a string: copied as they are when they are printable ASCII without quotes or
    /// backslashes (an MRZ line), else decoded as UTF-8 (invalid sequences become U+FFFD) and escaped.
    public mutating func string(bytes text: [UInt8]) {
        text.withUnsafeBufferPointer { buffer in
            if buffer.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                output.appendQuoted(buffer)
            } else {
                writeString(String(decoding: buffer, as: UTF8.self))
            }
        }
    }

    /// A boolean, or null.
    public mutating func bool(_ value: Bool?) {
        if let value { output.append(value ? "true" : "false") } else { output.append("null") }
    }

    /// An integer.
    public mutating func int(_ value: Int) {
        guard value >= 0 else { return output.append(text: String(value)) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any Int's digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var remaining = value
            var first = buffer.count
            repeat {
                first -= 1
                buffer[first] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            output.append(UnsafeRawBufferPointer(rebasing: buffer[first...]))
        }
    }

    /// A number (finite, up to 6 decimals).
    public mutating func double(_ value: Double) { writeDouble(value) }

    /// null.
    public mutating func null() { output.append("null") }

    /// A value that writes itself, or null.
    public mutating func value(_ value: (some JSONWritable)?) {
        if let value { value.write(to: &self) } else { output.append("null") }
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values {
            element()
            writeString(value)
        }
        endArray()
    }

    /// Appends one value.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .int(let number): int(number)
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key)
                output.append(UInt8(ascii: ":"))
                write(member.value)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a newline (JSON Lines).
    public mutating func newline() { output.append(UInt8(ascii: "\n")) }

    /// Empties the buffer, keeping its capacity.
    public mutating func reset() { output.removeAll() }

    /// One value as a JSON text.
    public static func text(_ value: some JSONWritable) -> String {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Structure and scalars

    private mutating func open() {
        precondition(depth < 64, "JSON nested more than 64 deep")
        depth += 1
        openAtStart = openAtStart << 1 | 1
    }

    private mutating func close() {
        depth -= 1
        openAtStart >>= 1
    }

    private mutating func separate() {
        if openAtStart & 1 != 0 {
            openAtStart &= ~1
        } else {
            output.append(UInt8(ascii: ","))
        }
    }

    /// Finite numbers with up to 6 decimals, trailing zeros dropped; JSON has no NaN or infinity.
    private mutating func writeDouble(_ number: Double) {
        guard number.isFinite else { return output.append("null") }
        let scaled = (number * 1_000_000).rounded()
        var integerPart = Int(scaled / 1_000_000)
        var fraction = Int(abs(scaled.truncatingRemainder(dividingBy: 1_000_000)))
        if scaled < 0 && integerPart == 0 { output.append(UInt8(ascii: "-")) }
        if scaled < 0 { integerPart = -abs(integerPart) }
        int(integerPart)
        guard fraction != 0 else { return }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        output.append(UInt8(ascii: "."))
        output.append(text: String(repeating: "0", count: digits - text.count) + text)
    }

    private mutating func writeString(_ text: String) {
        var text = text
        // Most strings need no escaping: copy them whole.
        let plain = text.withUTF8 { buffer in
            guard !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
            else { return false }
            output.appendQuoted(buffer)
            return true
        }
        guard !plain else { return }
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append("\\\"")
            case UInt8(ascii: "\\"): output.append("\\\\")
            case 0x0A: output.append("\\n")
            case 0x0D: output.append("\\r")
            case 0x09: output.append("\\t")
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                output.append("\\u00")
                output.append(hex.utf8Start[Int(byte >> 4)])
                output.append(hex.utf8Start[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
