/// Gathers a large sequential output in memory aligned for direct I/O and hands it out in whole buffers,
/// so a file opened with `O_DIRECT` is written straight from memory to the disk, past the page cache (see
/// `OutputFile.init(path:append:direct:)`).
final class DirectWriteBuffer {
    /// Direct I/O wants addresses, sizes and file offsets in multiples of the device's logical block; 4 KB
    /// covers every common device.
    static let alignment = 4096
    private let start: UnsafeMutableRawPointer
    private let capacity: Int
    /// Bytes gathered and not yet handed out.
    private(set) var count = 0

    /// A buffer of `capacity` bytes (rounded up to whole blocks).
    init(capacity: Int = 4 << 20) {
        self.capacity = max(1, (capacity + Self.alignment - 1) / Self.alignment) * Self.alignment
        start = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: Self.alignment)
    }

    deinit { start.deallocate() }

    /// Adds `bytes`; each time the buffer is full, `flush` gets it whole (aligned, whole blocks), and it
    /// starts again empty.
    func append(_ bytes: UnsafeRawBufferPointer, flush: (UnsafeRawBufferPointer) -> Void) {
        var rest = bytes
        while !rest.isEmpty {
            let taken = min(rest.count, capacity - count)
            (start + count).copyMemory(from: rest.baseAddress!, byteCount: taken)
            count += taken
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(taken))
            if count == capacity {
                flush(UnsafeRawBufferPointer(start: start, count: count))
                count = 0
            }
        }
    }

    /// Hands out what is gathered and empties the buffer: first the whole blocks (`blocks`, skipped when
    /// there are none), then the bytes after them (`tail`, possibly empty).
    func drain(blocks: (UnsafeRawBufferPointer) -> Void, tail: (UnsafeRawBufferPointer) -> Void) {
        let whole = count / Self.alignment * Self.alignment
        if whole > 0 { blocks(UnsafeRawBufferPointer(start: start, count: whole)) }
        tail(UnsafeRawBufferPointer(start: start + whole, count: count - whole))
        count = 0
    }
}
