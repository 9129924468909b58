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
    /// filter is put on 2 MB pages where the system offers them: every probe lands on a random block, and
    /// with 4 KB pages nearly every probe of a 200 MB filter also misses the TLB.
    init?(allocating count: Int) {
        let bytes = max(count, 1) * 8
        guard let mapping = Self.map(bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1) else { return nil }
        #if os(Linux)
        if bytes >= 4 << 20 { _ = madvise(mapping, bytes, MADV_HUGEPAGE) }  // before the first touch places the pages
        #endif
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
              let mapping = Self.map(bytes, PROT_READ, flags, descriptor)
        else { return nil }
        self.mapping = mapping
        mappedBytes = bytes
        base = UnsafePointer((mapping + wordsOffset).assumingMemoryBound(to: UInt64.self))
    }

    deinit { munmap(mapping, mappedBytes) }

    /// The mapping's bytes (for a file: all of it, header included).
    var mappedRegion: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: mapping, count: mappedBytes) }

    /// The words, to fill (only for memory from `init(allocating:)`, before the filter is made).
    var writableBase: UnsafeMutableRawPointer { UnsafeMutableRawPointer(mutating: base) }

    private static func map(_ bytes: Int, _ protection: Int32, _ flags: Int32, _ descriptor: Int32) -> UnsafeMutableRawPointer? {
        let mapping = mmap(nil, bytes, protection, flags, descriptor, 0)
        guard let mapping, mapping != MAP_FAILED else { return nil }
        return mapping
    }
}
