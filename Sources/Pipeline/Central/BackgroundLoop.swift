import Foundation

/// A thread of its own that runs a round of work, waits, and runs it again until stopped: the watcher's links
/// to the centre, which must never slow a scan. A round says how long to wait before the next; `nudge` ends
/// the wait early (a result was written); `stop` ends the wait and returns once the round in progress is over.
final class BackgroundLoop: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopping = false
    private var nudged = false
    private let finished = DispatchSemaphore(value: 0)
    private let round: @Sendable (_ shouldStop: () -> Bool) -> Double

    /// A loop running `round` (given a stop check to ask between pieces of work; returns the seconds to wait).
    init(round: @escaping @Sendable (_ shouldStop: () -> Bool) -> Double) {
        self.round = round
    }

    /// Starts the thread.
    func start(name: String) {
        let thread = Thread { [self] in
            defer { finished.signal() }
            while !isStopping {
                let seconds = round { self.isStopping }
                condition.lock()
                let deadline = Date(timeIntervalSinceNow: seconds)
                while !stopping, !nudged, condition.wait(until: deadline) {}
                nudged = false
                condition.unlock()
            }
        }
        thread.name = name
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Ends the current wait.
    func nudge() {
        condition.lock()
        nudged = true
        condition.signal()
        condition.unlock()
    }

    /// Stops the loop and waits for the round in progress to end.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }
}
