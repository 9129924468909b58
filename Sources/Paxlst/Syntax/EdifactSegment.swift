/// One segment as written: its tag and data elements, each a list of components, release characters removed.
/// The components are kept in one flat list (with where each element ends), two arrays a segment however many
/// elements it has: a million-traveller file makes some ten million components.
public struct EdifactSegment: Sendable, Hashable {
    /// The segment tag, e.g. `NAD` (the first component of the first element).
    public var tag: String
    /// Every component of the data elements after the tag, in order.
    var components: [String]
    /// For each data element, the index in `components` one past its last component.
    var elementEnds: [Int]
    /// 1-based position among the file's segments (`UNA` not counted).
    public var filePosition: Int
    /// 1-based position in its interchange (`UNB` is 1); nil outside `UNB`…`UNZ`.
    public var positionInInterchange: Int?
    /// 1-based position of its message in the file; nil outside `UNH`…`UNT`.
    public var messagePosition: Int?
    /// 1-based position in its message (`UNH` is 1); nil outside `UNH`…`UNT`.
    public var positionInMessage: Int?
    /// False when the file ended before the segment terminator.
    public var isTerminated: Bool

    /// A segment, not yet placed in an interchange or message.
    public init(tag: String, elements: [[String]], filePosition: Int, isTerminated: Bool = true) {
        self.init(
            tag: tag, components: elements.flatMap { $0 },
            elementEnds: elements.reduce(into: []) { ends, element in ends.append((ends.last ?? 0) + element.count) },
            filePosition: filePosition, isTerminated: isTerminated)
    }

    /// A segment from its flat components.
    init(tag: String, components: [String], elementEnds: [Int], filePosition: Int, isTerminated: Bool) {
        self.tag = tag
        self.components = components
        self.elementEnds = elementEnds
        self.filePosition = filePosition
        self.isTerminated = isTerminated
    }

    /// The data elements after the tag; each holds at least one component (possibly empty).
    public var elements: [[String]] {
        elementEnds.indices.map { components($0 + 1) }
    }

    /// Component `component` (1-based) of data element `element` (1-based, the tag not counted), or `""` when
    /// the segment does not reach it: EDIFACT drops trailing empty elements and components.
    /// `NAD+FL+++DOE:JOHN` has `value(1)` `FL` and `value(4, 2)` `JOHN`.
    public func value(_ element: Int, _ component: Int = 1) -> String {
        guard element >= 1, element <= elementEnds.count, component >= 1 else { return "" }
        let start = element == 1 ? 0 : elementEnds[element - 2]
        let index = start + component - 1
        return index < elementEnds[element - 1] ? components[index] : ""
    }

    /// The components of data element `element` (1-based), or none.
    public func components(_ element: Int) -> [String] {
        guard element >= 1, element <= elementEnds.count else { return [] }
        let start = element == 1 ? 0 : elementEnds[element - 2]
        return Array(components[start..<elementEnds[element - 1]])
    }

    /// True for a tag of three upper-case letters or digits, as every directory's tags are.
    public var hasWellFormedTag: Bool {
        tag.utf8.count == 3 && tag.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }
}
