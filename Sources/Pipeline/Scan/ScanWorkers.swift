import Dispatch
import Foundation
import Lists
import Plumbing

/// A file to scan: where it is read from, and the path its result names (watch mode reads a scan from its
/// work folder but reports it by its inbox path).
public struct ScanJob: Sendable {
    /// Where the bytes are read from.
    public var path: String
    /// The result's `file`.
    public var file: String

    /// A job reading `path`, reported as `file` (by default the same path).
    public init(path: String, file: String? = nil) {
        self.path = path
        self.file = file ?? path
    }
}

/// What every worker applies to the scans of one call: the lists, the year two-digit birth years are
/// resolved against (from the as-of date, a value: no stage is built for it), the size limit, debug images.
struct ScanSettings: Sendable {
    var matcher: ListMatcher?
    var currentYear: Int
    var maxFileBytes: Int64 = ScanFile.defaultMaxBytes
    var debug: DebugImageWriter? = nil
}

/// Long-lived scan workers: threads that each own one `PageReader` (one OCR engine) for their whole life, made
/// once on the thread that uses it and never shared. `scan` hands them files and gives the readings back in
/// input order on the calling thread, so what follows the read (risk, writers, watch mode's fsync and moves)
/// runs outside any lock the workers take, while they go on reading.
final class ScanWorkers: Sendable {
    private struct State {
        var jobs: [ScanJob] = []
        var nextJob = 0
        var settings: ScanSettings?
        var starting: (@Sendable (Int) -> Void)?
        var finished: [Int: ScanReading] = [:]
        var stopping = false
    }

    private let state = Locked(State())
    private let jobsWaiting = DispatchSemaphore(value: 0)
    private let resultsReady = DispatchSemaphore(value: 0)
    private let count: Int

    /// Starts `count` workers, each with the reader `makeReader` makes on its own thread. Throws the first
    /// failure to make one (a missing model), after stopping the others.
    init(count: Int, makeReader: @escaping @Sendable () throws -> PageReader) throws {
        self.count = max(1, count)
        let made = Locked<[Error?]>([])
        let started = DispatchSemaphore(value: 0)
        for _ in 0..<self.count {
            let (state, jobsWaiting, resultsReady) = (state, jobsWaiting, resultsReady)
            let thread = Thread {
                let reader: PageReader
                do {
                    reader = try makeReader()
                    made.withLock { $0.append(nil) }
                    started.signal()
                } catch {
                    made.withLock { $0.append(error) }
                    started.signal()
                    return
                }
                Self.work(reader, state: state, jobsWaiting: jobsWaiting, resultsReady: resultsReady)
            }
            thread.start()
        }
        for _ in 0..<self.count { started.wait() }
        if let failure = made.withLock({ $0.compactMap { $0 }.first }) {
            stop()
            throw failure
        }
    }

    deinit { stop() }

    /// Scans `jobs` under `settings`; `emit` is called once per job, in order, on the calling thread, as soon
    /// as each is next in line. `starting`, when given, runs on the worker just before a file is read (watch
    /// mode's journal notes what is in flight).
    func scan(
        _ jobs: [ScanJob], settings: ScanSettings, starting: (@Sendable (Int) -> Void)? = nil,
        emit: (ScanReading) -> Void
    ) {
        guard !jobs.isEmpty else { return }
        state.withLock { state in
            state.jobs = jobs
            state.nextJob = 0
            state.settings = settings
            state.starting = starting
        }
        for _ in jobs { jobsWaiting.signal() }
        var next = 0
        while next < jobs.count {
            resultsReady.wait()
            let ready = state.withLock { state in
                var ready: [ScanReading] = []
                while let reading = state.finished.removeValue(forKey: next + ready.count) { ready.append(reading) }
                return ready
            }
            next += ready.count
            for reading in ready { emit(reading) }
        }
    }

    /// Ends the workers once they have finished what they hold.
    func stop() {
        state.withLock { $0.stopping = true }
        for _ in 0..<count { jobsWaiting.signal() }
    }

    /// What a woken worker finds.
    private enum Taken {
        case job(Int, ScanJob, ScanSettings, (@Sendable (Int) -> Void)?)
        case nothing
        case stop
    }

    /// A worker's life: take the next job, read it, hand the reading back; until stopped.
    private static func work(
        _ reader: PageReader, state: Locked<State>, jobsWaiting: DispatchSemaphore, resultsReady: DispatchSemaphore
    ) {
        while true {
            jobsWaiting.wait()
            let taken = state.withLock { state -> Taken in
                if state.stopping { return .stop }
                guard state.nextJob < state.jobs.count, let settings = state.settings else { return .nothing }
                state.nextJob += 1
                return .job(state.nextJob - 1, state.jobs[state.nextJob - 1], settings, state.starting)
            }
            guard case .job(let index, let job, let settings, let starting) = taken else {
                if case .stop = taken { return }
                continue
            }
            starting?(index)
            let reading = ScanPipeline.read(job, with: reader, settings: settings)
            state.withLock { $0.finished[index] = reading }
            resultsReady.signal()
        }
    }
}

/// Times one scan: wall seconds, and CPU seconds of the calling thread (what the scan costs, whatever else
/// the machine is doing).
struct ScanClock {
    private let start = DispatchTime.now().uptimeNanoseconds
    private let cpuStart = ScanClock.threadCPUSeconds()

    /// Wall seconds since the clock was made.
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    /// CPU seconds this thread has used since the clock was made.
    var cpuSeconds: Double { Self.threadCPUSeconds() - cpuStart }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
