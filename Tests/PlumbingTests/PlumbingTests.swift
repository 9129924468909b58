import Foundation
import Testing

@testable import Plumbing

/// The general pieces: a file read line by line, a pipe between two threads, the model folders.
@Suite final class LineReaderTests {
    private let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("plumbing-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: folder) }

    func lines(of bytes: [UInt8]) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("lines.txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path)
        var lines: [String] = []
        while let line = try reader.next() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(reader.lineNumber == lines.count)
        return lines
    }

    @Test("lines lose their \\n and a trailing \\r; a last line without a newline counts; empty lines stay")
    func lines() throws {
        #expect(try lines(of: Array("a\r\n\nb\nc".utf8)) == ["a", "", "b", "c"])
        #expect(try lines(of: Array("a\n".utf8)) == ["a"])
        #expect(try lines(of: []) == [])
    }

    @Test("a line across the 1 MB chunks comes out whole")
    func acrossChunks() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 17)
        #expect(try lines(of: Array("a\n".utf8) + long + Array("\nb".utf8)).map(\.count) == [1, long.count, 1])
    }

    @Test("a missing file and a folder are failures naming the path")
    func failures() throws {
        #expect {
            try LineReader(path: "/nonexistent/lines.txt")
        } throws: { error in
            if case LineReader.Failure.cannotOpen("/nonexistent/lines.txt")? = error as? LineReader.Failure {
                return true
            }
            return false
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reader = try LineReader(path: folder.path)
        #expect {
            try reader.next()
        } throws: { error in
            if case LineReader.Failure.cannotRead(let path, _)? = error as? LineReader.Failure {
                return path == self.folder.path
            }
            return false
        }
    }
}

struct BoundedPipeTests {
    struct Broken: Error, Equatable {}

    @Test("items arrive in order, then the producer's error")
    func orderThenError() throws {
        let pipe = BoundedPipe<Int>(capacity: 2)
        let producer = Thread {
            for item in 0..<100 { _ = pipe.put(item) }
            pipe.finish(Broken())
        }
        producer.start()
        var taken: [Int] = []
        #expect(throws: Broken()) {
            while let item = try pipe.next() { taken.append(item) }
        }
        #expect(taken == Array(0..<100))
    }

    @Test("a cancelled pipe turns the producer away")
    func cancel() {
        let pipe = BoundedPipe<Int>(capacity: 1)
        #expect(pipe.put(1))
        pipe.cancel()
        #expect(!pipe.put(2))
    }

    @Test("a value under a lock sees every update of every thread")
    func locked() {
        let total = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in total.withLock { $0 += 1 } }
        #expect(total.withLock { $0 } == 1000)
    }
}

struct ModelFoldersTests {
    @Test("docguard's own folders first, then Tesseract's, each once")
    func order() {
        let here = FileManager.default.currentDirectoryPath
        let folders = ModelFolders.searchOrder(environment: ["DOCGUARD_MODELS": "/m", "TESSDATA_PREFIX": "/m"])
        #expect(folders.prefix(2) == ["/m", "\(here)/Models"])
        #expect(folders.last == "/usr/share/tessdata")
        #expect(Set(folders).count == folders.count)
        #expect(ModelFolders.searchOrder(environment: [:]).first == "\(here)/Models")
    }
}
