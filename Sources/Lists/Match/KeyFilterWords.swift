import CMemory
#if os(Linux)
import Glibc
#endif

/// The words of a key filter, as saved (little-endian), in a mapping that is released with them: fresh
/// memory that a loader fills, or a filter file mapped read-only, whose pages the system shares with its
/// file cache (nothing copied, nothing allocated).
final class KeyFilterWords: @unchecked Sendable {
    /// The first word.
    let base: UnsafePointer<UInt64>
    private let mapping: UnsafeMutableRawPointer
    private let mappedBytes: Int

    /// Room for `count` words, not filled yet (`writableBase`); nil when the memory cannot be had. A large
    /// filter is put on 2 MB pages where the system offers them (`docguard_map_table`): every probe lands
    /// on a random block.
    init?(allocating count: Int) {
        let bytes = max(count, 1) * 8
        guard let mapping = docguard_map_table(bytes) else { return nil }
        self.mapping = mapping
        mappedBytes = bytes
        base = UnsafePointer(mapping.assumingMemoryBound(to: UInt64.self))
    }

    /// The whole of the open file `descriptor` (`bytes` long) mapped read-only and read in at once, its words
    /// starting `wordsOffset` bytes in (a multiple of 8); nil when it cannot be mapped.
    init?(mappingFile descriptor: Int32, bytes: Int, wordsOffset: Int) {
        #if os(Linux)
        let flags = MAP_SHARED | MAP_POPULATE
        #else
        let flags = MAP_SHARED
        #endif
        guard bytes > wordsOffset, wordsOffset % 8 == 0,
              let mapping = mmap(nil, bytes, PROT_READ, flags, descriptor, 0), mapping != MAP_FAILED
        else { return nil }
        self.mapping = mapping
        mappedBytes = bytes
        base = UnsafePointer((mapping + wordsOffset).assumingMemoryBound(to: UInt64.self))
    }

    deinit { docguard_unmap(mapping, mappedBytes) }

    /// The mapping's bytes (for a file: all of it, header included).
    var mappedRegion: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: mapping, count: mappedBytes) }

    /// The words, to fill (only for memory from `init(allocating:)`, before the filter is made).
    var writableBase: UnsafeMutableRawPointer { UnsafeMutableRawPointer(mutating: base) }
}
