/// Checks documents against a store: the key filter and the ranges are held in memory, so a document that
/// is not listed is answered without touching the database; every possible hit is confirmed there.
public final class ListMatcher: Sendable {
    private let store: any ListStore
    private let filter: KeyFilter?
    private let ranges: RangeIndex
    /// The list consulted.
    public let info: ListInfo?

    /// A matcher over `store` as it stands now (later imports are seen by a new matcher). Throws
    /// `ListError.noList` when no list was ever imported into it: an empty list would clear everything.
    public init(store: any ListStore) throws {
        self.store = store
        guard let info = try store.info() else { throw ListError.noList(store: store.displayName) }
        self.info = info
        filter = try store.loadFilter()
        ranges = RangeIndex(try store.rangeRecords())
    }

    /// Whether a saved key filter is in use (without it, every lookup queries the database).
    public var usesFilter: Bool { filter != nil }

    /// The verdict for a document with this issuing state and number (as read from the MRZ); not checked
    /// when either is missing or not a valid code or number.
    public func verdict(issuingState: String?, documentNumber: String?) throws -> ListVerdict {
        try verdict(for: query(issuingState: issuingState, documentNumber: documentNumber))
    }

    /// Begins the lookup of a document with this issuing state and number: its key normalised, its block
    /// of the key filter on its way into the cache (see `KeyFilter.probe`). Nil when either is missing or
    /// not a valid code or number. A caller with other work to do (reading the next record) does it before
    /// asking for the verdict.
    package func query(issuingState: String?, documentNumber: String?) -> ListQuery? {
        guard let state = issuingState.flatMap(DocumentNumber.state),
            let number = documentNumber.flatMap(DocumentNumber.normalized)
        else { return nil }
        let folded = DocumentNumber.folded(number)
        return ListQuery(
            state: state, number: number, folded: folded, probe: filter?.probe(state: state, foldedNumber: folded))
    }

    /// The verdict for a begun lookup; not checked when there was nothing to look up (nil).
    package func verdict(for query: ListQuery?) throws -> ListVerdict {
        guard let query else {
            return ListVerdict(checked: false, hits: [], listVersion: info?.version, listGeneration: info?.generation)
        }
        var hits = ranges.hits(state: query.state, number: query.number, folded: query.folded)
        if let filter, let probe = query.probe, !filter.mightContain(probe) {
            return ListVerdict(checked: true, hits: hits, listVersion: info?.version, listGeneration: info?.generation)
        }
        hits += try store.records(state: query.state, foldedNumber: query.folded).map { record in
            ListHit(record: record, kind: record.documentNumber == query.number ? .exact : .fuzzy)
        }
        return ListVerdict(checked: true, hits: hits, listVersion: info?.version, listGeneration: info?.generation)
    }

    /// Like `verdict`, but a store failure becomes an unchecked verdict saying why, so a scan is never
    /// lost to a database outage (the risk stage treats an unchecked document as needing a look).
    public func verdictOrUnavailable(issuingState: String?, documentNumber: String?) -> ListVerdict {
        verdictOrUnavailable(for: query(issuingState: issuingState, documentNumber: documentNumber))
    }

    /// Like `verdict(for:)`, but a store failure becomes an unchecked verdict saying why.
    package func verdictOrUnavailable(for query: ListQuery?) -> ListVerdict {
        do {
            return try verdict(for: query)
        } catch {
            return ListVerdict(
                checked: false, hits: [], listVersion: info?.version, listGeneration: info?.generation,
                unavailable: "\(error)")
        }
    }
}

/// A document's lookup, begun by `ListMatcher.query`: the issuing state and number normalised, the folded
/// number, and the key filter's probe.
package struct ListQuery: Sendable {
    let state: String
    let number: String
    let folded: String
    let probe: KeyFilterProbe?
}

/// Opens the store a STORE argument names: a `postgres://` (or `postgresql://`) URL, or else a SQLite
/// file path.
public enum ListStores {
    /// The store at `location`. `create`: a missing SQLite file becomes a new store (imports); otherwise
    /// it is an error, so a mistyped path is never read as an empty list.
    public static func open(_ location: String, create: Bool = false) throws -> any ListStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresListStore(url: location)
        }
        return try SQLiteListStore(path: location, create: create)
    }
}
