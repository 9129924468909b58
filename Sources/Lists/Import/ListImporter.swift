import Foundation
import Plumbing

/// What an import did.
public struct ListImportReport: Sendable, Equatable {
    /// Rows that added or replaced a record (a row repeating an id of its file is counted in `repeatedIDs`).
    public var upserted = 0
    /// Withdrawals that removed a stored record.
    public var withdrawn = 0
    /// Withdrawals naming a record that was not stored.
    public var withdrawnUnknown = 0
    /// Rows skipped as bad.
    public var badRows = 0
    /// Rows whose record_id came earlier in the same file (applied over the earlier row: the last row stays).
    public var repeatedIDs = 0
    /// The first repeats, each as where it is and which line it repeats (for the operator to fix the file).
    public var repeatedRows: [ListRowProblem] = []
    /// Whether the list was replaced rather than updated.
    public var replaced = false
    /// The list as it stands after the import.
    public var info = ListInfo(version: "", importedAt: "", records: 0, generation: 0)
}

/// What an import may do to the list only when the operator says so. An empty or header-only file, or one
/// whose rows are all bad, would otherwise leave a list that clears every stolen document.
public struct ListImportSafety: Sendable, Equatable {
    /// Whether the import may leave the list with no records at all.
    public var allowEmpty = false
    /// Whether a `--replace` may keep fewer than `keptShare` of the records the list had.
    public var allowShrink = false
    /// The share of the previous records a replace must keep unless shrinking is allowed: one half.
    public static let keptShare = 0.5

    /// Refuses nothing the operator did not allow.
    public init(allowEmpty: Bool = false, allowShrink: Bool = false) {
        self.allowEmpty = allowEmpty
        self.allowShrink = allowShrink
    }

    /// Why an import that leaves `records` records, where the list had `before`, is refused; nil when it may
    /// go on. Only a replace is held to `keptShare`: a delta removes only the records it names one by one.
    func refusal(records: Int, before: Int, replace: Bool, badRows: Int) -> String? {
        if records == 0 && !allowEmpty {
            let bad = badRows > 0 ? ", \(badRows) bad row\(badRows == 1 ? "" : "s") skipped" : ""
            return "the list would be left with no records (\(before) before\(bad)); "
                + "if an empty list is meant, run again with --allow-empty"
        }
        if replace && !allowShrink && records > 0 && Double(records) < Double(before) * Self.keptShare {
            return "the new list has \(records) records, fewer than half of the \(before) it replaces; "
                + "if that is meant, run again with --allow-shrink"
        }
        return nil
    }
}

/// Loads list files into a store: rows stream through in batches (constant memory), bad rows are reported
/// and skipped, and the whole import, key filter included, is one unit in the store — it lands completely
/// or not at all. Files are parsed on a second thread while the store writes the previous batch.
public enum ListImporter {
    /// Rows handed to the store at a time.
    static let batchSize = 10_000

    /// Imports `files` in order into `store`. `version` labels the list; `importedAt` is the time to
    /// record. Each bad row goes to `badRow` as it is met; `rowsRead` hears, after each batch is stored, how
    /// many rows (good and bad) it held. An import that would empty the list or shrink it by more than
    /// `safety` allows throws `ListError.refusedImport` and changes nothing.
    public static func run(
        files: [String], into store: any ListStore, replace: Bool, version: String, importedAt: String,
        safety: ListImportSafety = ListImportSafety(), rowsRead: (Int) -> Void = { _ in },
        badRow: (ListRowProblem) -> Void
    ) throws -> ListImportReport {
        let before = try store.info()
        let generation = (before?.generation ?? 0) + 1
        var report = ListImportReport()
        report.replaced = replace
        try store.withImport(replace: replace) { writer in
            let batches = BoundedPipe<ParsedBatch>()
            let parser = Thread { parse(files, into: batches) }
            parser.stackSize = 1 << 22
            parser.start()
            defer { batches.cancel() }  // stops the parser when the store fails
            while let batch = try batches.next() {
                for problem in batch.problems {
                    report.badRows += 1
                    badRow(problem)
                }
                try writer.apply(batch.rows)
                rowsRead(batch.rows.count + batch.problems.count)
            }
            let counts = try writer.counts()
            report.upserted = counts.upserted
            report.withdrawn = counts.withdrawn
            report.withdrawnUnknown = counts.withdrawnUnknown
            report.repeatedIDs = counts.repeated
            report.repeatedRows = counts.repeats.map {
                ListRowProblem(
                    file: files[$0.file], line: $0.line,
                    reason: "record_id already given on line \($0.earlierLine); the later row stands")
            }
            let records = try writer.recordCount()
            if let refusal = safety.refusal(
                records: records, before: before?.records ?? 0, replace: replace, badRows: report.badRows)
            {
                throw ListError.refusedImport(store: store.displayName, reason: refusal)
            }
            report.info = ListInfo(version: version, importedAt: importedAt, records: records, generation: generation)
            try seal(writer, store: store, info: report.info)
        }
        return report
    }

    /// The end of every change to a store (import and sync): builds the key filter of the list as `writer`
    /// holds it, saves it for `info.generation`, and records `info`.
    static func seal(_ writer: any ListStoreWriter, store: any ListStore, info: ListInfo) throws {
        let filter = try KeyFilterBuilder(capacity: info.records, scratchDirectory: store.scratchDirectory)
        try writer.forEachKey { state, folded in filter.insert(stateBytes: state, foldedNumberBytes: folded) }
        var piece = 0
        try filter.finish { bytes in
            try writer.saveFilterPiece(bytes, number: piece, generation: info.generation)
            piece += 1
        }
        try writer.finish(info: info)
    }

    /// Reads every file into batches on the calling thread; a read failure ends the pipe with that error.
    private static func parse(_ files: [String], into pipe: BoundedPipe<ParsedBatch>) {
        var batch = ParsedBatch()
        do {
            for (index, file) in files.enumerated() {
                let reader = try ListFileReader(path: file)
                while let row = try reader.next() {
                    switch row {
                    case .change(let change, let line):
                        batch.rows.append(ListImportRow(change: change, file: index, line: line))
                    case .problem(let problem):
                        batch.problems.append(problem)
                    }
                    if batch.rows.count >= batchSize {
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
    var rows: [ListImportRow] = []
    var problems: [ListRowProblem] = []
}
