import Foundation
import GRDB
import Testing

@testable import Lists

@Suite struct KeyFilterDigestTests {
    @Test("the digest depends on the bytes, not on the pieces they come in, and changes with any byte or the length")
    func digestOfBytesInAnyPieces() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        let whole = bytes.withUnsafeBytes { KeyFilterDigest.of($0) }
        for pieceSize in [1, 5, 31, 32, 33, 4096] {
            var digest = KeyFilterDigest()
            for start in stride(from: 0, to: bytes.count, by: pieceSize) {
                bytes[start..<min(bytes.count, start + pieceSize)].withUnsafeBytes { digest.update($0) }
            }
            #expect(digest.value == whole, "pieces of \(pieceSize)")
        }
        for position in [0, 7, 8, 31, 32, 5_000, 9_990, 9_999] {
            for bit in [0, 7] {
                var changed = bytes
                changed[position] ^= 1 << bit
                #expect(changed.withUnsafeBytes { KeyFilterDigest.of($0) } != whole, "byte \(position) bit \(bit)")
            }
        }
        #expect(bytes.dropLast().withUnsafeBytes { KeyFilterDigest.of($0) } != whole)
        #expect((bytes + [0]).withUnsafeBytes { KeyFilterDigest.of($0) } != whole)
    }
}

@Suite struct KeyFilterFileTests {
    @Test("a filter file is used only when its bytes give the digest the store kept")
    func loadsOnlyAMatchingFile() throws {
        try withFixture(.sqlite) { fixture in try loadsOnlyAMatchingFile(at: fixture.location + ".filter") }
    }

