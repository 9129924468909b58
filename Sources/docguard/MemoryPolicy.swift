import CMemory

/// Page images are large (a 12-megapixel photo is 12 MB grey, more while it decodes) and each worker thread has its
/// own malloc arena. With glibc's default, the size from which a block is mapped on its own rises to the largest
/// block freed, so later images come from the arenas and their memory stays with the process after the scan: two
/// workers on 12 MP photos held 240–280 MB at peak, 185–200 MB with the threshold fixed at 4 MB. (At 1 MB the
/// smaller blocks of every scan are mapped afresh too, which costs clean 300 dpi pages system time; at 16 MB the
/// 12 MB photo pages stay in the arenas.)
enum MemoryPolicy {
    /// Blocks of this many bytes or more are mapped on their own and returned to the system when freed.
    static let mappedBlockBytes: Int32 = 4 << 20

    /// Fixes the threshold; called before any worker starts.
    static func returnLargeBlocksWhenFreed() {
        docguard_map_blocks_from(mappedBlockBytes)
    }
}
