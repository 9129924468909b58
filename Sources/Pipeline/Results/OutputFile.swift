#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered output to standard output or a file: JSON Lines written value by value, or bytes and text
/// made elsewhere. Written straight to the file descriptor (no stdio buffer in between).
public final class OutputFile {
    private var writer = JSONWriter()
    private let descriptor: Int32
    private let path: String
    /// The first write that failed (disk full, pipe closed), reported by `finish`.
    private var failure: String?
    /// Gathers the output for direct I/O, while the file is open with `O_DIRECT`.
    private var direct: DirectWriteBuffer?

    /// Writes to standard output.
    public init() {
        descriptor = STDOUT_FILENO
        path = "standard output"
    }

    /// Writes to `path`, created or truncated; with `append`, created or added to.
    ///
    /// `direct`: for gigabytes of output written once and not read back soon (a night's screening). The
    /// file is written with direct I/O where the file system takes it: straight from an aligned buffer to
    /// the disk, past the page cache, whose page-by-page allocation, copy and write-back cost a fifth of a
    /// 128 M-list screening run on the build machine (buffered writes ran at 400 MB/s, direct ones at
    /// 1.5 GB/s). The last partial block is written the ordinary way by `finish`; where direct I/O is
    /// refused, at open or at a write, the file is written the ordinary way. The bytes are the same.
    public init(path: String, append: Bool = false, direct: Bool = false) throws {
        let flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC) | O_CLOEXEC
        var descriptor: Int32 = -1
        if direct && !append, let directFlag = Self.directFlag {
            descriptor = open(path, flags | directFlag, 0o644)
            if descriptor >= 0 { self.direct = DirectWriteBuffer() }
        }
        if descriptor < 0 { descriptor = open(path, flags, 0o644) }
        guard descriptor >= 0 else { throw PipelineError.cannotWrite(path, String(cString: strerror(errno))) }
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flush()
        endDirectIO()
        if descriptor != STDOUT_FILENO { close(descriptor) }
    }

    /// Writes out what is buffered and waits until it is on disk (fsync): a result is durable before the
    /// scan it belongs to is moved on. Throws if any write failed.
    public func sync() throws {
        flush()
        endDirectIO()
        if failure == nil, descriptor != STDOUT_FILENO, fsync(descriptor) != 0 {
            failure = String(cString: strerror(errno))
        }
        if let failure { throw PipelineError.cannotWrite(path, failure) }
    }

    /// Writes out what is buffered and throws if any write failed, so lost results are never silent.
    public func finish() throws {
        flush()
        endDirectIO()
        if let failure { throw PipelineError.cannotWrite(path, failure) }
    }

    /// Writes one value and a newline; flushes when the buffer grows past 64 KiB.
    public func writeLine(_ value: some JSONWritable) {
        value.write(to: &writer)
        writer.newline()
        if writer.count >= 1 << 16 { flush() }
    }

    /// Writes JSON Lines bytes made elsewhere (by workers), after what is buffered.
    public func write(bytes: UnsafeRawBufferPointer) {
        flush()
        writeAll(bytes)
    }

    /// Writes `text` after what is buffered.
    public func write(text: String) {
        var text = text
        text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Writes out what is buffered.
    public func flush() {
        writer.withBytes { writeAll($0) }
        writer.reset()
    }

    private func writeAll(_ buffer: UnsafeRawBufferPointer) {
        guard let direct else { return writeThrough(buffer) }
        direct.append(buffer) { writeDirect($0) }
        // Direct I/O stopped on the way: what is still gathered goes the ordinary way.
        if self.direct == nil { direct.drain(blocks: { writeThrough($0) }, tail: { writeThrough($0) }) }
    }

    /// Writes whole aligned blocks with direct I/O; if the file system refuses, turns direct I/O off and
    /// writes them the ordinary way.
    private func writeDirect(_ blocks: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < blocks.count, failure == nil, direct != nil {
            let written = Glibc.write(descriptor, blocks.baseAddress! + offset, blocks.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written > 0 && written % DirectWriteBuffer.alignment == 0 {
                offset += written
                continue
            }
            if written > 0 { offset += written }
            stopDirectIO()  // refused, or a short write off the block grid: the rest goes the ordinary way
        }
        writeThrough(UnsafeRawBufferPointer(rebasing: blocks[offset...]))
    }

    /// Writes out what direct I/O still holds (whole blocks direct, the tail the ordinary way) and goes
    /// on without it: after a partial block, the file offset is off the block grid.
    private func endDirectIO() {
        guard let direct else { return }
        direct.drain(
            blocks: { writeDirect($0) },
            tail: { tail in
                stopDirectIO()
                writeThrough(tail)
            })
        self.direct = nil
    }

    /// Turns direct I/O off for the rest of the file (what is still gathered is written by the caller).
    private func stopDirectIO() {
        if let directFlag = Self.directFlag {
            let flags = fcntl(descriptor, F_GETFL)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~directFlag) }
        }
        direct = nil
    }

    /// Linux's `O_DIRECT`, which Swift's Glibc module does not export (its value depends on the
    /// architecture); nil where it is not known, and the file is written the ordinary way.
    private static let directFlag: Int32? = {
        #if os(Linux) && arch(x86_64)
            return 0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
            return 0o200000
        #else
            return nil
        #endif
    }()

    /// Writes `buffer` the ordinary way, all of it unless a write fails (then `failure` says why).
    private func writeThrough(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                if failure == nil { failure = written < 0 ? String(cString: strerror(errno)) : "nothing written" }
                return
            }
            offset += written
        }
    }
}
