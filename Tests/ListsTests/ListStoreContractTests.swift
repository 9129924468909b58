import Foundation
import Synchronization
import Testing

@testable import Lists

/// The behaviour both stores must share, run against real SQLite and real PostgreSQL.
@Suite struct ListStoreContractTests {
    @Test(arguments: Backend.allCases)
    func importsCSVAndReportsBadRowsByLine(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            let path = try fixture.file(
                "list.csv",
                sampleCSV + """
                    bad-1,UTOX,123,P,stolen,,
                    bad-2,UTO,123,P,stolen,2024-13-02,
                    bad-3,UTO,,P,stolen,,
                    bad-4,UTO,123,P,misplaced,,
                    "bad-5,UTO,123,P,stolen,,
                    bad-6,MDA,B0100000,P,stolen_blank,,A0100999
                    IF-2024-000006,GBR,123456789,P,lost,,

                    """)
            let (report, problems) = try importFiles(fixture, [path], version: "2024-06-01")
            #expect(report.upserted == 6)
            #expect(report.badRows == 6)
            #expect(problems.map(\.line) == [7, 8, 9, 10, 11, 12])
            #expect(problems.allSatisfy { $0.file == path })
            #expect(problems[0].reason.contains("issuing_state"))
            #expect(problems[1].reason.contains("reported_on"))
            #expect(problems[3].reason.contains("status"))
            #expect(problems[5].reason.contains("number_to"))
            // Reasons name fields, never values.
            #expect(!problems.contains { $0.description.contains("B0100000") || $0.description.contains("UTOX") })
            let info = try #require(try fixture.open().info())
            #expect(
                info == ListInfo(version: "2024-06-01", importedAt: "2026-11-24T00:00:00Z", records: 6, generation: 1))
        }
    }

    @Test(arguments: Backend.allCases)
    func matchesExactRangeAndOCRConfusionsWithinTheState(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)])
            let matcher = try ListMatcher(store: try fixture.open())
            #expect(matcher.usesFilter)
            func match(_ state: String, _ number: String) throws -> [String] {
                try matcher.verdict(issuingState: state, documentNumber: number).hits.map {
                    "\($0.kind.rawValue) \($0.record.recordID) \($0.record.documentNumber)"
                }
            }
            #expect(try match("UKR", "FA123456") == ["exact IF-2024-000001 FA123456"])
            #expect(try match("UKR", "fa-123456<") == ["exact IF-2024-000001 FA123456"])
            // OCR confusions: the fuzzy hit names the listed number.
            #expect(try match("UKR", "FAI23456") == ["fuzzy IF-2024-000001 FA123456"])
            #expect(try match("D<<", "CO1XOOT47") == ["fuzzy IF-2024-000004 C01X00T47"])
            #expect(try match("FRA", "I8C59I234") == ["fuzzy IF-2024-000005 18CS91234"])
            // Not a confusion pair (C/0) and another state: no hit.
            #expect(try match("UKR", "FAC23456").isEmpty)
            #expect(try match("RUS", "FA123456").isEmpty)
            // Ranges of stolen blanks, inclusive at both ends, prefix and length must agree.
            #expect(try match("MDA", "B0100000") == ["range IF-2024-000002 B0100000"])
            #expect(try match("MDA", "B0100999") == ["range IF-2024-000002 B0100000"])
            #expect(try match("MDA", "B0100500") == ["range IF-2024-000002 B0100000"])
            #expect(try match("MDA", "B0101000").isEmpty)
            #expect(try match("MDA", "C0100500").isEmpty)
            #expect(try match("MDA", "B01005000").isEmpty)
            #expect(try match("MDA", "8O1OO5OO") == ["fuzzy IF-2024-000002 B0100000"])
            #expect(try match("UKR", "B0100500").isEmpty)
            // Unreadable state or number: not checked.
            let unchecked = try matcher.verdict(issuingState: nil, documentNumber: "FA123456")
            #expect(!unchecked.checked && !unchecked.hit)
        }
    }

    @Test(arguments: Backend.allCases)
    func importIsIdempotentAndJSONLLoadsTheSame(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            let csv = try fixture.file("list.csv", sampleCSV)
            try importFiles(fixture, [csv])
            let again = try importFiles(fixture, [csv]).report
            #expect(again.upserted == 5)
            #expect(again.info.records == 5)
            #expect(again.info.generation == 2)
            let jsonl = try fixture.file(
                "list.jsonl",
                """
                {"record_id":"IF-2024-000001","issuing_state":"UKR","document_number":"FA123456","status":"stolen","number_to":null}
                {"record_id":"J-1","issuing_state":"NLD","document_number":"SPECI2014","status":"lost"}
                {"record_id":"J-2","issuing_state":"NLD","document_number":12,"status":"lost"}
                not json

                """)
            let (report, problems) = try importFiles(fixture, [jsonl])
            #expect(report.upserted == 2)
            #expect(problems.map(\.line) == [3, 4])
            #expect(report.info.records == 6)
            let matcher = try ListMatcher(store: try fixture.open())
            #expect(try matcher.verdict(issuingState: "NLD", documentNumber: "SPECI2014").match == .exact)
        }
    }

    @Test(arguments: Backend.allCases)
    func deltaFilesChangeStatusAndWithdraw(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)])
            let delta = try fixture.file(
                "delta.csv",
                """
                record_id,status,issuing_state,document_number
                IF-2024-000003,stolen,UTO,L898902C3
                IF-2024-000001,withdrawn,,
                NEVER-LISTED,withdrawn,,
                NEW-1,lost,GBR,999228775
                NEW-1,stolen,GBR,999228775

                """)
            let report = try importFiles(fixture, [delta]).report
            #expect(report.withdrawn == 1)
            #expect(report.withdrawnUnknown == 1)
            #expect(report.upserted == 2 && report.repeatedIDs == 1)
            #expect(
                report.repeatedRows.map(\.description)
                    == ["\(delta):6: record_id already given on line 5; the later row stands"])
            #expect(report.info.records == 5)
            let matcher = try ListMatcher(store: try fixture.open())
            #expect(try !matcher.verdict(issuingState: "UKR", documentNumber: "FA123456").hit)
            #expect(
                try matcher.verdict(issuingState: "UTO", documentNumber: "L898902C3").hits.map(\.record.status)
                    == [.stolen])
            // The same id twice in one file: the later row wins.
            #expect(
                try matcher.verdict(issuingState: "GBR", documentNumber: "999228775").hits.map(\.record.status)
                    == [.stolen])
        }
    }

    @Test(arguments: Backend.allCases)
    func replaceLoadsACompleteNewList(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)])
            // A full list in which an id comes twice (the later row wins) and one is withdrawn again.
            let fresh = try fixture.file(
                "fresh.csv",
                """
                record_id,issuing_state,document_number,status
                R-1,ESP,AAA000001,lost
                R-2,ESP,AAA000002,stolen
                R-1,ESP,AAA000001,stolen
                R-2,,,withdrawn

                """)
            let shrinking = ListImportSafety(allowShrink: true)  // 5 records to 1
            let report = try importFiles(fixture, [fresh], replace: true, version: "full-2", safety: shrinking).report
            #expect(report.replaced)
            #expect(report.info.records == 1)
            // Each row counted once: upserted, the rows of lines 4 and 5 repeat their ids.
            #expect(report.upserted == 2 && report.repeatedIDs == 2 && report.withdrawn == 0)
            #expect(report.repeatedRows.map(\.line) == [4, 5])
            let matcher = try ListMatcher(store: try fixture.open())
            #expect(try !matcher.verdict(issuingState: "UKR", documentNumber: "FA123456").hit)
            #expect(try !matcher.verdict(issuingState: "MDA", documentNumber: "B0100500").hit)
            #expect(
                try matcher.verdict(issuingState: "ESP", documentNumber: "AAA000001").hits.map(\.record.status)
                    == [.stolen])
            #expect(try !matcher.verdict(issuingState: "ESP", documentNumber: "AAA000002").hit)
            #expect(matcher.info?.version == "full-2")
        }
    }

    @Test(arguments: Backend.allCases)
    func aFailedImportLeavesThePreviousListIntact(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)], version: "v1")
            let good = try fixture.file(
                "good.csv",
                """
                record_id,issuing_state,document_number,status
                G-1,ESP,AAA000001,stolen

                """)
            let missing = fixture.location + ".does-not-exist.csv"
            for replace in [false, true] {
                #expect(throws: ListError.self) { try importFiles(fixture, [good, missing], replace: replace) }
                let store = try fixture.open()
                #expect(try store.info()?.version == "v1")
                #expect(try store.info()?.records == 5)
                let matcher = try ListMatcher(store: store)
                #expect(matcher.usesFilter)
                #expect(try matcher.verdict(issuingState: "UKR", documentNumber: "FA123456").match == .exact)
                #expect(try !matcher.verdict(issuingState: "ESP", documentNumber: "AAA000001").hit)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func aMissNeverReachesTheDatabase(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            // More than one import batch, with the filter sized for it.
            var csv = "record_id,issuing_state,document_number,status\n"
            for index in 0..<25_000 { csv += "R-\(index),UTO,X\(String(index * 7919 % 10_000_000)),stolen\n" }
            let report = try importFiles(fixture, [try fixture.file("big.csv", csv)]).report
            #expect(report.info.records == 25_000)
            let store = CountingStore(try fixture.open())
            let matcher = try ListMatcher(store: store)
            for index in stride(from: 0, to: 25_000, by: 97) {
                let number = "X\(String(index * 7919 % 10_000_000))"
                #expect(try matcher.verdict(issuingState: "UTO", documentNumber: number).match == .exact)
            }
            let hitQueries = store.lookups
            for index in 0..<2_000 {
                #expect(try !matcher.verdict(issuingState: "UTO", documentNumber: "Y\(index)").hit)
            }
            // Only the filter's rare false positives (about 0.1 %) may reach the database.
            #expect(store.lookups - hitQueries <= 10)
        }
    }

    @Test(arguments: Backend.allCases)
    func checkingAgainstAStoreWithoutAListIsRefused(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            // An empty list would answer "no hit" for every document: a wrong clear, never allowed.
            #expect(throws: ListError.self) { _ = try ListMatcher(store: try fixture.open()) }
        }
    }

    @Test func aMistypedSQLitePathIsAnErrorNotAnEmptyList() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).sqlite")
            .path
        #expect(throws: ListError.self) { _ = try ListStores.open(path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aSecondImportIntoTheSameSQLiteStoreIsRefusedWhileOneRuns() throws {
        try withFixture(.sqlite) { fixture in
            let store = try fixture.open()
            let other = try fixture.open()
            _ = try store.withImport(replace: false) { _ in
                #expect(throws: ListError.self) { _ = try other.withImport(replace: false) { _ in } }
            }
        }
    }

    @Test func thePostgreSQLStoreRefusesABadURLWithoutShowingThePassword() throws {
        #expect {
            _ = try PostgresListStore(url: "postgres://user:secret@127.0.0.1:1/none")
        } throws: { error in
            "\(error)".contains("cannot open") && !"\(error)".contains("secret")
        }
    }
}

/// A real store that counts the lookups reaching it.
final class CountingStore: ListStore {
    private let base: any ListStore
    private let count = Mutex(0)

    init(_ base: any ListStore) { self.base = base }

    var displayName: String { base.displayName }
    var scratchDirectory: String { base.scratchDirectory }

    var lookups: Int { count.withLock { $0 } }

    func withImport<Result>(replace: Bool, _ body: (any ListStoreWriter) throws -> Result) throws -> Result {
        try base.withImport(replace: replace, body)
    }

    func records(state: String, foldedNumber: String) throws -> [ListRecord] {
        count.withLock { $0 += 1 }
        return try base.records(state: state, foldedNumber: foldedNumber)
    }

    func rangeRecords() throws -> [ListRecord] { try base.rangeRecords() }
    func info() throws -> ListInfo? { try base.info() }
    func loadFilter() throws -> KeyFilter? { try base.loadFilter() }
}
