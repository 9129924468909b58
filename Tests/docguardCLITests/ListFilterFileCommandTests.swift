import Foundation
import TestSupport
import Testing

/// The store's filter file rewritten in place while a screening runs: the run neither crashes nor loses a hit.
@Suite struct ListFilterFileCommandTests {
    @Test func aFilterFileRewrittenInPlaceUnderARunningScreenChangesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("lists.sqlite").path
        // Enough records that the filter spans many pages, so a probe lands past a cut-short file's end.
        var list = "record_id,issuing_state,document_number,status\nR-1,UTO,L898902C3,stolen\n"
        for index in 0..<20_000 { list += "F-\(index),UTO,Q\(100_000 + index),lost\n" }
        let listPath = folder.appendingPathComponent("list.csv")
        try Data(list.utf8).write(to: listPath)
        #expect(try Docguard.run(["lists", "import", listPath.path, "--store", store]).status == 0)
        let filter = store + ".filter"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: filter)[.size] as? Int)
        #expect(size > 40_000)

        let process = try ChildProcess(
            Docguard.executable.path, ["screen", "-", "--lists", store],
            stdin: .pipe, stdout: .pipe, stderr: .pipe)
        // The screen has opened the store (and loaded its filter right after) before reading its input.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && !opened(store, by: process.pid) { usleep(50_000) }
        usleep(1_500_000)

        // Overwritten with zeros, then cut short: in place, as a copy over it or a restore would.
        let handle = try #require(FileHandle(forWritingAtPath: filter))
        handle.write(Data(count: size))
        try handle.truncate(atOffset: 64)
        try handle.close()

        let record = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        let outcome = process.finish(input: Data((record.joined(separator: "\n") + "\n").utf8))
        let out = String(decoding: outcome.stdout, as: UTF8.self)
        #expect(!outcome.signalled && outcome.status == 0)
        #expect(out.contains(#""hit":true"#) && out.contains("LIST_STOLEN"), "\(out)")

        // A new run finds the file spoilt and reads the filter from the database: still the hit.
        let again = try Docguard.run(["screen", "-", "--lists", store], input: record.joined(separator: "\n") + "\n")
        #expect(again.status == 0 && again.stdout.contains("LIST_STOLEN"))
    }

    /// Whether the process has `path` open.
    private func opened(_ path: String, by pid: Int32) -> Bool {
        let folder = "/proc/\(pid)/fd"
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return descriptors.contains {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)")) == path
        }
    }
}
