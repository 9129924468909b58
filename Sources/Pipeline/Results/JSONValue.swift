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
///
/// The bytes live in memory the writer owns and appends to without checks beyond capacity (an array
/// would check uniqueness on every byte), so a writer cannot be copied, only moved or lent.
public struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes have been written.
    public private(set) var count = 0

    /// One bit per open object or array, innermost lowest: set until its first member is written.
    private var openAtStart: UInt64 = 0
    /// How many objects and arrays are open (at most 64: docguard's lines nest a few deep).
    private var depth = 0
    #if DEBUG
    /// The last key written in each open object, to catch keys given out of order in tests.
    private var lastKeys: [String] = []
    #endif

    /// An empty writer, with room for `capacity` bytes before it grows.
    public init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// Lends the bytes written so far, without copying them.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    // MARK: Streaming: objects and arrays written member by member.

    /// Opens an object; give its keys in sorted order with `key(_:)`.
    public mutating func beginObject() {
        append(UInt8(ascii: "{"))
        open()
        #if DEBUG
        lastKeys.append("")
        #endif
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        append(UInt8(ascii: "}"))
        close()
        #if DEBUG
        lastKeys.removeLast()
        #endif
    }

    /// Opens an array; call `element()` before each element.
    public mutating func beginArray() {
        append(UInt8(ascii: "["))
        open()
        #if DEBUG
        lastKeys.append("")
        #endif
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        append(UInt8(ascii: "]"))
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
        reserve(name.utf8CodeUnitCount + 3)
        start[count] = UInt8(ascii: "\"")
        (start + count + 1).update(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += name.utf8CodeUnitCount + 1
        start[count] = UInt8(ascii: "\"")
        start[count + 1] = UInt8(ascii: ":")
        count += 2
    }

    /// Starts the next element of the innermost array.
    public mutating func element() { separate() }

    /// A string, or null.
    public mutating func string(_ value: String?) {
        if let value { writeString(value) } else { literal("null") }
    }

    /// Bytes as a string: copied as they are when they are printable ASCII without quotes or
    /// backslashes (an MRZ line), else decoded as UTF-8 (invalid sequences become U+FFFD) and escaped.
    public mutating func string(bytes text: [UInt8]) {
        text.withUnsafeBufferPointer { buffer in
            if buffer.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                quoted(buffer)
            } else {
                writeString(String(decoding: buffer, as: UTF8.self))
            }
        }
    }

    /// A boolean, or null.
    public mutating func bool(_ value: Bool?) {
        if let value { literal(value ? "true" : "false") } else { literal("null") }
    }

    /// An integer.
    public mutating func int(_ value: Int) {
        guard value >= 0 else { return writeText(String(value)) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any Int's digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var remaining = value, first = buffer.count
            repeat {
                first -= 1
                buffer[first] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            append(UnsafeRawBufferPointer(rebasing: buffer[first...]))
        }
    }

    /// A number (finite, up to 6 decimals).
    public mutating func double(_ value: Double) { writeDouble(value) }

    /// null.
    public mutating func null() { literal("null") }

    /// A value that writes itself, or null.
    public mutating func value(_ value: (some JSONWritable)?) {
        if let value { value.write(to: &self) } else { literal("null") }
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
        case .null: literal("null")
        case .bool(let flag): literal(flag ? "true" : "false")
        case .int(let number): int(number)
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { append(UInt8(ascii: ",")) }
                write(element)
            }
            append(UInt8(ascii: "]"))
        case .object(let object):
            append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { append(UInt8(ascii: ",")) }
                writeString(member.key)
                append(UInt8(ascii: ":"))
                write(member.value)
            }
            append(UInt8(ascii: "}"))
        }
    }

    /// Appends a newline (JSON Lines).
    public mutating func newline() { append(UInt8(ascii: "\n")) }

    /// Empties the buffer, keeping its capacity.
    public mutating func reset() { count = 0 }

    /// One value as a JSON text.
    public static func text(_ value: some JSONWritable) -> String {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Bytes

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
            append(UInt8(ascii: ","))
        }
    }

    /// Makes room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        grow(to: count + extra)
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.update(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }

    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    private mutating func append(_ buffer: UnsafeRawBufferPointer) {
        reserve(buffer.count)
        if let base = buffer.baseAddress {
            UnsafeMutableRawPointer(start + count).copyMemory(from: base, byteCount: buffer.count)
        }
        count += buffer.count
    }

    private mutating func literal(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func writeText(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// `text` between quotes, as it is (it needs no escaping).
    private mutating func quoted(_ text: UnsafeBufferPointer<UInt8>) {
        reserve(text.count + 2)
        start[count] = UInt8(ascii: "\"")
        if let base = text.baseAddress { (start + count + 1).update(from: base, count: text.count) }
        count += text.count + 1
        start[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// Finite numbers with up to 6 decimals, trailing zeros dropped; JSON has no NaN or infinity.
    private mutating func writeDouble(_ number: Double) {
        guard number.isFinite else { return literal("null") }
        let scaled = (number * 1_000_000).rounded()
        var integerPart = Int(scaled / 1_000_000)
        var fraction = Int(abs(scaled.truncatingRemainder(dividingBy: 1_000_000)))
        if scaled < 0 && integerPart == 0 { append(UInt8(ascii: "-")) }
        if scaled < 0 { integerPart = -abs(integerPart) }
        int(integerPart)
        guard fraction != 0 else { return }
        var digits = 6
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        append(UInt8(ascii: "."))
        writeText(String(repeating: "0", count: digits - text.count) + text)
    }

    private mutating func writeString(_ text: String) {
        var text = text
        // Most strings need no escaping: copy them whole.
        let plain = text.withUTF8 { buffer in
            guard !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
            else { return false }
            quoted(buffer)
            return true
        }
        guard !plain else { return }
        append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): literal("\\\"")
            case UInt8(ascii: "\\"): literal("\\\\")
            case 0x0A: literal("\\n")
            case 0x0D: literal("\\r")
            case 0x09: literal("\\t")
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                literal("\\u00")
                append(hex.utf8Start[Int(byte >> 4)])
                append(hex.utf8Start[Int(byte & 0x0F)])
            default: append(byte)
            }
        }
        append(UInt8(ascii: "\""))
    }
}
