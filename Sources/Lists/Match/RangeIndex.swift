/// The listed ranges of stolen blank documents, held in memory and indexed so that testing a document
/// costs a few hash lookups however many ranges its state has (a list of INTERPOL's size holds hundreds
/// of thousands of print runs).
///
/// A number can fall in a range only where it splits into the range's prefix and a serial of the range's
/// width, so ranges are grouped by state, folded prefix and width, and sorted by first serial: a document
/// looks up one group per width its state's ranges use and walks back from the last range starting at or
/// below its serial. Grouping by the folded prefix finds the ranges a number lies in as read and those
/// it lies in only after folding OCR confusions alike (a number in a range as read is in it folded too).
public struct RangeIndex: Sendable {
    private struct Group: Hashable {
        var state: String
        var foldedPrefix: [UInt8]
        var width: Int
    }

    private struct Entry {
        var range: NumberRange
        var record: ListRecord
        /// The largest last serial of this entry and every one before it in the group: the walk back stops
        /// once it is below the serial sought.
        var reach: UInt64
    }

    /// Each group's entries, sorted by first serial.
    private var groups: [Group: [Entry]] = [:]
    /// The serial widths each state's ranges use.
    private var widths: [String: [Int]] = [:]

    /// An index over `records`; records without a valid range are left out.
    public init(_ records: [ListRecord]) {
        var grouped: [Group: [(range: NumberRange, record: ListRecord)]] = [:]
        for record in records {
            guard let to = record.numberTo, let range = NumberRange(from: record.documentNumber, to: to) else {
                continue
            }
            let group = Group(
                state: record.issuingState, foldedPrefix: range.prefix.utf8.map(DocumentNumber.fold), width: range.width
            )
            grouped[group, default: []].append((range, record))
        }
        for (group, members) in grouped {
            var reach: UInt64 = 0
            groups[group] = members.sorted {
                ($0.range.first, $0.record.recordID) < ($1.range.first, $1.record.recordID)
            }.map {
                reach = max(reach, $0.range.last)
                return Entry(range: $0.range, record: $0.record, reach: reach)
            }
        }
        for group in grouped.keys { widths[group.state, default: []].append(group.width) }
        for state in widths.keys { widths[state] = Array(Set(widths[state]!)).sorted() }
    }

    /// The ranges of `state` holding the normalised `number`: `.range` when it lies inside as read,
    /// `.fuzzy` when only after folding OCR confusions.
    /// `folded` is `DocumentNumber.folded(number)`, which the caller has already made for its filter probe.
    public func hits(state: String, number: String, folded: String) -> [ListHit] {
        guard let stateWidths = widths[state] else { return [] }
        var number = number
        var folded = folded
        return number.withUTF8 { bytes in
            folded.withUTF8 { foldedBytes in
                var hits: [ListHit] = []
                for width in stateWidths where width <= foldedBytes.count {
                    let cut = foldedBytes.count - width
                    guard let serial = NumberRange.serial(foldedBytes[cut...]),
                        let entries = groups[
                            Group(state: state, foldedPrefix: Array(foldedBytes[..<cut]), width: width)]
                    else { continue }
                    var index = Self.firstStartingAfter(serial, in: entries)
                    while index > 0, entries[index - 1].reach >= serial {
                        index -= 1
                        if let kind = entries[index].range.kind(of: bytes, folded: foldedBytes) {
                            hits.append(ListHit(record: entries[index].record, kind: kind))
                        }
                    }
                }
                return hits
            }
        }
    }

    /// The index of the first entry whose range starts above `serial` (binary search).
    private static func firstStartingAfter(_ serial: UInt64, in entries: [Entry]) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].range.first <= serial { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
