import Foundation
import Lists
import OCR
import Plumbing

/// Scans many files on `jobs` worker threads, one `PageScanner` (one Tesseract engine) per worker, and hands
/// results back in input order as soon as each is next in line, so output streams and stays sorted.
public struct BatchScanner: Sendable {
    /// The model every worker loads.
    public var model: OCRModel
    /// Worker threads.
    public var jobs: Int
    /// Resolves two-digit birth years.
    public var currentYear: Int
    /// Where debug images go, if anywhere.
    public var debug: DebugImageWriter?
    /// The stolen/lost lists to check each read document against, if any.
    public var matcher: ListMatcher?
    /// Files larger than this many bytes are refused before reading.
    public var maxFileBytes = ScanFile.defaultMaxBytes

    /// A batch over `model` with `jobs` workers.
    public init(model: OCRModel, jobs: Int, currentYear: Int, debug: DebugImageWriter? = nil,
                matcher: ListMatcher? = nil) {
        self.model = model
        self.jobs = max(1, jobs)
        self.currentYear = currentYear
        self.debug = debug
        self.matcher = matcher
    }

    /// Scans `files`; `emit` is called once per file, in order, on one thread at a time; `starting`, when
    /// given, on the worker just before a file is read (watch mode's journal notes what is in flight).
    /// Throws only when an engine cannot be created.
    public func run(
        _ files: [String], starting: (@Sendable (Int) -> Void)? = nil, emit: @escaping @Sendable (ScanResult) -> Void
    ) throws {
        let queue = ResultQueue(count: files.count, emit: emit)
        let failure = Locked<Error?>(nil)
        let workers = min(jobs, max(1, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let scanner: PageScanner
            do {
                scanner = try PageScanner(model: model)
                scanner.matcher = matcher
                scanner.maxFileBytes = maxFileBytes
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
                return
            }
            while let index = queue.claim() {
                starting?(index)
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = ThreadCPUClock.seconds()
                var result = scanner.scan(path: files[index], currentYear: currentYear, debug: debug)
                result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                result.cpuSeconds = ThreadCPUClock.seconds() - cpuStart
                queue.complete(index, result)
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// The calling thread's CPU time: what one scan costs, whatever else the machine is doing.
enum ThreadCPUClock {
    /// CPU seconds this thread has used so far.
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Hands out indices and releases finished results in index order.
private final class ResultQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var nextClaim = 0
    private var nextEmit = 0
    private var finished: [Int: ScanResult] = [:]
    private let emit: @Sendable (ScanResult) -> Void

    init(count: Int, emit: @escaping @Sendable (ScanResult) -> Void) {
        self.count = count
        self.emit = emit
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextClaim < count else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

    func complete(_ index: Int, _ result: ScanResult) {
        lock.lock()
        defer { lock.unlock() }
        finished[index] = result
        while let ready = finished.removeValue(forKey: nextEmit) {
            emit(ready)
            nextEmit += 1
        }
    }
}
