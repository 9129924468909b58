import Foundation
import Testing

@testable import Pipeline

struct OutputFileTests {
    private let scratch = ScratchFolder("output-file")

    /// Bytes that show where they came from: a line number and a run of letters, lines of varying length.
    private func lines(_ count: Int, from first: Int) -> [UInt8] {
        (first..<first + count).flatMap { index in
            Array("\(index) \(String(repeating: "ABCDEFGHIJ", count: index % 13))\n".utf8)
        }
    }

    @Test("direct output writes exactly the bytes ordinary output writes, for any size and mix of writes")
    func directOutputWritesTheSameBytes() throws {
        var folders = [try scratch.newFolder().path]
        if FileManager.default.fileExists(atPath: "/dev/shm") { folders.append("/dev/shm") }  // tmpfs too
        for folder in folders {
            for sizes in [[0], [1], [4095], [4096], [4097], [70_000, 3, 4096 * 300, 1], [5 << 20, 17]] {
                var expected: [UInt8] = []
                let path = (folder as NSString).appendingPathComponent("direct-\(UUID().uuidString).jsonl")
                defer { try? FileManager.default.removeItem(atPath: path) }
                let output = try OutputFile(path: path, direct: true)
                for (index, size) in sizes.enumerated() {
                    let bytes = Array(lines(size / 8 + 1, from: index * 1_000_000).prefix(size))
                    expected += bytes
                    bytes.withUnsafeBytes { output.write(bytes: $0) }
                    output.writeLine(JSONValue.int(index))
                    expected += Array("\(index)\n".utf8)
                }
                try output.finish()
                let written = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(written == Data(expected), "\(folder), writes of \(sizes)")
            }
        }
    }

    @Test("the direct buffer hands out only whole aligned buffers until drained, then whole blocks and the tail")
    func directBufferHandsOutAlignedBlocks() {
        let buffer = DirectWriteBuffer(capacity: 3 * DirectWriteBuffer.alignment)
        var flushed: [[UInt8]] = []
        let input = lines(4_000, from: 0)
        input.withUnsafeBytes { bytes in
            for start in stride(from: 0, to: bytes.count, by: 1_000) {
                buffer.append(UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + 1_000)])) {
                    full in
                    #expect(Int(bitPattern: full.baseAddress) % DirectWriteBuffer.alignment == 0)
                    flushed.append(Array(full))
                }
            }
        }
        #expect(flushed.allSatisfy { $0.count == 3 * DirectWriteBuffer.alignment })
        var blocks: [UInt8] = []
        var tail: [UInt8] = []
        buffer.drain(blocks: { blocks = Array($0) }, tail: { tail = Array($0) })
        #expect(blocks.count % DirectWriteBuffer.alignment == 0 && tail.count < DirectWriteBuffer.alignment)
        #expect(flushed.flatMap { $0 } + blocks + tail == input)
        #expect(buffer.count == 0)
    }
}
