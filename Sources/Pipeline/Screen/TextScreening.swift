import Dispatch

/// Screens a stream of MRZ text records on `jobs` threads, a chunk at a time, and hands the result lines
/// back in input order. Each worker also writes its lines' JSON, so only the copying out is serial.
public enum TextScreening {
    /// Reads every record from `reader`, screens it and calls `emit` with the result lines (JSON Lines
    /// bytes, newline-terminated), in input order. Throws when the input cannot be read or the list store
    /// fails.
    public static func run(reader: MRZTextRecordReader, screener: MRZScreener, jobs: Int,
                           emit: ([UInt8]) -> Void) throws {
        var next = 1
        while true {
            let records = try reader.nextChunk()
            if records.isEmpty { return }
            let slices = max(1, min(jobs, records.count / 256))
            let outputs = Locked([[UInt8]](repeating: [], count: slices))
            let failure = Locked<Error?>(nil)
            let first = next
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let range = (records.count * slice / slices)..<(records.count * (slice + 1) / slices)
                var writer = JSONWriter()
                do {
                    for index in range {
                        writer.write(try screener.screen(records[index], index: first + index).json)
                        writer.newline()
                    }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
                let bytes = writer.bytes
                outputs.withLock { $0[slice] = bytes }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            for bytes in outputs.withLock({ $0 }) { emit(bytes) }
            next += records.count
        }
    }
}
