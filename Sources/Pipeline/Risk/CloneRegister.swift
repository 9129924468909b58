import Foundation
import MRZ
import Plumbing

/// A document seen before with another holder: the CLONE reason's detail.
public struct CloneSighting: Sendable, Equatable {
    /// Where the other holder was seen and what differs, in words.
    public var detail: String
}

/// What noting a document learnt. A caller that notes a whole chunk before assessing any of it can skip
/// the clone check of every document that neither met an earlier sighting nor was displaced: nearly all.
public struct CloneNote: Sendable, Equatable {
    /// A sighting of the same document came before this one: its clone check must run.
    public var seenEarlier = false
    /// This sighting came before the one kept so far (they were noted out of order); the kept one's place,
    /// whose clone check must now run too.
    public var displaced: Int?
}

/// Remembers who each document (issuing state and number) was first seen with, in this run and in earlier
/// results, and tells when the same document turns up later with a different holder: one of the two is a
/// clone. Only reads whose number check digit is right take part, names must differ by more than a few
/// characters (OCR slips on names, which no check digit covers), and birth dates count only when their
/// check digit is right.
///
/// Every sighting carries its place in the output order, and the register keeps the earliest per
/// document. Workers may note a chunk of documents at once, in any order, and ask afterwards: the answer
/// is the same as one thread going through them in order, so the same run flags the same results. A day's
/// crossings can be millions of documents, so a sighting is kept small and flat (no reference counting):
/// a 128-bit key, the name in the shard's byte arena, the birth date packed, the place, and the source only
/// when it is not the place itself.
public final class CloneRegister: @unchecked Sendable {
    /// The shards, held for the register's life and reached without counting references (`withShard`):
    /// every note of every worker would count them on the same few objects, whose counts then bounce
    /// between the cores.
    private let shards: [Unmanaged<Shard>]
    /// Places for earlier results: before every place of this run (which are not negative).
    private var earlierOrder = Int.min / 2

    /// An empty register. Sixteen shards keep the locks of a few workers apart and let each shard's table
    /// grow big enough for 2 MB pages (4 MB from about 60 000 documents a shard).
    public init() {
        shards = (0..<16).map { _ in Unmanaged.passRetained(Shard()) }
    }

    deinit {
        for shard in shards { shard.release() }
    }

    /// Notes `document`, seen at `source` (a file path; nil for a screened record, named by its place) at
    /// place `order` in the output. Says whose clone checks this sighting makes necessary.
    @discardableResult
    public func note(_ document: MRZDocument, order: Int, source: String?) -> CloneNote {
        guard let key = Self.key(document) else { return CloneNote() }
        let holder = Holder(document)
        return withShard(for: key) { shard in
            shard.lock.lock()
            defer { shard.lock.unlock() }
            return shard.offer(key, holder, order: order, source: source)
        }
    }

    /// Starts loading the memory that noting `document` will look at, without waiting: a register of a day's
    /// documents is far larger than the caches. A caller with other work to do does it before `note`.
    public func prefetch(_ document: MRZDocument) {
        guard let key = Self.key(document) else { return }
        withShard(for: key) { $0.prefetch(key) }
    }

    /// The earliest sighting of the same document, when it came before place `order` with a different holder.
    public func sighting(for document: MRZDocument, order: Int) -> CloneSighting? {
        guard let key = Self.key(document) else { return nil }
        let found = withShard(for: key) { shard in
            shard.lock.lock()
            defer { shard.lock.unlock() }
            return shard.earliest(key)
        }
        guard let earlier = found, earlier.order < order else { return nil }
        let holder = Holder(document)
        var differences: [String] = []
        if Self.namesDiffer(earlier.name, holder.name) {
            differences.append("name")
        }
        if earlier.birthDate != 0, holder.birthDate != 0, earlier.birthDate != holder.birthDate {
            differences.append("date of birth")
        }
        guard !differences.isEmpty else { return nil }
        let place = earlier.source ?? "record \(earlier.order)"
        return CloneSighting(
            detail: "the same issuing state and document number was seen in \(place) with a different "
                + differences.joined(separator: " and "))
    }

    /// Notes every read document of earlier result files (JSON Lines), before anything of this run, so a
    /// clone of one is caught today. Lines that are not result lines, or have no `mrz`, are passed over.
    public func remember(resultsAt path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError.inputNotFound(path) }
        var number = 0
        for bytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard let line = try? ResultLine(parsing: bytes), let mrz = line.mrz else { continue }
            let source = line.file.map { "\(path) (\($0))" } ?? "\(path) line \(number)"
            earlierOrder += 1
            note(Self.document(mrz), order: earlierOrder, source: source)
        }
    }

    private func withShard<Result>(for key: Key, _ body: (Shard) -> Result) -> Result {
        shards[Int((key.low >> 1) % UInt64(shards.count))]._withUnsafeGuaranteedRef(body)
    }

    /// Two FNV-1a hashes of `STATE/NUMBER` with different offsets: 128 bits, so two documents of a day (or a
    /// year) never share a key by chance.
    private static func key(_ document: MRZDocument) -> Key? {
        // A number read from an MRZ counts when its check digit holds; one sent as data (API, no lines) always.
        guard document.checks.documentNumber ?? document.lines.isEmpty, let state = document.issuingState,
            let number = document.documentNumber, !number.isEmpty
        else { return nil }
        var hash = (high: UInt64(0xCBF2_9CE4_8422_2325), low: UInt64(0x6C62_272E_07BB_0142))
        Self.mix(state, into: &hash)
        Self.mix("/", into: &hash)
        Self.mix(number, into: &hash)
        return Key(high: hash.high, low: hash.low | 1)
    }

    private static func mix(_ text: String, into hash: inout (high: UInt64, low: UInt64)) {
        var text = text
        var (high, low) = hash
        text.withUTF8 { bytes in
            for byte in bytes {
                high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 0x9E37_79B9_7F4A_7C15
            }
        }
        hash = (high, low)
    }

    /// More than a slip: an edit distance above 2, or above a tenth of the longer name.
    static func namesDiffer(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a != b && EditDistance.between(a, b) > max(2, max(a.count, b.count) / 10)
    }

    /// The fields the register uses, from a result line's `mrz` object.
    private static func document(_ mrz: ResultLine.MRZFields) -> MRZDocument {
        var document = MRZDocument(lines: [])
        document.issuingState = mrz.issuingState
        document.documentNumber = mrz.documentNumber
        document.surname = mrz.surname
        document.givenNames = mrz.givenNames
        document.birthDate = mrz.birthDate
        // Lines with no number check are no sure number; no lines at all is a number sent as data (API).
        document.checks.documentNumber = mrz.documentNumberCheck ?? (mrz.lines.isEmpty ? nil : false)
        document.checks.birthDate = mrz.birthDateCheck
        return document
    }
}
