import Foundation

/// Reads the complete lines appended to a result file after a known position: what a service beside the
/// scanning (the alert notifier) has not handled yet. A last line still being written (no newline yet) is
/// left for the next read.
public struct ResultFollower: Sendable {
    /// A place in the file: the byte just after a line's newline, and that line's 1-based number.
    public struct Position: Equatable, Sendable {
        /// Bytes from the start of the file.
        public var offset: Int64
        /// Lines before `offset`.
        public var line: Int64

        /// The start of the file.
        public static let start = Position(offset: 0, line: 0)

        /// The position `offset` bytes in, after `line` lines.
        public init(offset: Int64, line: Int64) {
            self.offset = offset
            self.line = line
        }
    }

    /// One complete line.
    public struct Line: Sendable {
        /// The line, without its newline.
        public var bytes: [UInt8]
        /// Its 1-based number in the file.
        public var number: Int64
        /// The position just after it.
        public var end: Position
    }

    /// What a read found.
    public enum Read: Sendable {
        /// The complete lines after the position (none when nothing new is complete).
        case lines([Line])
        /// The file is shorter than the position: it was replaced (rotated), and is to be followed from its start.
        case replaced
    }

    /// The result file.
    public let path: String

    /// Follows the file at `path` (which need not exist yet).
    public init(path: String) {
        self.path = path
    }

    /// The position at the end of the last complete line in the file now.
    public func end() throws -> Position {
        var position = Position.start
        while case .lines(let lines) = try read(after: position), let last = lines.last { position = last.end }
        return position
    }

    /// The complete lines after `position`, reading at most about `maxBytes` (more lines come on the next read).
    public func read(after position: Position, maxBytes: Int = 1 << 20) throws -> Read {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .lines([]) }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        guard size >= UInt64(position.offset) else { return .replaced }
        try handle.seek(toOffset: UInt64(position.offset))
        let chunk = [UInt8](try handle.read(upToCount: maxBytes) ?? Data())
        var lines: [Line] = []
        var start = 0
        var end = position
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            end = Position(offset: end.offset + Int64(newline + 1 - start), line: end.line + 1)
            lines.append(Line(bytes: Array(chunk[start..<newline]), number: end.line, end: end))
            start = newline + 1
        }
        if lines.isEmpty, chunk.count == maxBytes {
            // One line longer than a read: take it whole.
            return try read(after: position, maxBytes: maxBytes * 2)
        }
        return .lines(lines)
    }
}