    private func loadsOnlyAMatchingFile(at path: String) throws {
        let filter = try makeFilter((0..<5_000).map { ("UTO", "N\($0)") }, capacity: 5_000)
        let writer = try KeyFilterFileWriter(path: path)
        let bytes = filter.serialized()
        for start in stride(from: 0, to: bytes.count, by: 1_000) {
            try bytes[start..<min(bytes.count, start + 1_000)].withUnsafeBytes { try writer.append($0) }
        }
        try writer.commit()
        writer.close()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".importing"))

        let digest = writer.bytesDigest
        #expect(digest == bytes.withUnsafeBytes { KeyFilterDigest.of($0) })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(KeyFilterFile.lead + bytes))
        #expect(KeyFilterFile.lead.count + KeyFilter.headerSize == 64)  // the words start on a cache line
        let loaded = try #require(KeyFilterFile.load(path: path, digest: digest))
        #expect(loaded == filter)
        #expect(loaded.mightContain(state: "UTO", foldedNumber: "N4999"))
        #expect(KeyFilterFile.load(path: path, digest: digest ^ 1) == nil)
        #expect(KeyFilterFile.load(path: path + ".missing", digest: digest) == nil)

        var damaged = bytes
        damaged[bytes.count / 2] ^= 0x10
        for (what, contents) in [
            ("damaged", KeyFilterFile.lead + damaged), ("cut short", KeyFilterFile.lead + bytes.dropLast(64)),
            ("without its lead", bytes), ("with another lead", [UInt8](repeating: 0, count: 40) + bytes),
        ] {
            try Data(contents).write(to: URL(fileURLWithPath: path))
            #expect(KeyFilterFile.load(path: path, digest: digest) == nil, "\(what)")
        }
        try Data(KeyFilterFile.lead + bytes).write(to: URL(fileURLWithPath: path))
        #expect(KeyFilterFile.load(path: path, digest: digest) == filter)
    }

    @Test("a writer that is not committed leaves no file behind")
    func uncommittedWriterLeavesNothing() throws {
        try withFixture(.sqlite) { fixture in
            let path = fixture.location + ".filter"
            let writer = try KeyFilterFileWriter(path: path)
            try [UInt8](repeating: 1, count: 100).withUnsafeBytes { try writer.append($0) }
            #expect(FileManager.default.fileExists(atPath: path + ".importing"))
            writer.close()
            #expect(!FileManager.default.fileExists(atPath: path + ".importing"))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}

/// The SQLite store's filter file, checked against what the database holds.
@Suite struct SQLiteFilterFileTests {
    private func keyCSV(_ prefix: String, count: Int) -> String {
        "record_id,issuing_state,document_number,status\n"
            + (0..<count).map { "\(prefix)-\($0),UTO,\(prefix)\(1_000 + $0),stolen\n" }.joined()
    }

    /// Overwrites the filter the database holds with zeros: a filter still loaded then came from the file.
    private func spoilDatabaseFilter(_ location: String) throws {
        let queue = try DatabaseQueue(path: location)
        try queue.write { try $0.execute(sql: "UPDATE list_filter SET bytes = zeroblob(length(bytes))") }
        try queue.close()
    }

    @Test("an import saves the filter as a file beside the store, which is loaded in place of the database's copy")
    func importWritesTheFileAndLoadingUsesIt() throws {
        try withFixture(.sqlite) { fixture in
            try importFiles(fixture, [try fixture.file("a.csv", keyCSV("A", count: 3_000))])
            let store = try #require(try fixture.open() as? SQLiteListStore)
            let fromDatabase = try #require(try store.loadFilter())
            #expect(FileManager.default.fileExists(atPath: store.filterPath))
            #expect(!FileManager.default.fileExists(atPath: store.filterPath + ".importing"))
            try spoilDatabaseFilter(fixture.location)
            let fromFile = try #require(try fixture.open().loadFilter())
            #expect(fromFile == fromDatabase)
            #expect(fromFile.mightContain(state: "UTO", foldedNumber: "A3999"))

            // A delta import saves the new filter's file too.
            try importFiles(fixture, [try fixture.file("delta.csv", keyCSV("E", count: 10))])
            try spoilDatabaseFilter(fixture.location)
            let updated = try #require(try fixture.open().loadFilter())
            #expect(updated.mightContain(state: "UTO", foldedNumber: "E1009"))
            #expect(updated.mightContain(state: "UTO", foldedNumber: "A1000"))
        }
    }

    @Test(
        "a filter file that is stale, damaged, cut short, from another store or missing is passed over for the database's"
    )
    func aFileThatDoesNotMatchIsNeverUsed() throws {
        try withFixture(.sqlite) { fixture in
            try importFiles(fixture, [try fixture.file("a.csv", keyCSV("A", count: 3_000))])
            let path = fixture.location + ".filter"
            let expected = try #require(try fixture.open().loadFilter())
            let saved = try Data(contentsOf: URL(fileURLWithPath: path))

            try withFixture(.sqlite) { other in  // the same size of list, other numbers
                try importFiles(other, [try other.file("c.csv", keyCSV("C", count: 3_000))])
                try FileManager.default.removeItem(atPath: path)
                try FileManager.default.copyItem(atPath: other.location + ".filter", toPath: path)
            }
            var damaged = saved
            damaged[damaged.count - 100] ^= 0x01
            let spoilt: [(String, Data?)] = [
                ("another store's", try Data(contentsOf: URL(fileURLWithPath: path))), ("damaged", damaged),
                ("cut short", saved.dropLast(8)), ("empty", Data()), ("missing", nil),
            ]
            for (what, contents) in spoilt {
                try? FileManager.default.removeItem(atPath: path)
                if let contents { try contents.write(to: URL(fileURLWithPath: path)) }
                let loaded = try fixture.open().loadFilter()
                #expect(loaded == expected, "\(what) file")
                #expect(loaded?.mightContain(state: "UTO", foldedNumber: "A2500") == true, "\(what) file")
            }
        }
    }

    @Test("a failed import leaves the filter file it had, and no partial file")
    func aFailedImportKeepsTheFile() throws {
        try withFixture(.sqlite) { fixture in
            try importFiles(fixture, [try fixture.file("a.csv", keyCSV("A", count: 500))])
            let path = fixture.location + ".filter"
            let saved = try Data(contentsOf: URL(fileURLWithPath: path))
            let good = try fixture.file("b.csv", keyCSV("E", count: 500))
            for replace in [false, true] {
                #expect(throws: ListError.self) {
                    try importFiles(fixture, [good, fixture.location + ".missing.csv"], replace: replace)
                }
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == saved)
                #expect(!FileManager.default.fileExists(atPath: path + ".importing"))
                try spoilDatabaseFilter(fixture.location)  // what still loads comes from the file
                #expect(try fixture.open().loadFilter()?.mightContain(state: "UTO", foldedNumber: "A1499") == true)
            }
        }
    }
}

/// What stands at the filter file's path is read only when it is a regular file that matches.
@Suite struct KeyFilterFileIdentityTests {
    @Test("a FIFO in the filter file's place is passed over at once, not waited on")
    func aFIFOIsNotOpenedForReading() throws {
        try withFixture(.sqlite) { fixture in
            try importFiles(fixture, [try fixture.file("a.csv", sampleCSV)])
            let path = fixture.location + ".filter"
            try FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o644) == 0)
            let started = Date()
            #expect(KeyFilterFile.load(path: path, digest: 0) == nil)
            let filter = try fixture.open().loadFilter()  // from the database
            #expect(filter?.mightContain(state: "UKR", foldedNumber: "FA123456") == true)
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }
}
