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
        var order = 0
        var failure: (any Error)?
        try batch.run(files) { reading in
            guard failure == nil else { return }
            do { try writer.write(risk.assessInOrder(reading, order: order)) } catch { failure = error }
            order += 1
        }
        if let failure { throw failure }
        try writer.finish()
    }
}
