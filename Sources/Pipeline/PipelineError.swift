import Lists

/// Operational failures of the pipeline; each description tells a person what to do.
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    /// A path given to scan does not exist.
    case inputNotFound(String)
    /// A file could not be written.
    case cannotWrite(String, String)
    /// A file given to screen with PAXLST files is no PAXLST file (MRZ text is screened one file at a time).
    case notPaxlst(String)
    /// Watch mode's journal could not be opened, read or written.
    case journal(path: String, operation: String, reason: String)
    /// Watch mode's journal names a state this docguard does not know (written by another version?).
    case journalState(journal: String, scan: Int64, state: String)
    /// The forwarding outbox (`RESULTS.outbox`) or the results file it follows could not be used.
    case outbox(path: String, operation: String, reason: String)
    /// The results file is shorter than what was already forwarded from it: it was replaced or cut.
    case resultsShrank(path: String, forwarded: Int64, size: Int64)
    /// A post with `sync_from` holds no list yet, and its first sync from the centre failed.
    case firstSync(store: String, central: String, reason: String)

    public var description: String {
        switch self {
        case .inputNotFound(let path): return "\(path): no such file or folder"
        case .cannotWrite(let path, let why): return "\(path): cannot write (\(why))"
        case .notPaxlst(let path):
            return "\(path): not a PAXLST file; screen takes PAXLST files (one or many) or one MRZ text file"
        case .journal(let path, let operation, let reason):
            return "\(path): watch journal: cannot \(operation) (\(reason)); check that this is docguard's journal "
                + "(RESULTS.journal) on a writable disk"
        case .journalState(let journal, let scan, let state):
            return "\(journal): scan \(scan) is in the unknown state \"\(ListError.excerpt(state))\" (a journal "
                + "of another docguard version?); nothing was moved: finish it with that version, or check its "
                + "work folder by hand"
        case .outbox(let path, let operation, let reason):
            return "\(path): forwarding outbox: cannot \(operation) (\(reason))"
        case .resultsShrank(let path, let forwarded, let size):
            return "\(path): the results file holds \(size) bytes but \(forwarded) were forwarded from it already "
                + "(replaced or cut?); forwarding stopped: restore the file, or move RESULTS.outbox aside to forward "
                + "the file again from its start (the centre drops what it holds already)"
        case .firstSync(let store, let central, let reason):
            return "\(store): the post holds no list yet and its first sync from \(central) failed (\(reason)); "
                + "nothing is screened without a list: restore the link to the centre and start again, or import "
                + "a list into the store by hand"
        }
    }
}

extension PipelineError {
    /// Runs a file operation on `path`; a Foundation failure becomes `.cannotWrite` with the system's reason.
    static func writing<T>(_ path: String, _ body: () throws -> T) throws -> T {
        try wrapping({ .cannotWrite(path, $0) }, body)
    }

    /// Runs `body`; a failure that is not already a `PipelineError` becomes `failure` of its one-line reason
    /// (`SystemErrorReason`), never a Swift type dump.
    static func wrapping<T>(_ failure: (_ reason: String) -> PipelineError, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PipelineError {
            throw error
        } catch {
            throw failure(SystemErrorReason.text(error))
        }
    }
}
