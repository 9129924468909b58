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
    /// `folded` is `DocumentNumber.folded(number)`, which the caller has already made for its filter probe.
    public func hits(state: String, number: String, folded: String) -> [ListHit] {
        guard let ranges = byState[state] else { return [] }
        var number = number, folded = folded
        return number.withUTF8 { bytes in
            folded.withUTF8 { foldedBytes in
                ranges.compactMap { entry in
                    entry.range.kind(of: bytes, folded: foldedBytes).map { ListHit(record: entry.record, kind: $0) }
                }
            }
        }
    }
}
