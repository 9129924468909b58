import CMemory

#if os(Linux)
    import Glibc
#endif

/// The words of a key filter, as saved (little-endian), in memory of their own that is released with them,
/// filled by a loader (from the database or the filter file). Never a mapping of a file: a file changed under
/// a mapping would change the filter or crash the process (`KeyFilterFile`).
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

    deinit { docguard_unmap(mapping, mappedBytes) }

    /// The words, to fill (before the filter is made).
    var writableBase: UnsafeMutableRawPointer { UnsafeMutableRawPointer(mutating: base) }
}
