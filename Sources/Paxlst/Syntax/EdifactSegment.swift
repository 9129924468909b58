/// One segment as written: its tag and data elements, each a list of components, release characters removed.
public struct EdifactSegment: Sendable, Hashable {
    /// The segment tag, e.g. `NAD` (the first component of the first element).
    public var tag: String
    /// The data elements after the tag; each holds at least one component (possibly empty).
    public var elements: [[String]]
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
        self.tag = tag
        self.elements = elements
        self.filePosition = filePosition
        self.isTerminated = isTerminated
    }

    /// Component `component` (1-based) of data element `element` (1-based, the tag not counted), or `""` when
    /// the segment does not reach it: EDIFACT drops trailing empty elements and components.
    /// `NAD+FL+++DOE:JOHN` has `value(1)` `FL` and `value(4, 2)` `JOHN`.
    public func value(_ element: Int, _ component: Int = 1) -> String {
        guard element >= 1, element <= elements.count else { return "" }
        let components = elements[element - 1]
        guard component >= 1, component <= components.count else { return "" }
        return components[component - 1]
    }

    /// The components of data element `element` (1-based), or none.
    public func components(_ element: Int) -> [String] {
        guard element >= 1, element <= elements.count else { return [] }
        return elements[element - 1]
    }

    /// True for a tag of three upper-case letters or digits, as every directory's tags are.
    public var hasWellFormedTag: Bool {
        tag.utf8.count == 3 && tag.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }
}
