/// The bytes a `JSONWriter` has written, in memory it allocates, grows and frees itself, appended to
/// without the uniqueness and bounds checks of an array (which it would pay on every byte of a quarter of a
/// million result lines a second). Cannot be copied, only moved or lent.
struct JSONBytes: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes have been appended.
    private(set) var count = 0

    /// Empty, with room for `capacity` bytes (at least 64) before it grows.
    init(capacity: Int) {
        self.capacity = max(64, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// Lends the bytes, without copying them.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// Empties the bytes, keeping the memory.
    mutating func removeAll() { count = 0 }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    mutating func append(_ buffer: UnsafeRawBufferPointer) {
        reserve(buffer.count)
        if let base = buffer.baseAddress {
            UnsafeMutableRawPointer(start + count).copyMemory(from: base, byteCount: buffer.count)
        }
        count += buffer.count
    }

    /// A literal's bytes (`null`, `\n`).
    mutating func append(_ literal: StaticString) {
        append(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A string's UTF-8 bytes, as they are.
    mutating func append(text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// `text` between quotes, as it is (it needs no escaping).
    mutating func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        reserve(text.count + 2)
        start[count] = UInt8(ascii: "\"")
        if let base = text.baseAddress { (start + count + 1).update(from: base, count: text.count) }
        count += text.count + 1
        start[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// `"name":`, for a key that needs no escaping.
    mutating func appendKey(_ name: StaticString) {
        reserve(name.utf8CodeUnitCount + 3)
        start[count] = UInt8(ascii: "\"")
        (start + count + 1).update(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += name.utf8CodeUnitCount + 1
        start[count] = UInt8(ascii: "\"")
        start[count + 1] = UInt8(ascii: ":")
        count += 2
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
}
