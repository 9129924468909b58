/// Splits EDIFACT bytes into segments, data elements and components (ISO 9735-1 §5–§7): `UNA` sets the service
/// characters (again before each interchange if it likes), the release character makes the next byte data,
/// and line breaks are layout, not data, wherever they fall (gateways wrap long lines mid-segment). One segment
/// at a time, so a large file is never held as segments all at once.
public struct EdifactTokenizer: IteratorProtocol {
    let bytes: [UInt8]
    var index: Int
    var separators = EdifactSeparators.standard
    var segmentCount = 0
    /// One buffer for every component's bytes, emptied, not freed, between components.
    var current: [UInt8] = []
    /// The problems met at this level so far (a bad `UNA`).
    public private(set) var issues: [PaxlstIssue] = []

    /// A tokenizer at the start of `bytes` (after a byte order mark).
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        index = ByteOrderMark.length(in: bytes)
        current.reserveCapacity(64)
    }

    /// Every segment of `bytes`, and the problems met at this level; a segment the file ends in is kept, marked
    /// unterminated.
    public static func segments(of bytes: [UInt8]) -> (segments: [EdifactSegment], issues: [PaxlstIssue]) {
        var tokenizer = EdifactTokenizer(bytes)
        var segments: [EdifactSegment] = []
        while let segment = tokenizer.next() { segments.append(segment) }
        return (segments, tokenizer.issues)
    }

    /// The next segment, or nil at the end of the bytes.
    public mutating func next() -> EdifactSegment? {
        let count = bytes.count
        while true {
            while index < count, Self.isLayout(bytes[index]) { index += 1 }
            guard index < count else { return nil }
            guard Self.startsServiceStringAdvice(bytes, at: index) else { break }
            let end = min(index + 9, count)
            if let advised = EdifactSeparators(una: bytes[(index + 3)..<end]) {
                separators = advised
            } else {
                issues.append(
                    PaxlstIssue(
                        .badServiceStringAdvice, filePosition: segmentCount + 1, tag: "UNA",
                        detail: "UNA must give six service characters, the four separators distinct"))
            }
            index = end
        }
        var tag: String?
        // Room for a usual segment from the start (`DOC+P:110:111+N`, `NAD+FL+++S:G:G`): one allocation each,
        // not one per doubling.
        var components: [String] = []
        components.reserveCapacity(8)
        var elementEnds: [Int] = []
        elementEnds.reserveCapacity(6)
        current.removeAll(keepingCapacity: true)
        var terminated = false
        // The first element's first component is the tag; its other components (syntax 4 nesting) are dropped.
        func endComponent() {
            if tag == nil {
                tag = Self.text(current)
            } else if !elementEnds.isEmpty {
                components.append(Self.text(current))
                elementEnds[elementEnds.count - 1] = components.count
            }
            current.removeAll(keepingCapacity: true)
        }
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
                endComponent()
                elementEnds.append(components.count)
            } else if byte == separators.component {
                endComponent()
            } else if byte != Self.carriageReturn && byte != Self.lineFeed {
                current.append(byte)
            }
        }
        endComponent()
        segmentCount += 1
        return EdifactSegment(
            tag: tag ?? "", components: components, elementEnds: elementEnds, filePosition: segmentCount,
            isTerminated: terminated)
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
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
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
