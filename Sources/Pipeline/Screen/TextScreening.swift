import Dispatch
import Foundation
import Lists
import Plumbing

/// Screens a stream of MRZ text records on `jobs` threads, weighs each result's risk, and hands the result
/// lines back in input order.
/// Three stages overlap, joined by bounded pipes so memory stays flat: a reader thread reads and groups
/// the next records, a screening thread has the workers screen the current chunk (each slice writing its
/// own lines' JSON), and the caller writes out the chunk before.
enum TextScreening {
    /// Reads every record from `reader`, screens it and calls `emit` with the result lines (JSON Lines
    /// bytes, newline-terminated), in input order; `progress` hears, after each chunk's lines, how many
    /// records and alerts they held. Throws when the input cannot be read; a list store that fails leaves the
    /// documents it could not check `LIST_UNCHECKED`.
    static func run(
        reader: any ScreeningSource, screener: MRZScreener, risk: RiskStage, jobs: Int,
        progress: (_ records: Int, _ alerts: Int) -> Void = { _, _ in },
        emit: (UnsafeRawBufferPointer) -> Void
    ) throws {
        let chunks = BoundedPipe<[ScreeningRecord]>()
        let screened = BoundedPipe<ScreenedChunk>()
        let spare = Locked<[ScreenedChunk]>([])  // outputs already written, kept for their buffers
        let workers = max(1, jobs)
        Thread {
            do {
                while true {
                    let records = try reader.nextChunk()
                    guard !records.isEmpty, chunks.put(records) else { break }
                }
                chunks.finish(nil)
            } catch {
                chunks.finish(error)
            }
        }.start()
        Thread {
            do {
                var first = 1
                while let records = try chunks.next() {
                    let output = spare.withLock { $0.popLast() } ?? ScreenedChunk(slices: workers * 16)
                    output.fill(records, firstIndex: first, screener: screener, risk: risk, workers: workers)
                    guard screened.put(output) else { break }
                    first += records.count
                }
                screened.finish(nil)
            } catch {
                screened.finish(error)
            }
            chunks.cancel()
        }.start()
        defer { screened.cancel() }
        while let output = try screened.next() {
            output.emit(emit)
            progress(output.records, output.alerts)
            spare.withLock { $0.append(output) }
        }
    }
}

/// The result lines of one chunk, screened in slices: one JSON writer and one result buffer per slice,
/// each slice handled by one worker at a time in memory only it touches (raw buffers: slices run at once,
/// and an array property would count as one variable accessed by all of them). There are more slices than
/// workers, taken in turn, so a worker the reader or writer thread holds up does not leave the others
/// waiting. The buffers keep their capacity when the output is reused.
private final class ScreenedChunk: @unchecked Sendable {
    private let writers: UnsafeMutablePointer<JSONWriter>
    private let readings: UnsafeMutablePointer<[ScanReading]>
    /// Per slice: places of records whose sighting another record displaced while the chunk was noted.
    private let displaced: UnsafeMutablePointer<[Int]>
    /// Per slice: its results at level alert.
    private let alertCounts: UnsafeMutablePointer<Int>
    /// Per record of the chunk: whether its clone check must run (see `CloneNote`).
    private var cloneChecks: UnsafeMutableBufferPointer<Bool> = .allocate(capacity: 0)
    private let slices: Int
    /// Slices used by the current chunk (a small chunk is cut into fewer).
    private var used = 0
    /// Records in the current chunk.
    private(set) var records = 0
    /// Alerts in the current chunk.
    var alerts: Int { (0..<used).reduce(0) { $0 + alertCounts[$1] } }

    init(slices: Int) {
        self.slices = slices
        writers = .allocate(capacity: slices)
        readings = .allocate(capacity: slices)
        displaced = .allocate(capacity: slices)
        alertCounts = .allocate(capacity: slices)
        alertCounts.initialize(repeating: 0, count: slices)
        for slice in 0..<slices {
            (writers + slice).initialize(to: JSONWriter(capacity: 1 << 20))
            (readings + slice).initialize(to: [])
            (displaced + slice).initialize(to: [])
        }
    }

    deinit {
        writers.deinitialize(count: slices)
        writers.deallocate()
        readings.deinitialize(count: slices)
        readings.deallocate()
        displaced.deinitialize(count: slices)
        displaced.deallocate()
        alertCounts.deallocate()
        cloneChecks.deallocate()
    }

    /// Screens `records` (numbered from `firstIndex`) on `workers` threads, replacing what it held. Two passes:
    /// the first screens every record and notes its document for clone checks, the second weighs each result
    /// (its clone check then sees the whole chunk noted, as if one thread had gone through it) and writes it.
    /// Only records whose notes met an earlier sighting, or were displaced by one, are checked for clones.
    func fill(
        _ records: [ScreeningRecord], firstIndex: Int, screener: MRZScreener, risk: RiskStage,
        workers: Int
    ) {
        used = max(1, min(slices, records.count / 128))
        let count = records.count
        let used = used
        self.records = count
        if cloneChecks.count < count {
            cloneChecks.deallocate()
            cloneChecks = .allocate(capacity: count)
        }
        @Sendable func range(_ slice: Int) -> Range<Int> { (count * slice / used)..<(count * (slice + 1) / used) }
        forEachSlice(workers: workers) { [self] slice in
            readings[slice].removeAll(keepingCapacity: true)
            displaced[slice].removeAll(keepingCapacity: true)
            func finish(_ begun: ScreenedRecord) {
                let reading = screener.finish(begun)
                readings[slice].append(reading)
                let noted = risk.note(reading, order: begun.index)
                cloneChecks[begun.index - firstIndex] = noted.seenEarlier
                if let order = noted.displaced { displaced[slice].append(order) }
            }
            // Each record is finished (list verdict, clone note) once the next one is read: the memory its
            // lookups need (a key filter block, a register slot, far from the caches) arrives meanwhile.
            var waiting: ScreenedRecord?
            for index in range(slice) {
                let begun = screener.begin(records[index], index: firstIndex + index)
                risk.prefetchNote(begun.document)
                if let previous = waiting.take() { finish(previous) }
                waiting = begun
            }
            if let last = waiting.take() { finish(last) }
        }
        for slice in 0..<used {
            // Places out of the chunk cannot come (earlier chunks hold only earlier places); skipped all the same.
            for order in displaced[slice] where (firstIndex..<firstIndex + count).contains(order) {
                cloneChecks[order - firstIndex] = true
            }
        }
        forEachSlice(workers: workers) { [self] slice in
            let writer = writers + slice
            writer.pointee.reset()
            let first = range(slice).lowerBound
            var alerts = 0
            readings[slice].withUnsafeBufferPointer { sliceReadings in  // borrowed: a copy retains every field
                for offset in sliceReadings.indices {
                    let index = first + offset
                    let assessment = risk.assess(
                        sliceReadings[offset], order: firstIndex + index, checkClone: cloneChecks[index])
                    if assessment.level == .alert { alerts += 1 }
                    ScanResult.write(sliceReadings[offset], risk: assessment, to: &writer.pointee)
                    writer.pointee.newline()
                }
            }
            alertCounts[slice] = alerts
        }
    }

    /// Runs `body` for every used slice on `workers` threads, each taking the next slice in turn.
    private func forEachSlice(workers: Int, _ body: @escaping @Sendable (Int) -> Void) {
        ParallelWork.forEach(used, workers: workers, body)
    }

    /// Hands the result lines to `emit`, slice by slice, in input order.
    func emit(_ emit: (UnsafeRawBufferPointer) -> Void) {
        for slice in 0..<used { writers[slice].withBytes(emit) }
    }
}
