/// Splits MRZ text into documents: one document per group of 2 or 3 lines, groups separated by a
/// blank line (SPEC.md `docguard mrz` and `screen`). Fed line by line, so input streams.
public struct MRZTextGrouper {
    private var pending: [[UInt8]] = []

    /// An empty grouper.
    public init() {}

    /// Takes one input line; returns the documents it completes (a blank line ends a group).
    public mutating func feed(_ line: some StringProtocol) -> [[[UInt8]]] {
        feed(bytes: Array(line.utf8)[...])
    }

    /// Takes one input line as bytes (without its newline); returns the documents it completes.
    public mutating func feed(bytes line: ArraySlice<UInt8>) -> [[[UInt8]]] {
        let trimmed = Self.trim(line)
        guard trimmed.isEmpty else {
            pending.append(trimmed)
            return []
        }
        return finish()
    }

    /// Ends the input; returns the last group's documents.
    public mutating func finish() -> [[[UInt8]]] {
        defer { pending.removeAll() }
        return Self.split(pending)
    }

    /// Groups all `lines` at once.
    public static func documents(in lines: [String]) -> [[[UInt8]]] {
        var grouper = MRZTextGrouper()
        var documents = lines.flatMap { grouper.feed($0) }
        documents += grouper.finish()
        return documents
    }

    /// A group longer than one document is split when its lines say how: all 30 characters in
    /// threes (TD1), all 36 or 44 in twos. Any other group stays whole and is reported as malformed.
    static func split(_ group: [[UInt8]]) -> [[[UInt8]]] {
        guard !group.isEmpty else { return [] }
        guard group.count > 3, let length = group.first?.count, group.allSatisfy({ $0.count == length }) else {
            return [group]
        }
        let size: Int
        switch length {
        case 30: size = 3
        case 36, 44: size = 2
        default: return [group]
        }
        guard group.count % size == 0 else { return [group] }
        return stride(from: 0, to: group.count, by: size).map { Array(group[$0..<($0 + size)]) }
    }

    /// Without surrounding spaces, tabs and carriage returns.
    private static func trim(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return Array(bytes[first...last])
    }
}
