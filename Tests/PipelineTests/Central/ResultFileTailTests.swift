import Foundation
import Testing

@testable import Pipeline

/// Complete lines after an offset, as the forwarder takes them from a results file being appended to.
struct ResultFileTailTests {
    let scratch = ScratchFolder("tail")

    @Test func batchesOfCompleteLinesAndWhetherMoreWait() throws {
        let path = try scratch.newFolder().appendingPathComponent("r.jsonl").path
        let long = String(repeating: "x", count: 3 << 20)  // longer than one read
        try "a\n\(long)\nccc\ndd".write(toFile: path, atomically: true, encoding: .utf8)
        let first = try ResultFileTail.read(path, from: 0, maxLines: 2)
        #expect(first.lines.map(\.count) == [1, long.count] && !first.reachedEnd)
        let second = try ResultFileTail.read(path, from: first.end, maxLines: 2)
        #expect(second.lines.map { String(decoding: $0, as: UTF8.self) } == ["ccc"] && second.reachedEnd)
        #expect(second.end == Int64(2 + long.count + 1 + 4))  // "dd" has no newline yet
        #expect(ResultFileTail.countLines(path, from: 0) == (3, second.end))
        #expect(try ResultFileTail.read(path, from: second.end, maxLines: 2).lines.isEmpty)
        #expect(throws: PipelineError.self) { try ResultFileTail.read(path, from: 1 << 30, maxLines: 2) }
    }

    @Test func noFileYetIsNothingToSend() throws {
        let path = try scratch.newFolder().appendingPathComponent("none.jsonl").path
        let tail = try ResultFileTail.read(path, from: 0, maxLines: 10)
        #expect(tail.lines.isEmpty && tail.end == 0)
    }
}
