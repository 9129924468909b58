import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Opens a scan for reading without ever waiting on it: the file is opened non-blocking (a FIFO never
/// waits for a writer that may never come, and would ignore SIGTERM while it did), and then refused unless
/// it is a regular file no larger than the limit — checked on the open descriptor, before any byte is read.
/// The bytes are read once: the hash in the result and the decoded image come from the same read.
enum ScanFile {
    /// Why a file is not read.
    enum Refusal: Error, Equatable {
        /// It is a folder, FIFO, socket or device (named by `kind`), not a regular file.
        case notRegular(kind: String)
        /// It holds more bytes than the limit.
        case tooLarge(bytes: Int64, limit: Int64)
        /// It cannot be opened or read (the reason from the system).
        case unreadable(String)

        /// The result's `error.detail`: what the file is and why it is not read; no personal data.
        var detail: String {
            switch self {
            case .notRegular(let kind): return "not a regular file but \(kind); not opened"
            case .tooLarge(let bytes, let limit):
                return "file too large: \(bytes) bytes, more than the limit of \(limit) bytes (max_file_mb); not read"
            case .unreadable(let why): return "cannot read the file (\(why))"
            }
        }
    }

    /// The largest scan read unless told otherwise: 200 MB, more than an uncompressed 8-bit colour page
    /// at the decoder's pixel budget (60 megapixels).
    static let defaultMaxBytes: Int64 = 200 * 1_000_000

    /// The whole content of the regular file at `path`, at most `maxBytes` of it (a file that grows past
    /// the limit while being read is refused too).
    static func read(_ path: String, maxBytes: Int64) throws(Refusal) -> [UInt8] {
        let (descriptor, size) = try open(path, maxBytes: maxBytes)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 1 << 16)) }
            let count = bytes.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
            if count == 0 { break }
            filled += count
            guard Int64(filled) <= maxBytes else { throw .tooLarge(bytes: Int64(filled), limit: maxBytes) }
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// SHA-256 of the regular file at `path`, read in pieces (memory stays small whatever its size); nil for
    /// anything that is not a regular file or cannot be read.
    static func sha256(_ path: String) -> String? {
        guard let (descriptor, _) = try? open(path, maxBytes: nil) else { return nil }
        defer { close(descriptor) }
        var hasher = ContentHash.Hasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return hasher.finish() }
            hasher.update(buffer[0..<count])
        }
    }

    /// Opens `path` read-only and non-blocking; a regular file within `maxBytes` (any size when nil) gives
    /// its descriptor (blocking again, for plain reads) and size; anything else is closed and refused.
    static func open(_ path: String, maxBytes: Int64?) throws(Refusal) -> (descriptor: Int32, size: Int64) {
        var descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0, errno == ENOENT, FileName.mayBeEscaped(path) {
            descriptor = Glibc.open(FileName.cPath(FileName.bytes(path)), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let why = String(cString: strerror(errno))
            close(descriptor)
            throw .unreadable(why)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular(kind: kind(info.st_mode))
        }
        if let maxBytes, Int64(info.st_size) > maxBytes {
            close(descriptor)
            throw .tooLarge(bytes: Int64(info.st_size), limit: maxBytes)
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return (descriptor, Int64(info.st_size))
    }

    /// What a file's type is, for people: "a folder", "a FIFO (named pipe)", …
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link (never followed)"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "a special file"
        }
    }

    /// What is at `path` (lstat: a symbolic link itself, never its target), or nil when nothing is.
    static func kind(ofItemAt path: String) -> String? {
        var info = stat()
        return lstat(path, &info) == 0 ? kind(info.st_mode) : nil
    }
}
