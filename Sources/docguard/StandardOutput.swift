#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipeline

/// Buffered JSON Lines on standard output.
struct StandardOutput {
    private var writer = JSONWriter()

    /// Writes one value and a newline; flushes when the buffer grows past 64 KiB.
    mutating func writeLine(_ value: JSONValue) {
        writer.write(value)
        writer.newline()
        if writer.bytes.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered, straight to file descriptor 1 (no stdio buffer in between).
    mutating func flush() {
        writer.bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
        writer.reset()
    }
}
