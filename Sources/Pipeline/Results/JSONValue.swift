/// A JSON value as docguard writes it: objects keep their members sorted by key, so the same value gives
/// the same bytes (SPEC.md "keys sorted").
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A string, or null when nil.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// A boolean, or null when nil.
    public static func bool(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }
}

/// A JSON object: members kept sorted by key as they are added (a later value for a key replaces the
/// earlier one), so writing needs no sort and building one needs no hashing — result lines are written a
/// quarter of a million times a second. Keys compare as Swift strings, which for the ASCII keys docguard
/// writes is byte order.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The members, sorted by key.
    public private(set) var members: [(key: String, value: JSONValue)] = []

    /// An object from a literal; keys written in sorted order cost one comparison each.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// The value for `key`; setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            let index = insertionIndex(of: key)
            return index < members.count && members[index].key == key ? members[index].value : nil
        }
        set {
            let index = insertionIndex(of: key)
            let present = index < members.count && members[index].key == key
            switch (newValue, present) {
            case (let value?, true): members[index].value = value
            case (let value?, false): members.insert((key, value), at: index)
            case (nil, true): members.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// This object with `other`'s members added (`other` wins on equal keys).
    public func merging(_ other: JSONObject) -> JSONObject {
        var merged = self
        for (key, value) in other.members { merged[key] = value }
        return merged
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Where `key` is or would go; checks the end first, since members mostly arrive in order.
    private func insertionIndex(of key: String) -> Int {
        guard let last = members.last, key <= last.key else { return members.count }
        var low = 0, high = members.count - 1
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

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
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// One flag per open object or array: true until its first member is written.
    private var openAtStart: [Bool] = []
    #if DEBUG
    /// The last key written in each open object, to catch keys given out of order in tests.
    private var lastKeys: [String] = []
    #endif

    /// An empty writer, with room for `capacity` bytes before it grows.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    // MARK: Streaming: objects and arrays written member by member.

    /// Opens an object; give its keys in sorted order with `key(_:)`.
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        openAtStart.append(true)
        #if DEBUG
        lastKeys.append("")
        #endif
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        openAtStart.removeLast()
        #if DEBUG
        lastKeys.removeLast()
        #endif
    }

    /// Opens an array; call `element()` before each element.
    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        openAtStart.append(true)
        #if DEBUG
        lastKeys.append("")
        #endif
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        openAtStart.removeLast()
        #if DEBUG
        lastKeys.removeLast()
        #endif
    }

    /// Starts the next member of the innermost object; keys must come in sorted order (checked in debug
    /// builds, so the tests catch a key out of place).
    public mutating func key(_ name: String) {
        #if DEBUG
        assert(lastKeys.last.map { $0.isEmpty || $0 < name } ?? false, "JSON key \(name) out of order")
        lastKeys[lastKeys.count - 1] = name
        #endif
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts the next element of the innermost array.
    public mutating func element() { separate() }

    /// A string, or null.
    public mutating func string(_ value: String?) {
        if let value { writeString(value) } else { append("null") }
    }

    /// Bytes as a string: copied as they are when they are printable ASCII without quotes or
    /// backslashes (an MRZ line), else decoded as UTF-8 (invalid sequences become U+FFFD) and escaped.
    public mutating func string(bytes text: [UInt8]) {
        guard text.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        else { return writeString(String(decoding: text, as: UTF8.self)) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A boolean, or null.
    public mutating func bool(_ value: Bool?) {
        if let value { append(value ? "true" : "false") } else { append("null") }
    }

    /// An integer.
    public mutating func int(_ value: Int) { append(String(value)) }

    /// A number (finite, up to 6 decimals).
    public mutating func double(_ value: Double) { writeDouble(value) }

    /// null.
    public mutating func null() { append("null") }

    /// A value that writes itself, or null.
    public mutating func value(_ value: (some JSONWritable)?) {
        if let value { value.write(to: &self) } else { append("null") }
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

    private mutating func separate() {
        if openAtStart[openAtStart.count - 1] {
            openAtStart[openAtStart.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// Appends one value.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): append(String(number))
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a newline (JSON Lines).
    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// Empties the buffer, keeping its capacity.
    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    /// One value as a JSON text.
    public static func text(_ value: some JSONWritable) -> String {
        var writer = JSONWriter()
        value.write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Finite numbers with up to 6 decimals, trailing zeros dropped; JSON has no NaN or infinity.
    private mutating func writeDouble(_ number: Double) {
        guard number.isFinite else { return append("null") }
        let scaled = (number * 1_000_000).rounded()
        var integerPart = Int(scaled / 1_000_000)
        var fraction = Int(abs(scaled.truncatingRemainder(dividingBy: 1_000_000)))
        if scaled < 0 && integerPart == 0 { bytes.append(UInt8(ascii: "-")) }
        if scaled < 0 { integerPart = -abs(integerPart) }
        append(String(integerPart))
        guard fraction != 0 else { return }
        var digits = 6
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        var text = String(fraction)
        text = String(repeating: "0", count: digits - text.count) + text
        bytes.append(UInt8(ascii: "."))
        append(text)
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole.
        var copy = text
        let plain = copy.withUTF8 { buffer in
            guard !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
            else { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                append("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
