/// The six service characters of an interchange (ISO 9735-1 §7, the `UNA` service string advice).
public struct EdifactSeparators: Sendable, Hashable {
    /// Separates the components of a composite data element (default `:`).
    public var component: UInt8
    /// Separates the data elements of a segment (default `+`).
    public var element: UInt8
    /// The decimal mark (default `.`); data, never a separator.
    public var decimalMark: UInt8
    /// Makes the character after it plain data (default `?`).
    public var release: UInt8
    /// The repetition separator (syntax 4) or reserved character (default space); PAXLST repeats nothing, so
    /// it is read as data.
    public var repetition: UInt8
    /// Ends a segment (default `'`).
    public var terminator: UInt8

    /// All six characters, in `UNA` order.
    public init(
        component: UInt8, element: UInt8, decimalMark: UInt8, release: UInt8, repetition: UInt8, terminator: UInt8
    ) {
        self.component = component
        self.element = element
        self.decimalMark = decimalMark
        self.release = release
        self.repetition = repetition
        self.terminator = terminator
    }

    /// `:+.? '`: what an interchange without `UNA` uses (ISO 9735-1 §7.1, syntax levels A and B).
    public static let standard = EdifactSeparators(
        component: UInt8(ascii: ":"), element: UInt8(ascii: "+"), decimalMark: UInt8(ascii: "."),
        release: UInt8(ascii: "?"), repetition: UInt8(ascii: " "), terminator: UInt8(ascii: "'"))

    /// The six characters that follow `UNA`, or nil when there are not six or two that must differ are the same.
    public init?(una characters: some Collection<UInt8>) {
        let bytes = Array(characters)
        guard bytes.count == 6 else { return nil }
        self.init(
            component: bytes[0], element: bytes[1], decimalMark: bytes[2], release: bytes[3], repetition: bytes[4],
            terminator: bytes[5])
        // The decimal mark and the reserved character may repeat others; the characters that split may not.
        guard Set([component, element, release, terminator]).count == 4 else { return nil }
    }

    /// The `UNA` segment that announces these characters, e.g. `UNA:+.? '`.
    public var una: String {
        String(
            decoding: Array("UNA".utf8) + [component, element, decimalMark, release, repetition, terminator],
            as: UTF8.self)
    }

    /// True for the characters that must be released (`?`) to stand as data.
    @inline(__always)
    public func needsRelease(_ byte: UInt8) -> Bool {
        byte == component || byte == element || byte == release || byte == terminator
    }

    /// `value` with every separator and release character released, ready to write as data.
    public func escaped(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if needsRelease(byte) { out.append(release) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
