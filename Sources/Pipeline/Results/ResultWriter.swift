/// Where results go, one at a time in output order: the JSON Lines contract, a CSV for spreadsheets, the
/// HTML report. A run hands every result to each of its writers, then finishes them.
public protocol ResultWriter: AnyObject {
    /// Takes the next result.
    func write(_ result: ScanResult) throws
    /// Completes the output (the report is written here) and reports any write that failed.
    func finish() throws
}

/// The result lines of SPEC.md, one JSON object per line.
public final class JSONLinesWriter: ResultWriter {
    private let output: OutputFile

    /// Writes to `output`.
    public init(_ output: OutputFile) { self.output = output }

    public func write(_ result: ScanResult) throws { output.writeLine(result) }

    public func finish() throws { try output.finish() }
}

/// Hands each result to several writers.
public final class ResultWriters: ResultWriter {
    private let writers: [any ResultWriter]

    /// All of `writers`, in this order.
    public init(_ writers: [any ResultWriter]) { self.writers = writers }

    public func write(_ result: ScanResult) throws {
        for writer in writers { try writer.write(result) }
    }

    public func finish() throws {
        for writer in writers { try writer.finish() }
    }
}
