import Dispatch

/// Screens a stream of MRZ text records on `jobs` threads, a chunk at a time, and hands the result lines
/// back in input order.
public enum TextScreening {
    /// Reads every record from `reader`, screens it and calls `emit` with each result line's JSON, in order.
    /// Throws when the input cannot be read or the list store fails.
    public static func run(reader: MRZTextRecordReader, screener: MRZScreener, jobs: Int,
                           emit: (JSONValue) -> Void) throws {
        var next = 1
        while true {
            let records = try reader.nextChunk()
            if records.isEmpty { return }
            let slices = max(1, min(jobs, records.count / 256))
            let outputs = Locked([[JSONValue]](repeating: [], count: slices))
            let failure = Locked<Error?>(nil)
            let first = next
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let range = (records.count * slice / slices)..<(records.count * (slice + 1) / slices)
                var lines: [JSONValue] = []
                lines.reserveCapacity(range.count)
                do {
                    for index in range { lines.append(try screener.screen(records[index], index: first + index).json) }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
                outputs.withLock { $0[slice] = lines }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            for lines in outputs.withLock({ $0 }) { lines.forEach(emit) }
            next += records.count
        }
    }
}
