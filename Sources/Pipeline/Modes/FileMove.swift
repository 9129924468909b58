import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Moves a file to another folder, which may be on another file system (processed/ on a mounted share):
/// a rename where it can be, else a copy that is on disk (fsync) under a temporary name, renamed into place,
/// and only then the original removed. A symbolic link is moved as a link, never followed.
enum FileMove {
    /// Moves `source` to `destination` (which must not exist).
    static func move(_ source: String, to destination: String) throws {
        if rename(source, destination) == 0 { return }
        guard errno == EXDEV else { throw PipelineError.cannotWrite(destination, String(cString: strerror(errno))) }
        let partial = destination + ".docguard-partial"
        unlink(partial)
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: source) {
            guard symlink(target, partial) == 0 else { throw PipelineError.cannotWrite(partial, String(cString: strerror(errno))) }
        } else {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
            try bytes.write(to: URL(fileURLWithPath: partial))
            let descriptor = open(partial, O_RDONLY)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
        }
        guard rename(partial, destination) == 0 else {
            throw PipelineError.cannotWrite(destination, String(cString: strerror(errno)))
        }
        unlink(source)
    }

    /// Whether `first` and `second` hold the same bytes (or are links to the same place).
    static func sameContent(_ first: String, _ second: String) -> Bool {
        let manager = FileManager.default
        if let a = try? manager.destinationOfSymbolicLink(atPath: first) {
            return (try? manager.destinationOfSymbolicLink(atPath: second)) == a
        }
        return manager.contentsEqual(atPath: first, andPath: second)
    }
}
