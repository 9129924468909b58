/// The listed ranges of stolen blank documents, grouped by issuing state, held in memory: ranges are few
/// (one record covers a whole print run), and every document must be tested against its state's ranges.
public struct RangeIndex: Sendable {
    private var byState: [String: [(range: NumberRange, record: ListRecord)]] = [:]

    /// An index over `records`; records without a valid range are left out.
    public init(_ records: [ListRecord]) {
        for record in records {
            guard let to = record.numberTo, let range = NumberRange(from: record.documentNumber, to: to) else { continue }
            byState[record.issuingState, default: []].append((range, record))
        }
    }

    /// The ranges of `state` holding the normalised `number`: `.range` when it lies inside as read,
    /// `.fuzzy` when only after folding OCR confusions.
    public func hits(state: String, number: String) -> [ListHit] {
        guard let ranges = byState[state] else { return [] }
        let bytes = Array(number.utf8)
        let folded = bytes.map(DocumentNumber.fold)
        return ranges.compactMap { entry in
            entry.range.kind(of: bytes, folded: folded).map { ListHit(record: entry.record, kind: $0) }
        }
    }
}
