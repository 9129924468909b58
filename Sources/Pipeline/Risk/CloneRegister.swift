import Foundation
import MRZ

/// A document seen before with another holder: the CLONE reason's detail.
public struct CloneSighting: Sendable, Equatable {
    /// Where the other holder was seen and what differs, in words.
    public var detail: String
}

/// Remembers who each document (issuing state and number) was seen with, in this run and in earlier
/// results, and tells when the same document turns up with a different holder: one of the two is a
/// clone. Only reads whose number check digit is right take part, names must differ by more than a few
/// characters (OCR slips on names, which no check digit covers), and birth dates count only when their
/// check digit is right.
///
/// Every sighting carries its place in the output order, and a document is a clone only of sightings
/// before it. Workers may note a chunk of documents at once, in any order, and ask afterwards: the answer
/// is the same as one thread going through them in order, so the same run flags the same results.
public final class CloneRegister: @unchecked Sendable {
    private struct Sighting {
        var name: String
        var birthDate: MRZDate?
        var order: Int
        var source: String
    }

    /// One document's sightings, earliest first: the first held inline (most documents are seen once, and
    /// a day's crossings can be millions), the rest, up to `kept`, beside it.
    private struct Sightings {
        var first: Sighting
        var more: [Sighting] = []

        mutating func insert(_ sighting: Sighting) {
            if sighting.order < first.order {
                more.insert(first, at: 0)
                first = sighting
            } else {
                more.insert(sighting, at: more.firstIndex { $0.order > sighting.order } ?? more.endIndex)
            }
            if more.count >= CloneRegister.kept { more.removeLast() }
        }

        /// The earliest sighting before `order` that `accepts`.
        func first(before order: Int, where accepts: (Sighting) -> Bool) -> Sighting? {
            if first.order < order, accepts(first) { return first }
            return more.first { $0.order < order && accepts($0) }
        }
    }

    /// Sightings kept per document: the earliest ones (a document seen with more holders is flagged anyway).
    private static let kept = 8
    private let shards: [Shard]

    private final class Shard: @unchecked Sendable {
        let lock = NSLock()
        var sightings: [String: Sightings] = [:]
    }

    /// An empty register.
    public init() {
        shards = (0..<64).map { _ in Shard() }
    }

    /// Notes `document`, seen at `source` (a file path or `record N`) at place `order` in the output.
    public func note(_ document: MRZDocument, order: Int, source: String) {
        guard let key = Self.key(document) else { return }
        let sighting = Sighting(
            name: Self.name(document), birthDate: document.checks.birthDate == true ? document.birthDate : nil,
            order: order, source: source)
        let shard = shard(for: key)
        shard.lock.lock()
        defer { shard.lock.unlock() }
        if shard.sightings[key]?.insert(sighting) == nil { shard.sightings[key] = Sightings(first: sighting) }
    }

    /// The earliest sighting before place `order` of the same document with a different holder, if any.
    public func sighting(for document: MRZDocument, order: Int) -> CloneSighting? {
        guard let key = Self.key(document) else { return nil }
        let name = Self.name(document)
        let birthDate = document.checks.birthDate == true ? document.birthDate : nil
        let shard = shard(for: key)
        shard.lock.lock()
        let sightings = shard.sightings[key]
        shard.lock.unlock()
        func namesDiffer(_ earlier: Sighting) -> Bool { Self.namesDiffer(earlier.name, name) }
        func birthsDiffer(_ earlier: Sighting) -> Bool {
            if let before = earlier.birthDate, let now = birthDate { return before != now }
            return false
        }
        guard let earlier = sightings?.first(before: order, where: { namesDiffer($0) || birthsDiffer($0) }) else {
            return nil
        }
        let differences = [namesDiffer(earlier) ? "name" : nil, birthsDiffer(earlier) ? "date of birth" : nil]
        return CloneSighting(
            detail: "the same issuing state and document number was seen in \(earlier.source) with a different "
                + differences.compactMap { $0 }.joined(separator: " and "))
    }

    /// Notes every read document of earlier result files (JSON Lines), before anything of this run, so a
    /// clone of one is caught today. Lines that are not results are passed over.
    public func remember(resultsAt path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError.inputNotFound(path) }
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let mrz = object["mrz"] as? [String: Any],
                  let document = Self.document(fromJSON: mrz)
            else { continue }
            let source = (object["file"] as? String).map { "\(path) (\($0))" } ?? "\(path) line \(number)"
            earlierOrder += 1
            note(document, order: earlierOrder, source: source)
        }
    }

    /// Places for earlier results: before every place of this run (which start at 0).
    private var earlierOrder = Int.min / 2

    private func shard(for key: String) -> Shard {
        var hasher = Hasher()
        hasher.combine(key)
        return shards[Int(UInt(bitPattern: hasher.finalize()) % UInt(shards.count))]
    }

    private static func key(_ document: MRZDocument) -> String? {
        guard document.checks.documentNumber == true, let state = document.issuingState,
              let number = document.documentNumber, !number.isEmpty
        else { return nil }
        return state + "/" + number
    }

    private static func name(_ document: MRZDocument) -> String {
        [document.surname, document.givenNames].compactMap { $0 }.joined(separator: " ")
    }

    /// More than a slip: an edit distance above 2, or above a tenth of the longer name.
    static func namesDiffer(_ first: String, _ second: String) -> Bool {
        let a = Array(first.utf8), b = Array(second.utf8)
        return editDistance(a, b) > max(2, max(a.count, b.count) / 10)
    }

    /// Levenshtein distance.
    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The fields the register uses, from a result line's `mrz` object.
    private static func document(fromJSON mrz: [String: Any]) -> MRZDocument? {
        var document = MRZDocument(lines: [])
        document.issuingState = mrz["issuingState"] as? String
        document.documentNumber = mrz["documentNumber"] as? String
        document.surname = mrz["surname"] as? String
        document.givenNames = mrz["givenNames"] as? String
        document.birthDate = (mrz["birthDate"] as? String).flatMap(MRZDate.init(iso:))
        let checks = mrz["checks"] as? [String: Any]
        document.checks.documentNumber = checks?["documentNumber"] as? Bool
        document.checks.birthDate = checks?["birthDate"] as? Bool
        return document
    }
}
