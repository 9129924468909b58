import Foundation
import Testing

/// `docguard lists`, `screen` and `scan --lists` through the built binary, on a SQLite store (the
/// store contract itself, SQLite and PostgreSQL, is tested in ListsTests).
@Suite struct ListsCommandTests {
    let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    let td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]

    /// A folder with a list file; removed by the caller.
    func workspace(list: String) throws -> (folder: URL, store: String, list: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let listPath = folder.appendingPathComponent("list.csv")
        try Data(list.utf8).write(to: listPath)
        return (folder, folder.appendingPathComponent("lists.sqlite").path, listPath.path)
    }

    let list = """
        record_id,issuing_state,document_number,document_type,status,reported_on,number_to
        R-1,UTO,L898902C3,P,stolen,2024-03-01,
        R-2,UTO,D23I4589O,I,lost,2024-03-02,
        R-3,UTO,D231458907,I,lost,2024-03-02,
        R-4,UTOX,123,P,stolen,,

        """

    @Test func importLookupAndInfo() throws {
        let space = try workspace(list: list)
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let imported = try Docguard.run(["lists", "import", space.list, "--store", space.store, "--list-version", "v7"])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains(#""upserted":3"#) && imported.stdout.contains(#""bad_rows":1"#))
        #expect(imported.stdout.contains(#""records":3"#) && imported.stdout.contains(#""version":"v7""#))
        #expect(imported.stderr.contains("list.csv:5: issuing_state"))

        let exact = try Docguard.run([
            "lists", "lookup", "--store", space.store, "--state", "UTO", "--number", "L898902C3",
        ])
        #expect(exact.status == 0)
        #expect(exact.stdout.split(separator: "\n").count == 1)
        #expect(exact.stdout.contains(#""match":"exact""#) && exact.stdout.contains(#""record_id":"R-1""#))

        let fuzzy = try Docguard.run([
            "lists", "lookup", "--store", space.store, "--state", "UTO", "--number", "L8989O2C3",
        ])
        #expect(fuzzy.status == 0 && fuzzy.stdout.contains(#""match":"fuzzy""#))
        #expect(fuzzy.stdout.contains(#""document_number":"L898902C3""#))

        let miss = try Docguard.run([
            "lists", "lookup", "--store", space.store, "--state", "GBR", "--number", "L898902C3",
        ])
        #expect(miss.status == 1 && miss.stdout.isEmpty)

        let bad = try Docguard.run(["lists", "lookup", "--store", space.store, "--state", "U1O", "--number", "1"])
        #expect(bad.status == 2)

        // A mistyped store path is an error (exit 2), never an empty list that clears everyone.
        let typo = space.store + ".typo"
        let lost = try Docguard.run(["lists", "lookup", "--store", typo, "--state", "UTO", "--number", "L898902C3"])
        #expect(lost.status == 2 && lost.stderr.contains("no such file"))
        let screened = try Docguard.run(["screen", "-", "--lists", typo], input: td3.joined(separator: "\n") + "\n")
        #expect(screened.status == 2 && screened.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: typo))

        let info = try Docguard.run(["lists", "info", "--store", space.store])
        #expect(info.status == 0 && info.stdout.contains(#""version":"v7""#) && info.stdout.contains(#""records":3"#))

        // A file that cannot be read fails the import (exit 2) and leaves the list as it was.
        let failed = try Docguard.run([
            "lists", "import", space.list, space.list + ".missing", "--store", space.store,
            "--replace",
        ])
        #expect(failed.status == 2 && failed.stderr.hasPrefix("docguard: "))
        let after = try Docguard.run(["lists", "info", "--store", space.store])
        #expect(after.stdout == info.stdout)
    }

    /// The sync itself runs against a real server in ListsTests (`ListSyncTests`); here what the command refuses.
    @Test func syncTakesItsListFromAPostgreSQLURLAndNeverShowsThePassword() throws {
        let space = try workspace(list: list)
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let fromFile = try Docguard.run(["lists", "sync", "--from", space.list, "--store", space.store])
        #expect(fromFile.status == 2 && fromFile.stderr.contains("--from must be a postgres:// URL"))
        let unreachable = try Docguard.run([
            "lists", "sync", "--from", "postgres://post:hunter2@127.0.0.1:1/central", "--store", space.store,
        ])
        #expect(unreachable.status == 2 && unreachable.stdout.isEmpty)
        #expect(unreachable.stderr.contains("cannot connect") && !unreachable.stderr.contains("hunter2"))
        #expect(unreachable.stderr.split(separator: "\n").count == 1)
        #expect(
            !FileManager.default.fileExists(atPath: space.store), "no post store made when the centre is out of reach")
    }

    @Test func screenChecksTextRecordsInOrder() throws {
        let space = try workspace(list: list)
        defer { try? FileManager.default.removeItem(at: space.folder) }
        _ = try Docguard.run(["lists", "import", space.list, "--store", space.store])
        let unlisted = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "X123456784UTO7408122F1204159ZE184226B<<<<<10"]
        let text = (td3 + [""] + td1 + [""] + unlisted + [""] + ["not an mrz"]).joined(separator: "\n") + "\n"
        let input = space.folder.appendingPathComponent("crossings.txt")
        try Data(text.utf8).write(to: input)
        let run = try Docguard.run(["screen", input.path, "--lists", space.store, "--jobs", "2"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        for (index, line) in lines.enumerated() {
            #expect(line.contains(#""record":\#(index + 1)"#) && line.contains(#""file":null"#))
        }
        #expect(lines[0].contains(#""hit":true,"match":"exact""#))
        // The TD1 number D23145890 is listed only as D23I4589O (an OCR-confusion form); D231458907 is
        // another number (its check digit appended).
        #expect(lines[1].contains(#""match":"fuzzy""#) && lines[1].contains(#""record_id":"R-2""#))
        #expect(!lines[1].contains(#""record_id":"R-3""#))
        #expect(lines[2].contains(#""hit":false"#))
        #expect(lines[3].contains(#""status":"unreadable""#) && lines[3].contains(#""list":null"#))

        // JSONL input gives the same verdicts; one job or two, the same bytes.
        let jsonl = space.folder.appendingPathComponent("api.jsonl")
        let objects = [td3, td1, unlisted].map { lines in
            #"{"lines":["# + lines.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
        }
        try Data((objects.joined(separator: "\n") + "\n").utf8).write(to: jsonl)
        let one = try Docguard.run(["screen", jsonl.path, "--lists", space.store, "--jobs", "1"])
        let two = try Docguard.run(["screen", jsonl.path, "--lists", space.store, "--jobs", "2"])
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.split(separator: "\n").map(String.init) == Array(lines.prefix(3)))
    }

    @Test func scanWithListsPutsTheVerdictInTheResultLine() throws {
        let specimen = try ScanCommandTests.specimen("TD3")
        let state = String(specimen.lines[0].dropFirst(2).prefix(3))
        let number = String(specimen.lines[1].prefix(9))
        let space = try workspace(
            list: """
                record_id,issuing_state,document_number,status
                SCAN-1,\(state),\(number),stolen

                """)
        defer { try? FileManager.default.removeItem(at: space.folder) }
        _ = try Docguard.run(["lists", "import", space.list, "--store", space.store])
        let run = try Docguard.run(["scan", specimen.image.path, "--lists", space.store])
        #expect(run.status == 0)
        #expect(run.stdout.contains(#""hit":true,"match":"exact""#) && run.stdout.contains(#""record_id":"SCAN-1""#))
        let without = try Docguard.run(["scan", specimen.image.path, "--no-lists"])
        #expect(without.stdout.contains(#""list":{"checked":false,"error":"docguard was run without lists""#))
    }

    @Test func theSampleListHitsWhatItsReadmeSays() throws {
        let root = ScanCommandTests.testImages.deletingLastPathComponent()
        let space = try workspace(list: "")
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let sample = root.appendingPathComponent("pipelines/lists/sample-list.csv").path
        #expect(try Docguard.run(["lists", "import", sample, "--store", space.store]).status == 0)
        let expected = [
            "mrva/0001": "exact", "mrva/0013": "exact", "td1/0017": "exact", "td3/0009": "exact",
            "td3/0021": "fuzzy", "td2/0025": "range", "td2/0001": "none",
        ]
        let files = expected.keys.sorted().map { ScanCommandTests.testImages.appendingPathComponent($0 + ".jpg").path }
        let run = try Docguard.run(["scan"] + files + ["--lists", space.store])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count)
        for (line, name) in zip(lines, expected.keys.sorted()) {
            let match = expected[name]!
            if match == "none" {
                #expect(line.contains(#""hit":false"#), "\(name)")
            } else {
                #expect(line.contains(#""hit":true,"match":"\#(match)""#), "\(name)")
            }
        }
    }
}
