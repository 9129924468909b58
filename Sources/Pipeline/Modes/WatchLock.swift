import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One watcher per pipeline: an exclusive lock (flock) on `RESULTS.journal.lock`, held while the watcher
/// runs and let go by the system when it ends however it ends (kill -9 included). A second watcher on the
/// same journal would take the same scans and fail part-way; it is refused at start instead.
final class WatchLock {
    private let descriptor: Int32

    /// Takes the lock at `path` (made if missing); throws `WatchLock.Held` when another process holds it.
    /// `holding` names what holds such a lock, and why only one may, for the message.
    init(path: String, holding: Held.Holding = .watcher) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PipelineError.cannotWrite(path, String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let why = errno
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            guard why == EWOULDBLOCK else { throw PipelineError.cannotWrite(path, String(cString: strerror(why))) }
            throw Held(path: path, holder: holder.flatMap(Int.init), holding: holding)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit { close(descriptor) }

    /// Another watcher holds the lock.
    struct Held: Error, CustomStringConvertible {
        /// The lock file.
        var path: String
        /// The process that holds it, when it wrote its id.
        var holder: Int?
        /// What holds it.
        var holding: Holding = .watcher

        /// What holds a lock, and why only one may.
        enum Holding {
            /// A watcher of the pipeline.
            case watcher
            /// A forwarder of the results file.
            case forwarder
        }

        var description: String {
            switch holding {
            case .watcher:
                let who = holder.map { "another watcher (pid \($0))" } ?? "another watcher"
                return "\(path): \(who) is already running this pipeline; stop it first (two watchers would take the "
                    + "same scans)"
            case .forwarder:
                let who = holder.map { "another process (pid \($0))" } ?? "another process"
                return "\(path): \(who) is already forwarding these results (a watch run, or docguard forward); "
                    + "its forwarder sends them"
            }
        }
    }
}
