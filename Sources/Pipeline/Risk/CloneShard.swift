import CMemory
import Foundation
import MRZ
import Synchronization

/// The register's storage: a document's key and holder as compared, and the shards that keep the earliest
/// sighting of each document in flat tables.
extension CloneRegister {
    /// A document's key: 128 bits of its issuing state and number (`CloneRegister.key(_:)`).
    struct Key: Equatable {
        var high: UInt64
        var low: UInt64
        /// Marks a free slot; no document's key is this (`key(_:)` sets a bit of `low`).
        static let free = Key(high: 0, low: 0)
    }

    /// A document's holder as the register compares it: the name as in the `mrz` object (`SURNAME GIVEN
    /// NAMES`) and the birth date.
    struct Holder {
        var surname: String
        var givenNames: String
        /// `YYYYMMDD`, 0 when the birth date does not count.
        var birthDate: Int32

        init(_ document: MRZDocument) {
            surname = document.surname ?? ""
            givenNames = document.givenNames ?? ""
            birthDate = Self.birthDate(document)
        }

        /// `YYYYMMDD` of a birth date whose check digit is right; 0 otherwise.
        private static func birthDate(_ document: MRZDocument) -> Int32 {
            guard document.checks.birthDate == true, let date = document.birthDate else { return 0 }
            return Int32(date.year * 10_000 + date.month * 100 + date.day)
        }

        /// Appends the bytes of `SURNAME GIVEN NAMES` (no space when there are no given names).
        func appendName(to bytes: inout [UInt8]) {
            bytes.append(contentsOf: surname.utf8)
            guard !givenNames.isEmpty else { return }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: givenNames.utf8)
        }

        var name: [UInt8] {
            var bytes: [UInt8] = []
            appendName(to: &bytes)
            return bytes
        }
    }

    /// The earliest sighting of a document, as `Shard.earliest` hands it out.
    struct Sighting {
        var name: [UInt8]
        var birthDate: Int32
        var order: Int
        var source: String?
    }

    /// One lock's share of the documents: an open-addressing table (linear probing, at most 70 % full) in
    /// memory it owns, each slot holding its key beside its sighting, so a probe costs one cache miss; a
    /// `Dictionary` cost several times as much at millions of documents. Slots hold no references, so
    /// noting, growing and freeing never count references. The table is fresh zeroed memory, on 2 MB
    /// pages once large (`docguard_map_table`): a zeroed slot is a free one.
    final class Shard: @unchecked Sendable {
        private struct Slot {
            var key: Key
            var order: Int
            /// The name's bytes in `names`.
            var nameStart: Int
            var nameLength: Int32
            var birthDate: Int32
            /// Index in `sources`; -1 for a screened record, named by its place.
            var source: Int32
        }

        let lock = NSLock()
        private var slots: UnsafeMutablePointer<Slot>
        private var capacity = 256
        /// Where the table is and its capacity less one, for `prefetch`, which reads them without the lock:
        /// only hints (a stale pair points at memory no longer used, which a prefetch may touch harmlessly).
        private let slotsAddress = Atomic<Int>(0), slotsMask = Atomic<Int>(0)
        private var count = 0
        /// The names of the sightings kept, end to end.
        private var names: [UInt8] = []
        private var sources: [String] = []

        init() {
            slots = Self.table(capacity)
            publishTable()
        }

        deinit { docguard_unmap(slots, Self.tableBytes(capacity)) }

        /// A table of `capacity` free slots (all bytes zero: the free key, and nothing else to release).
        private static func table(_ capacity: Int) -> UnsafeMutablePointer<Slot> {
            guard let memory = docguard_map_table(tableBytes(capacity)) else {
                fatalError("out of memory for the clone register (\(capacity) slots)")
            }
            return memory.bindMemory(to: Slot.self, capacity: capacity)
        }

        private static func tableBytes(_ capacity: Int) -> Int { capacity * MemoryLayout<Slot>.stride }

        /// Starts loading the slot where a probe for `key` begins (any thread, no lock).
        func prefetch(_ key: Key) {
            let slot = Int(truncatingIfNeeded: key.high) & slotsMask.load(ordering: .relaxed)
            let address = slotsAddress.load(ordering: .relaxed) &+ slot &* MemoryLayout<Slot>.stride
            docguard_prefetch(UnsafeRawPointer(bitPattern: address))
        }

        private func publishTable() {
            slotsAddress.store(Int(bitPattern: slots), ordering: .relaxed)
            slotsMask.store(capacity - 1, ordering: .relaxed)
        }

        /// The earliest sighting of `key`.
        func earliest(_ key: Key) -> Sighting? {
            guard let slot = find(key) else { return nil }
            let kept = slots[slot]
            return Sighting(
                name: Array(names[kept.nameStart..<kept.nameStart + Int(kept.nameLength)]),
                birthDate: kept.birthDate, order: kept.order, source: kept.source < 0 ? nil : sources[Int(kept.source)])
        }

        /// Keeps the sighting of `holder` at `order` when it is the earliest of its document so far.
        func offer(_ key: Key, _ holder: Holder, order: Int, source: String?) -> CloneNote {
            if (count + 1) * 10 > capacity * 7 { grow() }
            var slot = start(key)
            while slots[slot].key != .free {
                if slots[slot].key == key {
                    let kept = slots[slot].order
                    guard order < kept else { return CloneNote(seenEarlier: order > kept) }
                    slots[slot] = sighting(key, holder, order: order, source: source)
                    return CloneNote(displaced: kept)
                }
                slot = (slot + 1) & (capacity - 1)
            }
            slots[slot] = sighting(key, holder, order: order, source: source)
            count += 1
            return CloneNote()
        }

        /// A slot for `holder`, its name added to the arena.
        private func sighting(_ key: Key, _ holder: Holder, order: Int, source: String?) -> Slot {
            let nameStart = names.count
            holder.appendName(to: &names)
            var sourceIndex: Int32 = -1
            if let source {
                sourceIndex = Int32(sources.count)
                sources.append(source)
            }
            return Slot(
                key: key, order: order, nameStart: nameStart,
                nameLength: Int32(names.count - nameStart), birthDate: holder.birthDate, source: sourceIndex)
        }

        private func find(_ key: Key) -> Int? {
            var slot = start(key)
            while slots[slot].key != .free {
                if slots[slot].key == key { return slot }
                slot = (slot + 1) & (capacity - 1)
            }
            return nil
        }

        private func start(_ key: Key) -> Int { Int(truncatingIfNeeded: key.high) & (capacity - 1) }

        private func grow() {
            let old = slots
            let oldCapacity = capacity
            capacity *= 2
            slots = Self.table(capacity)
            for index in 0..<oldCapacity where old[index].key != .free {
                var slot = start(old[index].key)
                while slots[slot].key != .free { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = old[index]
            }
            docguard_unmap(old, Self.tableBytes(oldCapacity))
            publishTable()
        }
    }
}
