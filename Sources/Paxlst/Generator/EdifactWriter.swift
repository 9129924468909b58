/// Writes segments with a set of service characters, releasing every separator that occurs in the data.
struct EdifactWriter {
    let separators: EdifactSeparators
    /// Written after each segment terminator: nothing, `\n` or `\r\n`.
    let lineBreak: String
    private(set) var text = ""
    /// Segments written since the last `UNH`, that one included: what `UNT` counts.
    private(set) var messageSegmentCount = 0

    init(separators: EdifactSeparators, lineBreak: String) {
        self.separators = separators
        self.lineBreak = lineBreak
    }

    /// `UNA` and the six characters.
    mutating func serviceStringAdvice() {
        text += separators.una + lineBreak
    }

    /// One segment: `tag`, then each data element's components (an empty list is an empty element).
    mutating func segment(_ tag: String, _ elements: [String]...) {
        let component = String(UnicodeScalar(separators.component))
        let element = String(UnicodeScalar(separators.element))
        var line = tag
        for components in elements {
            line += element + components.map(separators.escaped).joined(separator: component)
        }
        text += line + String(UnicodeScalar(separators.terminator)) + lineBreak
        messageSegmentCount = tag == "UNH" ? 1 : messageSegmentCount + 1
    }
}
