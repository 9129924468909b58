import Plumbing

/// The whole pipeline over image files, top to bottom: ingest → locate MRZ → OCR → parse → validate →
/// list lookup (`BatchScanner`, in parallel, one engine per worker), then risk → emit, one result at a
/// time in output order (sorted by path), so clone checks and every output are the same run after run.
public struct ScanRun: Sendable {
    /// Reads the files.
    public var batch: BatchScanner
    /// Weighs each result.
    public var risk: RiskStage

    /// A run of `batch`, weighed by `risk`.
    public init(batch: BatchScanner, risk: RiskStage) {
        self.batch = batch
        self.risk = risk
    }

    /// Scans `files` and hands every result, weighed, to `writer`, then finishes it. Throws when an engine
    /// cannot be made or an output cannot be written.
    public func run(_ files: [String], writer: any ResultWriter) throws {
        let emitter = Locked(OrderedEmitter(writer: writer))
        let risk = risk
        try batch.run(files) { result in
            emitter.withLock { emitter in
                guard emitter.failure == nil else { return }
                var result = result
                risk.assessInOrder(&result, order: emitter.next)
                emitter.next += 1
                do { try emitter.writer.write(result) } catch { emitter.failure = error }
            }
        }
        try emitter.withLock { emitter in
            if let failure = emitter.failure { throw failure }
            try emitter.writer.finish()
        }
    }
}

/// The emit end of a run: the writer, the next place in the output, and the first write that failed.
private struct OrderedEmitter {
    var writer: any ResultWriter
    var next = 0
    var failure: (any Error)?
}
