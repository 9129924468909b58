import Foundation
import Testing

@testable import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Moves across file systems (the temporary folder to /dev/shm, a tmpfs): a scan is copied in pieces and
/// whole, a FIFO is made anew and never opened (opening it would wait for a writer forever).
@Suite struct FileMoveTests {
    @Test(.timeLimit(.minutes(1))) func acrossFileSystemsAFileIsCopiedWholeAndAFIFOMadeAnew() throws {
        let here = FileManager.default.temporaryDirectory.appendingPathComponent("move-\(UUID().uuidString)").path
        let there = "/dev/shm/docguard-move-\(UUID().uuidString)"
        for folder in [here, there] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        defer { for folder in [here, there] { try? FileManager.default.removeItem(atPath: folder) } }
        var hereInfo = stat()
        var thereInfo = stat()
        #expect(stat(here, &hereInfo) == 0 && stat(there, &thereInfo) == 0)
        #expect(hereInfo.st_dev != thereInfo.st_dev, "two file systems")

        let bytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        try bytes.write(to: URL(fileURLWithPath: here + "/scan.jpg"))
        try FileMove.move(here + "/scan.jpg", to: there + "/scan.jpg")
        #expect(try Data(contentsOf: URL(fileURLWithPath: there + "/scan.jpg")) == bytes)
        #expect(!FileManager.default.fileExists(atPath: here + "/scan.jpg"))

        try bytes.write(to: URL(fileURLWithPath: here + "/same.jpg"))
        #expect(FileMove.sameContent(here + "/same.jpg", there + "/scan.jpg"))
        var changed = bytes
        changed[changed.count - 1] ^= 1
        try changed.write(to: URL(fileURLWithPath: here + "/other.jpg"))
        #expect(!FileMove.sameContent(here + "/other.jpg", there + "/scan.jpg"))

        #expect(mkfifo(here + "/pipe.jpg", 0o640) == 0)
        try FileMove.move(here + "/pipe.jpg", to: there + "/pipe.jpg")
        var info = stat()
        #expect(lstat(there + "/pipe.jpg", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat(here + "/pipe.jpg", &info) != 0)
    }
}
