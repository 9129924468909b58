import Dispatch
import Foundation
import Lists

/// Screens a stream of MRZ text records on `jobs` threads and hands the result lines back in input order.
/// Three things overlap: a reader thread reads and groups the next records, the workers screen the current
/// chunk (each writing its own lines' JSON), and the caller writes the previous chunk's bytes out.
public enum TextScreening {
    /// Reads every record from `reader`, screens it and calls `emit` with the result lines (JSON Lines
    /// bytes, newline-terminated), in input order. Throws when the input cannot be read or the list store
    /// fails.
    public static func run(reader: MRZTextRecordReader, screener: MRZScreener, jobs: Int,
                           emit: ([UInt8]) -> Void) throws {
        let chunks = BoundedPipe<[MRZTextRecord]>()
        let readerThread = Thread {
            do {
                while true {
                    let records = try reader.nextChunk()
                    guard !records.isEmpty, chunks.put(records) else { break }
                }
                chunks.finish(nil)
            } catch {
                chunks.finish(error)
            }
        }
        readerThread.start()
        defer { chunks.cancel() }
        var next = 1
        let writers = WriterSlots(count: max(1, jobs))  // one output buffer per slice, reused chunk after chunk
        while let records = try chunks.next() {
            let slices = max(1, min(jobs, records.count / 256))
            let failure = Locked<Error?>(nil)
            let first = next
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let range = (records.count * slice / slices)..<(records.count * (slice + 1) / slices)
                writers.use(slice) { writer in
                    writer.reset()
                    do {
                        for index in range {
                            try screener.screen(records[index], index: first + index).write(to: &writer)
                            writer.newline()
                        }
                    } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                    }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            for slice in 0..<slices { writers.use(slice) { emit($0.bytes) } }
            next += records.count
        }
    }
}

/// One JSON writer per slice of a chunk, in memory it owns (a raw buffer: slices run at once, and an
/// array property would count as one variable accessed by all of them). Each slice touches only its own
/// slot; the buffers keep their capacity from chunk to chunk.
private final class WriterSlots: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<JSONWriter>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: JSONWriter(), count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func use(_ slot: Int, _ body: (inout JSONWriter) -> Void) {
        precondition(slot < count)
        body(&slots[slot])
    }
}
