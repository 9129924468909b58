import Foundation
import Testing

/// A file or list store that is not what it should be (a folder, a corrupt SQLite file, a file where a folder
/// must be) is refused with one docguard line naming the path and what failed, never a Foundation or GRDB
/// type dump (issue 17).
@Suite struct SystemErrorTests {
    let space = CLIWorkspace()

    /// Exit 2 and one line on stderr that says `expected`, with no Swift or SQLite dump in it.
    static func expectOneLine(_ run: Docguard.Run, _ expected: String) {
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        for dump in ["NSCocoaErrorDomain", "Error Domain", "SQLite error", "while executing", "UserInfo"] {
            #expect(!run.stderr.contains(dump), "\(run.stderr)")
        }
    }

    @Test func aFolderGivenAsTextToScreenOrAListToImportIsNamed() throws {
        let folder = space.path("records")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        Self.expectOneLine(
            try Docguard.run(["screen", folder, "--no-lists"]), "\(folder): cannot read (Is a directory)")
        Self.expectOneLine(
            try Docguard.run(["lists", "import", folder, "--store", space.path("lists.sqlite")]),
            "\(folder): cannot read (Is a directory)")
    }

    @Test func aCorruptListStoreIsNamed() throws {
        let store = try space.write("lists.sqlite", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        let lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        let text = try space.write("crossings.txt", lines.joined(separator: "\n") + "\n")
        Self.expectOneLine(
            try Docguard.run(["screen", text, "--lists", store]),
            "list store \(store): cannot open (file is not a database)")
    }

    /// `watch.yaml` in the workspace, settling after a tenth of a second.
    func watchPipeline() throws -> String { try space.watchPipeline(more: "settle_seconds: 0.1") }

    @Test func aWatchJournalThatIsNoJournalIsNamed() throws {
        let pipeline = try watchPipeline()
        let journal = try space.write("results.jsonl.journal", Data(repeating: 0x5A, count: 8192))
        let (corrupt, timedOut) = try WatchFailSafeTests.runBounded(["run", pipeline])
        #expect(!timedOut)
        Self.expectOneLine(corrupt, "\(journal): watch journal: cannot open (file is not a database)")

        try FileManager.default.removeItem(atPath: journal)
        try FileManager.default.createDirectory(atPath: journal, withIntermediateDirectories: true)
        let (folder, _) = try WatchFailSafeTests.runBounded(["run", pipeline])
        Self.expectOneLine(folder, "\(journal): watch journal: cannot open")
    }

    @Test func aFileWhereWatchModeNeedsAFolderIsNamed() throws {
        let pipeline = try watchPipeline()
        try space.write("processed", "not a folder\n")
        let (run, timedOut) = try WatchFailSafeTests.runBounded(["run", pipeline])
        #expect(!timedOut)
        Self.expectOneLine(run, "processed: cannot write (cannot make a folder there: File exists)")
    }
}
