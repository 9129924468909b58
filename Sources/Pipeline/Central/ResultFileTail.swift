import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The complete lines of a results file after a byte offset, read while another thread may be appending: a
/// line is taken only once its newline is there, so a line half written (or cut by a kill and removed on
/// restart) is never read.
struct ResultFileTail {
    /// Complete lines read, each without its newline.
    var lines: [ArraySlice<UInt8>] = []
    /// The offset after the last line read.
    var end: Int64
    /// Whether the file held no further complete line (nothing was left for lack of room).
    var reachedEnd = true

    /// Up to `maxLines` complete lines of `path` from `offset`, flushed to disk first (`fsync`): the centre
    /// never holds a line the post could still lose to a power cut. Throws `resultsShrank` when the file is
    /// shorter than `offset`.
    static func read(_ path: String, from offset: Int64, maxLines: Int) throws -> ResultFileTail {
        var tail = ResultFileTail(end: offset)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT, offset == 0 { return tail }  // nothing written yet
            throw PipelineError.outbox(
                path: path, operation: "read the results", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw PipelineError.outbox(
                path: path, operation: "read the results", reason: String(cString: strerror(errno)))
        }
        guard Int64(info.st_size) >= offset else {
            throw PipelineError.resultsShrank(path: path, forwarded: offset, size: Int64(info.st_size))
        }
        // A megabyte at a time, until enough lines: after days without a link the file holds far more.
        let size = Int64(info.st_size)
        var bytes: [UInt8] = []
        var start = 0
        while tail.lines.count < maxLines, offset + Int64(bytes.count) < size {
            let want = Int(min(Int64(1 << 20), size - offset - Int64(bytes.count)))
            let old = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: want))
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + old, want, off_t(offset) + off_t(old))
            }
            if got < 0 {
                let why = errno
                bytes.removeLast(want)
                if why == EINTR { continue }
                throw PipelineError.outbox(
                    path: path, operation: "read the results", reason: String(cString: strerror(why)))
            }
            bytes.removeLast(want - max(0, got))
            guard got > 0 else { break }
            var scanFrom = max(start, old)
            while tail.lines.count < maxLines, let newline = bytes[scanFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                tail.lines.append(bytes[start..<newline])
                start = newline + 1
                scanFrom = start
            }
        }
        if tail.lines.count == maxLines {
            tail.reachedEnd = !bytes[start...].contains(UInt8(ascii: "\n")) && offset + Int64(bytes.count) >= size
        }
        tail.end = offset + Int64(start)
        if !tail.lines.isEmpty { _ = fsync(descriptor) }
        return tail
    }

    /// Complete lines in `path` after `offset` (the outbox's depth), counted without keeping them.
    static func countLines(_ path: String, from offset: Int64) -> (lines: Int, end: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return (0, offset) }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(offset))) != nil else { return (0, offset) }
        var lines = 0
        var position = offset
        var end = offset
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var from = 0
                while from < buffer.count,
                    let found = memchr(base + from, Int32(UInt8(ascii: "\n")), buffer.count - from)
                {
                    let index = base.distance(to: UnsafeRawPointer(found))
                    lines += 1
                    end = position + Int64(index) + 1
                    from = index + 1
                }
            }
            position += Int64(chunk.count)
        }
        return (lines, end)
    }
}
