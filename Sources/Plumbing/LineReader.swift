import Foundation

/// Reads a file line by line in fixed-size chunks, so a file of any size streams in constant memory.
/// Lines are handed out as bytes without their `\n` (and without a trailing `\r`), valid until the next
/// call. List import and screening both read their input through it, and each says a `Failure` in its own
/// words.
public final class LineReader {
    /// Why a file could not be read.
    public enum Failure: Error {
        /// `path` does not exist or is not readable.
        case cannotOpen(path: String)
        /// Reading `path` failed with `underlying`, a Foundation or system error.
        case cannotRead(path: String, underlying: any Error)
    }

    private let handle: FileHandle
    private let path: String
    private let ownsHandle: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Opens `path`; closed when the reader goes.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure.cannotOpen(path: path)
        }
        self.handle = handle
        self.path = path
        ownsHandle = true
    }

    /// Reads an already open `handle` (standard input, say), named `path` in errors; left open.
    public init(handle: FileHandle, path: String) {
        self.handle = handle
        self.path = path
        ownsHandle = false
    }

    deinit { if ownsHandle { try? handle.close() } }

    /// The next line, or nil at the end of the file.
    public func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = end + 1 }
                lineNumber += 1
                return trimmed(buffer[start..<end])
            }
            if finished {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                lineNumber += 1
                return trimmed(buffer[start...])
            }
            try fill()
        }
    }

    private func fill() throws {
        buffer.removeSubrange(0..<start)
        start = 0
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: 1 << 20)
        } catch {
            throw Failure.cannotRead(path: path, underlying: error)
        }
        if let chunk, !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { finished = true }
    }

    private func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }
}
