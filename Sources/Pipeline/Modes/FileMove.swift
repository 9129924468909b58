import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Moves a file to another folder, which may be on another file system (processed/ on a mounted share):
/// a rename where it can be, else a copy that is on disk (fsync) under a temporary name, renamed into place,
/// and only then the original removed. The copy goes in pieces (a 2 GB file quarantined across file systems
/// must not be held in memory); a symbolic link is moved as a link, never followed; a FIFO is made anew,
/// never opened.
enum FileMove {
    /// Moves `source` to `destination` (which must not exist).
    static func move(_ source: String, to destination: String) throws {
        if rename(source, destination) == 0 { return }
        guard errno == EXDEV else { throw PipelineError.cannotWrite(destination, String(cString: strerror(errno))) }
        let partial = destination + ".docguard-partial"
        try? FileManager.default.removeItem(atPath: partial)
        var info = stat()
        guard lstat(source, &info) == 0 else { throw failure(source) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: try copyContents(source, to: partial)
        case S_IFLNK:
            let target = try PipelineError.writing(source) {
                try FileManager.default.destinationOfSymbolicLink(atPath: source)
            }
            guard symlink(target, partial) == 0 else { throw failure(partial) }
        case S_IFIFO: guard mkfifo(partial, info.st_mode & 0o777) == 0 else { throw failure(partial) }
        case S_IFDIR:
            try PipelineError.writing(partial) { try FileManager.default.copyItem(atPath: source, toPath: partial) }
        default:
            let kind = ScanFile.kind(info.st_mode)
            throw PipelineError.cannotWrite(destination, "\(kind) cannot be moved across file systems")
        }
        guard rename(partial, destination) == 0 else { throw failure(destination) }
        if info.st_mode & S_IFMT == S_IFDIR {
            try PipelineError.writing(source) { try FileManager.default.removeItem(atPath: source) }
        } else {
            unlink(source)
        }
    }

    /// Whether `first` and `second` hold the same bytes (or are links to the same place, or FIFOs both),
    /// compared in pieces.
    static func sameContent(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        guard lstat(first, &a) == 0, lstat(second, &b) == 0, a.st_mode & S_IFMT == b.st_mode & S_IFMT else {
            return false
        }
        let manager = FileManager.default
        switch a.st_mode & S_IFMT {
        case S_IFLNK:
            let target = try? manager.destinationOfSymbolicLink(atPath: first)
            return target != nil && target == (try? manager.destinationOfSymbolicLink(atPath: second))
        case S_IFREG:
            guard a.st_size == b.st_size, let (one, _) = try? ScanFile.open(first, maxBytes: nil) else { return false }
            defer { close(one) }
            guard let (other, _) = try? ScanFile.open(second, maxBytes: nil) else { return false }
            defer { close(other) }
            var left = [UInt8](repeating: 0, count: 1 << 20)
            var right = left
            while true {
                let count = read(one, &left, left.count)
                guard count >= 0, readFully(other, &right, count) else { return false }
                if count == 0 { return true }
                if left[0..<count] != right[0..<count] { return false }
            }
        case S_IFDIR: return manager.contentsEqual(atPath: first, andPath: second)
        default: return true
        }
    }

    /// Copies the regular file `source` to the new file `destination` in pieces, on disk (fsync) at the end.
    private static func copyContents(_ source: String, to destination: String) throws {
        let (input, _): (Int32, Int64)
        do {
            (input, _) = try ScanFile.open(source, maxBytes: nil)
        } catch {
            throw PipelineError.cannotWrite(destination, error.detail)
        }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw failure(destination) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = read(input, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure(source) }
            if count == 0 { break }
            var written = 0
            while written < count {
                let step = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                guard step > 0 else { throw failure(destination) }
                written += step
            }
        }
        guard fsync(output) == 0 else { throw failure(destination) }
    }

    /// Reads exactly `count` bytes into `buffer`; false when the file ends sooner or cannot be read.
    private static func readFully(_ descriptor: Int32, _ buffer: inout [UInt8], _ count: Int) -> Bool {
        var filled = 0
        while filled < count {
            let step = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, count - filled) }
            guard step > 0 else { return false }
            filled += step
        }
        return true
    }

    private static func failure(_ path: String) -> PipelineError {
        PipelineError.cannotWrite(path, String(cString: strerror(errno)))
    }
}
