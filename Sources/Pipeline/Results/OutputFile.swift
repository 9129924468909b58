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

    /// Writes to standard output.
    public init() {
        descriptor = STDOUT_FILENO
        path = "standard output"
    }

    /// Writes to `path`, created or truncated; with `append`, created or added to.
    public init(path: String, append: Bool = false) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PipelineError.cannotWrite(path, String(cString: strerror(errno))) }
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flush()
        if descriptor != STDOUT_FILENO { close(descriptor) }
    }

    /// Writes out what is buffered and waits until it is on disk (fsync): a result is durable before the
    /// scan it belongs to is moved on. Throws if any write failed.
    public func sync() throws {
        flush()
        if failure == nil, descriptor != STDOUT_FILENO, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if let failure { throw PipelineError.cannotWrite(path, failure) }
    }

    /// Writes out what is buffered and throws if any write failed, so lost results are never silent.
    public func finish() throws {
        flush()
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
