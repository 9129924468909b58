#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipeline

/// Buffered JSON Lines on standard output, or on a file.
final class StandardOutput {
    private var writer = JSONWriter()
    private let descriptor: Int32

    /// Writes to standard output.
    init() { descriptor = STDOUT_FILENO }

    /// Writes to `path`, created or truncated.
    init(path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PipelineError.cannotWrite(path, String(cString: strerror(errno))) }
        self.descriptor = descriptor
    }

    /// Writes one value and a newline; flushes when the buffer grows past 64 KiB.
    func writeLine(_ value: some JSONWritable) {
        value.write(to: &writer)
        writer.newline()
        if writer.count >= 1 << 16 { flush() }
    }

    /// Writes JSON Lines bytes made elsewhere (by workers), after what is buffered.
    func write(bytes: UnsafeRawBufferPointer) {
        flush()
        writeAll(bytes)
    }

    /// Writes out what is buffered, straight to the file descriptor (no stdio buffer in between).
    func flush() {
        writer.withBytes { writeAll($0) }
        writer.reset()
    }

    private func writeAll(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
