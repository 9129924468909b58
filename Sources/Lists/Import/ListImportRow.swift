/// One row of an import that changes the list, with where it stands: its file (0-based, in the order the
/// import was given its files) and 1-based line.
public struct ListImportRow: Sendable, Equatable {
    /// The change the row makes.
    public var change: ListChange
    /// The file's position among the import's files.
    public var file: Int
    /// The row's line in its file.
    public var line: Int

    /// The record id the row names.
    var recordID: String {
        switch change {
        case .upsert(let record): record.recordID
        case .withdraw(let recordID): recordID
        }
    }
}

/// What an import's rows did, each row counted once. A row whose record_id already came earlier in the same
/// file is a repeat: it is applied over the earlier row (so the file's last row for an id is what stays), and
/// counted as a repeat only, so that `upserted` counts records, not rows.
public struct ListImportCounts: Sendable, Equatable {
    /// Rows (repeats excepted) that added or replaced a record.
    public var upserted = 0
    /// Withdrawals (repeats excepted) that removed a stored record.
    public var withdrawn = 0
    /// Withdrawals (repeats excepted) naming a record that was not stored.
    public var withdrawnUnknown = 0
    /// Rows repeating a record_id given earlier in the same file.
    public var repeated = 0
    /// The first `shownRepeats` repeats by file and line.
    public var repeats: [ListRepeatedRow] = []

    /// Repeats kept in `repeats` (the count goes on).
    public static let shownRepeats = 100

    /// Counts with nothing counted yet.
    public init() {}

    /// Counts one repeat.
    mutating func addRepeat(file: Int, line: Int, earlierLine: Int) {
        repeated += 1
        if repeats.count < Self.shownRepeats {
            repeats.append(ListRepeatedRow(file: file, line: line, earlierLine: earlierLine))
        }
    }
}

/// A row repeating a record_id: its file (position among the import's files), its line, and the line of the
/// same file that gave the id before it.
public struct ListRepeatedRow: Sendable, Equatable {
    public var file: Int
    public var line: Int
    public var earlierLine: Int
}
