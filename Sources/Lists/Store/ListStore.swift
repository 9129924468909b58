/// Where the stolen/lost list lives. Two implementations with the same behaviour and the same tests:
/// `SQLiteListStore` (a file, the embedded default) and `PostgresListStore` (a server several border
/// posts share). Reads may run on several threads at once.
public protocol ListStore: AnyObject, Sendable {
    /// The store as messages name it (a path, or a URL without its password).
    var displayName: String { get }

    /// A folder on disk for an import's scratch files (the key filter of a large list is built through it).
    var scratchDirectory: String { get }

    /// Runs one import as a single unit: `body` changes the list through the writer; when it returns,
    /// everything is committed at once, and when it throws, the list stays exactly as it was. With
    /// `replace`, the writer starts from an empty list.
    func withImport<Result>(replace: Bool, _ body: (any ListStoreWriter) throws -> Result) throws -> Result

    /// The point records (ranges excluded) of `state` whose number folds to `foldedNumber`: every exact
    /// and OCR-confusion candidate for a number with that folded form.
    func records(state: String, foldedNumber: String) throws -> [ListRecord]

    /// Every range record (those with `numberTo`).
    func rangeRecords() throws -> [ListRecord]

    /// What is loaded; nil for a store no list was ever imported into.
    func info() throws -> ListInfo?

    /// The key filter saved by the last import, or nil when there is none or it was built for another
    /// generation of the list (then every lookup goes to the database).
    func loadFilter() throws -> KeyFilter?
}

/// Changes one store inside an import (see `ListStore.withImport`).
public protocol ListStoreWriter: AnyObject {
    /// Upserts and withdrawals, in file order, each with its file and line.
    func apply(_ rows: [ListImportRow]) throws

    /// What the rows applied so far did (`ListImportCounts`); called once, after the last `apply`.
    func counts() throws -> ListImportCounts

    /// Records in the list as it stands inside the import.
    func recordCount() throws -> Int

    /// Calls `body` with the issuing state and folded number (UTF-8, lent for the call) of every point
    /// record (ranges excluded).
    func forEachKey(_ body: (_ state: UnsafeBufferPointer<UInt8>, _ foldedNumber: UnsafeBufferPointer<UInt8>) -> Void)
        throws

    /// Stores the next piece (`number`, from 0) of the serialized key filter built for list generation
    /// `generation`; piece 0 replaces the filter saved before.
    func saveFilterPiece(_ piece: UnsafeRawBufferPointer, number: Int, generation: Int) throws

    /// Stores the list's info.
    func finish(info: ListInfo) throws
}
