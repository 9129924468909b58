import Foundation
import Testing

/// `docguard lists import` refusing a slip that would empty or gut the list, reporting repeated ids, and
/// store arguments that must not be echoed whole or with their password, through the built binary.
@Suite struct ListsImportSafetyCommandTests {
    private let header = "record_id,issuing_state,document_number,status\n"
    private let five = (1...5).map { "R-\($0),UTO,L89890\($0)C3,stolen\n" }.joined()

    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func anImportThatWouldEmptyOrGutTheListIsRefusedAndTheListStays() throws {
        try withFolder { folder in
            let store = folder.appendingPathComponent("lists.sqlite").path
            let list = try write(header + five, "list.csv", in: folder)
            #expect(try Docguard.run(["lists", "import", list, "--store", store, "--list-version", "v1"]).status == 0)
            let info = try Docguard.run(["lists", "info", "--store", store])
            for (name, text) in [("empty", ""), ("header", header), ("bad", header + "X-1,UTOX,1,stolen\n")] {
                let file = try write(text, "\(name).csv", in: folder)
                let run = try Docguard.run(["lists", "import", file, "--store", store, "--replace"])
                #expect(run.status == 2 && run.stdout.isEmpty, "\(name)")
                let lines = run.stderr.split(separator: "\n")
                #expect(lines.last?.contains("import refused, the list is unchanged") == true, "\(name)")
                #expect(lines.last?.contains("--allow-empty") == true, "\(name)")
                #expect(lines.count == (name == "bad" ? 2 : 1), "\(name)")
                #expect(try Docguard.run(["lists", "info", "--store", store]).stdout == info.stdout, "\(name)")
                let hit = try Docguard.run(
                    ["lists", "lookup", "--store", store, "--state", "UTO", "--number", "L898901C3"])
                #expect(hit.status == 0, "\(name)")
            }
            let two = try write(header + "N-1,UTO,X1,stolen\nN-2,UTO,X2,stolen\n", "two.csv", in: folder)
            let gutted = try Docguard.run(["lists", "import", two, "--store", store, "--replace"])
            #expect(gutted.status == 2 && gutted.stderr.contains("fewer than half of the 5"))
            #expect(gutted.stderr.contains("--allow-shrink"))
            #expect(try Docguard.run(["lists", "info", "--store", store]).stdout == info.stdout)

            let shrunk = try Docguard.run(["lists", "import", two, "--store", store, "--replace", "--allow-shrink"])
            #expect(shrunk.status == 0 && shrunk.stdout.contains(#""records":2"#))
            let header = try write(self.header, "header.csv", in: folder)
            let emptied = try Docguard.run(["lists", "import", header, "--store", store, "--replace", "--allow-empty"])
            #expect(emptied.status == 0 && emptied.stdout.contains(#""records":0"#))
        }
    }

    @Test func aFirstImportOfNothingLeavesNoListToScanAgainst() throws {
        try withFolder { folder in
            let store = folder.appendingPathComponent("lists.sqlite").path
            let empty = try write(header, "empty.csv", in: folder)
            let run = try Docguard.run(["lists", "import", empty, "--store", store])
            #expect(run.status == 2 && run.stderr.contains("import refused"))
            let lookup = try Docguard.run(["lists", "lookup", "--store", store, "--state", "UTO", "--number", "X1"])
            #expect(lookup.status == 2 && lookup.stderr.contains("no list has been imported"))
        }
    }

    @Test func rowsRepeatingARecordIDAreCountedAndReported() throws {
        try withFolder { folder in
            let store = folder.appendingPathComponent("lists.sqlite").path
            let rows = "A-1,UTO,X1,stolen\nA-1,UTO,X1,lost\nB-1,UTO,X2,stolen\n"
            let list = try write(header + rows, "list.csv", in: folder)
            for _ in 0..<2 {  // a first import (built whole) and a delta (in place) count the same
                let run = try Docguard.run(["lists", "import", list, "--store", store])
                #expect(run.status == 0)
                #expect(run.stdout.contains(#""repeated_ids":1"#) && run.stdout.contains(#""upserted":2"#))
                #expect(run.stdout.contains(#""records":2"#))
                #expect(run.stderr == "docguard: \(list):3: record_id already given on line 2; the later row stands\n")
            }
            let lookup = try Docguard.run(["lists", "lookup", "--store", store, "--state", "UTO", "--number", "X1"])
            #expect(lookup.stdout.contains(#""status":"lost""#))
        }
    }

    @Test func aPostgreSQLURLIsNeverEchoedWithItsPasswordOrReadWithAnotherPort() throws {
        let wrapped = try Docguard.run(["lists", "info", "--store", "postgres://u@127.0.0.1:99999/db?password=hunter2"])
        #expect(wrapped.status == 2 && !wrapped.stderr.contains("hunter2"))
        #expect(wrapped.stderr.contains("the port must be 1–65535") && !wrapped.stderr.contains("34463"))
        #expect(wrapped.stderr.split(separator: "\n").count == 1)
        // An IPv6 host is connected to (nothing listens on port 1), not looked up as a name.
        let ipv6 = try Docguard.run(["lists", "info", "--store", "postgres://u:pw@[::1]:1/db"])
        #expect(ipv6.status == 2 && ipv6.stderr.contains("cannot connect") && !ipv6.stderr.contains("DNS"))
        #expect(!ipv6.stderr.contains(":pw@"))
    }

    @Test func aLongBadValueIsNotEchoedWhole() throws {
        try withFolder { folder in
            let long = String(repeating: "x", count: 100_000)
            let store = folder.appendingPathComponent("lists.sqlite").path
            let list = try write(header + five, "list.csv", in: folder)
            let version = try Docguard.run(["lists", "import", list, "--store", store, "--list-version", long])
            #expect(version.status == 2 && version.stderr.utf8.count < 500 && version.stderr.contains("--list-version"))
            let file = try Docguard.run(["lists", "import", folder.path + "/" + long, "--store", store])
            #expect(file.status == 2 && file.stderr.utf8.count < 500 && file.stderr.contains("100"))
            let info = try Docguard.run(["lists", "info", "--store", folder.path + "/" + long])
            #expect(info.status == 2 && info.stderr.utf8.count < 500)
            let url = try Docguard.run(["lists", "info", "--store", "postgres://u@127.0.0.1:1/" + long])
            #expect(url.status == 2 && url.stderr.utf8.count < 700)
        }
    }
}
