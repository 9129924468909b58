import Foundation

/// Work spread over threads of its own, in place of `DispatchQueue.concurrentPerform`.
///
/// On Linux, libdispatch keeps a per-thread cache of its work items and frees it when the thread ends. In
/// the test process, which runs `concurrentPerform` from threads that come and go, that cache was found
/// corrupted at thread exit (`free(): invalid pointer` in `_dispatch_cache_cleanup`, under gdb; with glibc's
/// thread cache on, `tcache_thread_shutdown(): unaligned tcache chunk detected`), killing the process. These
/// workers are plain threads joined by a group, so no dispatch work item is made or cached for them.
public enum ParallelWork {
    /// Runs `body(worker)` for workers `0..<count` at once, worker 0 on the calling thread, and returns when
    /// all have finished.
    public static func run(workers count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        let done = DispatchGroup()
        for worker in 1..<count {
            done.enter()
            Thread {
                body(worker)
                done.leave()
            }.start()
        }
        body(0)
        done.wait()
    }

    /// Runs `body(index)` for every index in `0..<iterations` on up to `workers` threads (by default one per
    /// core), each taking the next index in turn, and returns when all are done.
    public static func forEach(
        _ iterations: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ body: @escaping @Sendable (Int) -> Void
    ) {
        let next = Locked(0)
        run(workers: max(1, min(workers, iterations))) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < iterations else { return }
                body(index)
            }
        }
    }
}
