import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `docguard screen` on PAXLST files through the built binary: told by content, many files, the same bytes on
/// any number of workers, problems on stderr by position, and the operator's slips refused.
@Suite struct ScreenAPICommandTests {
    /// A folder with the sample flight, a broken copy of it, an MRZ text file and the list store.
    func workspace() throws -> (folder: URL, store: String, flight: String, broken: String, text: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let list = try write("list.csv", PaxlstSample.list)
        let store = folder.appendingPathComponent("lists.sqlite").path
        let imported = try Docguard.run(["lists", "import", list, "--store", store])
        #expect(imported.status == 0)
        let broken = PaxlstSample.flight.replacingOccurrences(of: "CNT+42:6'", with: "CNT+42:7'")
            .replacingOccurrences(of: "DOC+P:110:111+NL444444'", with: "DOC+P:110:111'")
        let text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
        return (
            folder, store, try write("UA123.edi", PaxlstSample.flight), try write("UA123-broken.edi", broken),
            try write("crossings.txt", text)
        )
    }

    @Test func paxlstFilesAreScreenedTravellerByTraveller() throws {
        let space = try workspace()
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let arguments = ["screen", space.flight, space.broken, "--lists", space.store, "--as-of", "2026-11-24"]
        let one = try Docguard.run(arguments + ["--jobs", "1"])
        let two = try Docguard.run(arguments + ["--jobs", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.count == 16)
        #expect(lines.filter { $0.contains(#""level":"alert""#) }.count == 4)
        #expect(lines.filter { $0.contains(#""status":"unreadable""#) }.count == 1)
        #expect(lines[8].contains(#""file":"\#(space.broken)""#) && lines[8].contains(#""record":1"#))
        // The broken file's problems, by position, never the values.
        #expect(one.stderr.contains("UA123-broken.edi: message 1, segment 54 (CNT): CNT_COUNT"), "\(one.stderr)")
        #expect(one.stderr.contains("DOCUMENT_NUMBER_MISSING"))
        #expect(!one.stderr.contains("NL444444") && !one.stderr.contains("JANSEN"))

        let out = space.folder.appendingPathComponent("results.jsonl").path
        let report = space.folder.appendingPathComponent("report.html").path
        let written = try Docguard.run(arguments + ["--out", out, "--report", report])
        #expect(written.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == one.stdout)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("UA123 YVR→JFK arriving"))
    }

    @Test func slipsAreRefusedWithOneLine() throws {
        let space = try workspace()
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let mixed = try Docguard.run(["screen", space.flight, space.text, "--lists", space.store])
        #expect(mixed.status != 0 && mixed.stdout.isEmpty)
        #expect(mixed.stderr.contains("crossings.txt: not a PAXLST file"), "\(mixed.stderr)")
        let onto = try Docguard.run(["screen", space.flight, "--lists", space.store, "--out", space.flight])
        #expect(onto.status != 0)
        #expect(try String(contentsOfFile: space.flight, encoding: .utf8) == PaxlstSample.flight)
        let reportAlone = try Docguard.run(["screen", space.flight, "--lists", space.store, "--report", "r.html"])
        #expect(reportAlone.status != 0 && reportAlone.stderr.contains("--out"))
        // MRZ text still screens as before, one file.
        let text = try Docguard.run(["screen", space.text, "--lists", space.store])
        #expect(text.status == 0 && text.stdout.contains(#""file":null"#))
        // MRZ text from a pipe (`screen <(zcat day.gz)`): not sniffed for PAXLST, so not one byte is lost.
        let fifo = space.folder.appendingPathComponent("crossings.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let lines = try String(contentsOfFile: space.text, encoding: .utf8)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(lines.utf8))
                try? handle.close()
            }
        }
        writer.start()
        let piped = try Docguard.run(["screen", fifo, "--lists", space.store])
        #expect(piped.status == 0 && piped.stdout == text.stdout, "\(piped.stderr)")
    }
}
