/// What an import did.
public struct ListImportReport: Sendable, Equatable {
    /// Rows that added or replaced a record.
    public var upserted = 0
    /// Withdrawals that removed a stored record.
    public var withdrawn = 0
    /// Withdrawals naming a record that was not stored.
    public var withdrawnUnknown = 0
    /// Rows skipped as bad.
    public var badRows = 0
    /// Whether the list was replaced rather than updated.
    public var replaced = false
    /// The list as it stands after the import.
    public var info = ListInfo(version: "", importedAt: "", records: 0, generation: 0)
}

import Foundation

/// Loads list files into a store: rows stream through in batches (constant memory), bad rows are reported
/// and skipped, and the whole import, key filter included, is one unit in the store — it lands completely
/// or not at all. Files are parsed on a second thread while the store writes the previous batch.
public enum ListImporter {
    /// Changes handed to the store at a time.
    static let batchSize = 10_000

    /// Imports `files` in order into `store`. `version` labels the list; `importedAt` is the time to
    /// record. Each bad row goes to `badRow` as it is met.
    public static func run(
        files: [String], into store: any ListStore, replace: Bool, version: String, importedAt: String,
        badRow: (ListRowProblem) -> Void
    ) throws -> ListImportReport {
        let generation = (try store.info()?.generation ?? 0) + 1
        var report = ListImportReport()
        report.replaced = replace
        try store.withImport(replace: replace) { writer in
            let batches = BoundedPipe<ParsedBatch>()
            let parser = Thread { parse(files, into: batches) }
            parser.stackSize = 1 << 22
            parser.start()
            defer { batches.cancel() }  // stops the parser when the store fails
            var withdrawals = 0
            while let batch = try batches.next() {
                for problem in batch.problems {
                    report.badRows += 1
                    badRow(problem)
                }
                withdrawals += batch.withdrawals
                let applied = try writer.apply(batch.changes)
                report.upserted += applied.upserted
                report.withdrawn += applied.withdrawn
            }
            report.withdrawnUnknown = withdrawals - report.withdrawn
            let records = try writer.recordCount()
            let filter = try KeyFilterBuilder(capacity: records, scratchDirectory: store.scratchDirectory)
            try writer.forEachKey { state, folded in filter.insert(stateBytes: state, foldedNumberBytes: folded) }
            var piece = 0
            try filter.finish { bytes in
                try writer.saveFilterPiece(bytes, number: piece, generation: generation)
                piece += 1
            }
            report.info = ListInfo(version: version, importedAt: importedAt, records: records, generation: generation)
            try writer.finish(info: report.info)
        }
        return report
    }

    /// Reads every file into batches on the calling thread; a read failure ends the pipe with that error.
    private static func parse(_ files: [String], into pipe: BoundedPipe<ParsedBatch>) {
        var batch = ParsedBatch()
        do {
            for file in files {
                let reader = try ListFileReader(path: file)
                while let row = try reader.next() {
                    switch row {
                    case .change(let change):
                        if case .withdraw = change { batch.withdrawals += 1 }
                        batch.changes.append(change)
                    case .problem(let problem):
                        batch.problems.append(problem)
                    }
                    if batch.changes.count >= batchSize {
                        guard pipe.put(batch) else { return }
                        batch = ParsedBatch()
                    }
                }
            }
            if pipe.put(batch) { pipe.finish(nil) }
        } catch {
            pipe.finish(error)
        }
    }
}

/// Rows parsed from the files, in order: changes and the bad rows met among them.
private struct ParsedBatch {
    var changes: [ListChange] = []
    var problems: [ListRowProblem] = []
    var withdrawals = 0
}
