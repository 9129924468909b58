import Foundation
import GRDB
import PostgresNIO
import Testing

@testable import Lists

/// `ListSync` from a real central PostgreSQL store into a real post's SQLite store: full copies, deltas, the
/// fallbacks, interrupted syncs, and the change log of a central database made before it.
@Suite struct ListSyncTests {
    private let header = "record_id,issuing_state,document_number,document_type,status,reported_on,number_to\n"

    @Test func anEmptyPostGetsAFullCopyThatCarriesTheCentralVersion() throws {
        try withCentralAndPost { central, post in
            try importFiles(central, [try central.file("list.csv", sampleCSV)], version: "central-v1")
            let report = try sync(central, post)
            #expect(report.kind == .full && report.reason == "the post holds no list")
            #expect(report.fromGeneration == nil && report.upserted == 5)
            let info = try #require(try post.open().info())
            let listID = try #require(try centralListID(central))
            #expect(
                info
                    == ListInfo(
                        version: "central-v1", importedAt: "2026-11-24T00:00:00Z", records: 5, generation: 1,
                        source: listID))
            #expect(try postRecords(post) == centralRecords(central))
            let matcher = try ListMatcher(store: try post.open())
            #expect(matcher.usesFilter)
            let verdict = try matcher.verdict(issuingState: "UKR", documentNumber: "FA123456")
            #expect(verdict.match == .exact && verdict.listVersion == "central-v1")
            #expect(!FileManager.default.fileExists(atPath: post.location + ".importing"))

            let inode = try fileID(post.location)
            let again = try sync(central, post)
            #expect(again.kind == .none && again.upserted == 0 && again.fromGeneration == 1)
            #expect(try fileID(post.location) == inode)
        }
    }

    @Test func aDeltaAtTheCentreReachesThePostAsExactlyThoseChanges() throws {
        try withCentralAndPost { central, post in
            try importFiles(central, [try central.file("list.csv", sampleCSV)], version: "central-v1")
            try sync(central, post)
            let inode = try fileID(post.location)
            let delta = try central.file(
                "delta.csv",
                header + """
                    IF-2024-000006,GBR,123456789,P,lost,2024-06-01,
                    IF-2024-000001,UKR,FA123456,P,revoked,2024-03-01,
                    IF-2024-000003,,,,withdrawn,,

                    """)
            try importFiles(central, [delta], version: "central-v2")
            let report = try sync(central, post)
            #expect(report.kind == .delta && report.reason == nil && report.fromGeneration == 1)
            #expect(report.upserted == 2 && report.withdrawn == 1)
            #expect(report.info.version == "central-v2" && report.info.generation == 2 && report.info.records == 5)
            #expect(try fileID(post.location) == inode, "a delta changes the store in place")
            #expect(try postRecords(post) == centralRecords(central))
            let matcher = try ListMatcher(store: try post.open())
            #expect(matcher.usesFilter && matcher.info?.version == "central-v2")
            func statuses(_ state: String, _ number: String) throws -> [ListStatus] {
                try matcher.verdict(issuingState: state, documentNumber: number).hits.map(\.record.status)
            }
            #expect(try statuses("UKR", "FA123456") == [.revoked])
            #expect(try statuses("GBR", "123456789") == [.lost])
            #expect(try statuses("UTO", "L898902C3") == [])
        }
    }

    @Test func aPostOfflineForSeveralImportsCatchesUpInOneSync() throws {
        try withCentralAndPost { central, post in
            try importFiles(central, [try central.file("list.csv", sampleCSV)], version: "v1")
            try sync(central, post)
            // A day at the centre: a record added, then changed and another withdrawn, then the first withdrawn
            // again and one re-added.
            let days = [
                "N-1,ESP,AAA000001,P,stolen,,\nN-2,ESP,AAA000002,P,stolen,,\n",
                "N-1,ESP,AAA000001,P,lost,,\nIF-2024-000004,,,,withdrawn,,\n",
                "N-2,,,,withdrawn,,\nIF-2024-000004,D,C01X00T47,P,stolen,,\n",
            ]
            for (index, rows) in days.enumerated() {
                try importFiles(
                    central, [try central.file("day-\(index).csv", header + rows)], version: "v\(index + 2)")
            }
            let report = try sync(central, post)
            #expect(report.kind == .delta && report.fromGeneration == 1 && report.info.generation == 4)
            #expect(report.upserted == 2 && report.withdrawn == 0)  // N-1 and IF-2024-000004; N-2 never reached it
            #expect(try postRecords(post) == centralRecords(central))
            #expect(try post.open().info()?.version == "v4")
        }
    }

    @Test func aPostFurtherBehindThanTheCentreKeepsChangesGetsAFullCopy() throws {
        try withCentralAndPost { central, post in
            try importFiles(central, [try central.file("list.csv", sampleCSV)], version: "v1")
            try sync(central, post)
            try execute(central, "UPDATE list_change_log SET keep_generations = 1")
            for index in 2...3 {
                let rows = "N-\(index),ESP,AAA00000\(index),P,stolen,,\n"
                try importFiles(central, [try central.file("d\(index).csv", header + rows)], version: "v\(index)")
            }
            let behind = try sync(central, post)
            #expect(behind.kind == .full)
            #expect(behind.reason == "the central list keeps changes only since generation 2")
            #expect(behind.info.generation == 3 && behind.upserted == 7)
            #expect(try postRecords(post) == centralRecords(central))

            // A replace at the centre starts the log afresh: every post gets the new list whole.
            let replacement = try central.file("full.csv", sampleCSV + "R-1,ESP,AAA000009,P,stolen,,\n")
            try importFiles(central, [replacement], replace: true, version: "v4")
            let replaced = try sync(central, post)
            #expect(replaced.kind == .full)
            #expect(replaced.reason == "the central list keeps changes only since generation 4")
            #expect(try postRecords(post) == centralRecords(central))

            // A list imported at the post no longer follows the centre.
            try importFiles(post, [try post.file("local.csv", header + "L-1,ESP,AAA000010,P,stolen,,\n")])
            #expect(try post.open().info()?.source == nil)
            let local = try sync(central, post)
            #expect(local.kind == .full && local.reason == "the post's list was not synced from this central list")
            #expect(try postRecords(post) == centralRecords(central))
        }
    }

    @Test func aPostWhoseListDriftedFromItsGenerationIsCopiedWhole() throws {
        try withCentralAndPost { central, post in
            try importFiles(central, [try central.file("list.csv", sampleCSV)], version: "v1")
            try sync(central, post)
            let queue = try DatabaseQueue(path: post.location)
            try queue.write { try $0.execute(sql: "DELETE FROM list_records WHERE record_id = 'IF-2024-000005'") }
            try queue.close()
            try importFiles(central, [try central.file("d.csv", header + "N-1,ESP,AAA000001,P,stolen,,\n")])
            let report = try sync(central, post)
            #expect(report.kind == .full)
            #expect(
                report.reason?.hasPrefix("the post's list differed from the central list of its generation") == true)
            #expect(try postRecords(post) == centralRecords(central))
        }
    }

    /// A sync stopped midway — by a failure at the post, or by the central connection dropping — leaves the
    /// post's previous list whole and usable, delta or full copy.
    @Test(arguments: [false, true])
    func anInterruptedSyncLeavesThePostsListIntact(full: Bool) throws {
        try withCentralAndPost { central, post in
            try importFiles(central, [try central.file("list.csv", sampleCSV)], version: "v1")
            try sync(central, post)
            let before = try postRecords(post)
            let inode = try fileID(post.location)
            let added = (0..<40).map { "N-\($0),ESP,AAA\(String(100_000 + $0)),P,stolen,,\n" }.joined()
            if full {
                try importFiles(
                    central, [try central.file("full.csv", sampleCSV + added)], replace: true, version: "v2")
            } else {
                let changes = added + "IF-2024-000001,UKR,FA123456,P,lost,,\nIF-2024-000003,,,,withdrawn,,\n"
                try importFiles(central, [try central.file("d.csv", header + changes)], version: "v2")
            }

            struct Stop: Error {}
            #expect(throws: (any Error).self) {
                try sync(central, post, batchSize: 2) { _ in throw Stop() }
            }
            try expectUnchanged(post, records: before, inode: inode)

            // The link drops: the central server ends the sync's connection after the first batch.
            var dropped = false
            #expect(throws: (any Error).self) {
                try sync(central, post, batchSize: 1) { _ in
                    guard !dropped else { return }
                    dropped = true
                    try execute(
                        central,
                        """
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                        """)
                }
            }
            #expect(dropped)
            try expectUnchanged(post, records: before, inode: inode)

            let report = try sync(central, post)
            #expect(report.kind == (full ? .full : .delta) && report.info.version == "v2")
            #expect(try postRecords(post) == centralRecords(central))
        }
    }

    @Test func aCentralDatabaseMadeBeforeTheChangeLogGetsOneWhenOpened() throws {
        try withCentralAndPost { central, post in
            try importFiles(central, [try central.file("list.csv", sampleCSV)], version: "v1")
            try importFiles(central, [try central.file("d.csv", header + "N-1,ESP,AAA000001,P,stolen,,\n")])
            try execute(central, "DROP TABLE list_changes, list_change_log")  // as an earlier docguard left it
            _ = try central.open()
            #expect(try logRow(central) == [2, 2])
            #expect(try sync(central, post).kind == .full)
            try importFiles(central, [try central.file("d3.csv", header + "N-2,ESP,AAA000002,P,stolen,,\n")])
            #expect(try logRow(central) == [2, 3])
            let report = try sync(central, post)
            #expect(report.kind == .delta && report.upserted == 1)
            #expect(try postRecords(post) == centralRecords(central))
        }
    }

    @Test(
        arguments: [
            (nil, 5, "the post holds no list"),
            (
                ListInfo(version: "v", importedAt: "t", records: 0, generation: 3, source: "L"), 5,
                "the post holds no list"
            ),
            (
                ListInfo(version: "v", importedAt: "t", records: 5, generation: 3), 5,
                "the post's list was not synced from this central list"
            ),
            (ListInfo(version: "v", importedAt: "t", records: 5, generation: 5, source: "L"), 5, "nothing"),
            (ListInfo(version: "v", importedAt: "t", records: 5, generation: 4, source: "L"), 5, "changes since 4"),
            (ListInfo(version: "v", importedAt: "t", records: 5, generation: 2, source: "L"), 5, "changes since 2"),
            (
                ListInfo(version: "v", importedAt: "t", records: 5, generation: 1, source: "L"), 5,
                "the central list keeps changes only since generation 2"
            ),
            (
                ListInfo(version: "v", importedAt: "t", records: 5, generation: 7, source: "L"), 5,
                "the post's generation is ahead of the central list's"
            ),
            (
                ListInfo(version: "v", importedAt: "t", records: 5, generation: 4, source: "L"), 4,
                "the central change log stops at generation 4"
            ),
        ] as [(ListInfo?, Int, String)])
    func thePlanSendsADeltaOnlyWhenTheLogReachesThePost(post: ListInfo?, loggedThrough: Int, expected: String) {
        let central = CentralListState(
            info: ListInfo(version: "c", importedAt: "t", records: 9, generation: 5, source: "L"), completeAfter: 2,
            loggedThrough: loggedThrough)
        let shown =
            switch ListSync.plan(post: post, central: central) {
            case .nothing: "nothing"
            case .changes(let since): "changes since \(since)"
            case .everything(let reason): reason
            }
        #expect(shown == expected)
    }

    // MARK: - helpers

    /// A fresh central PostgreSQL store and a fresh post SQLite store.
    private func withCentralAndPost(_ body: (StoreFixture, StoreFixture) throws -> Void) throws {
        try withFixture(.postgres) { central in try withFixture(.sqlite) { post in try body(central, post) } }
    }

    @discardableResult
    private func sync(
        _ central: StoreFixture, _ post: StoreFixture, batchSize: Int = ListSync.defaultBatchSize,
        rowsApplied: (Int) throws -> Void = { _ in }
    ) throws -> ListSyncReport {
        try ListSync.run(
            from: try PostgresListStore(url: central.location), into: try post.open(), batchSize: batchSize,
            timeout: .seconds(30), rowsApplied: rowsApplied)
    }

    private func expectUnchanged(_ post: StoreFixture, records: [String], inode: [UInt64]) throws {
        #expect(try postRecords(post) == records)
        #expect(try fileID(post.location) == inode)
        #expect(!FileManager.default.fileExists(atPath: post.location + ".importing"))
        let matcher = try ListMatcher(store: try post.open())
        #expect(matcher.usesFilter && matcher.info?.version == "v1" && matcher.info?.generation == 1)
        #expect(
            try matcher.verdict(issuingState: "UKR", documentNumber: "FA123456").hits.map(\.record.status) == [.stolen])
    }

    private static let recordColumns =
        "record_id, issuing_state, document_number, coalesce(document_type, ''), status, coalesce(reported_on, ''), coalesce(number_to, '')"

    /// Every record of the post's store, one line each, by record_id.
    private func postRecords(_ post: StoreFixture) throws -> [String] {
        let queue = try DatabaseQueue(path: post.location)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.recordColumns) FROM list_records ORDER BY record_id").map {
                row in (0..<7).map { row[$0] as String }.joined(separator: ",")
            }
        }
    }

    /// Every record of the central store, in the same form.
    private func centralRecords(_ central: StoreFixture) throws -> [String] {
        try query(central, "SELECT \(Self.recordColumns) FROM list_records ORDER BY record_id COLLATE \"C\"").map {
            row in
            let (a, b, c, d, e, f, g) = try row.decode((String, String, String, String, String, String, String).self)
            return [a, b, c, d, e, f, g].joined(separator: ",")
        }
    }

    private func centralListID(_ central: StoreFixture) throws -> String? {
        try query(central, "SELECT list_id FROM list_change_log").first?.decode(String.self)
    }

    /// `complete_after` and `logged_through` of the central change log.
    private func logRow(_ central: StoreFixture) throws -> [Int] {
        guard let row = try query(central, "SELECT complete_after, logged_through FROM list_change_log").first
        else { return [] }
        let (after, through) = try row.decode((Int, Int).self)
        return [after, through]
    }

    private func execute(_ central: StoreFixture, _ sql: String) throws { _ = try query(central, sql) }

    private func query(_ central: StoreFixture, _ sql: String) throws -> [PostgresRow] {
        let (connection, logger) = try StoreFixture.connect(central.location)
        defer { try? connection.close().wait() }
        return try Array(connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait())
    }

    /// The file's device and inode: a full copy puts a new file in place, a delta changes it in place.
    private func fileID(_ path: String) throws -> [UInt64] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FixtureError("cannot stat the store") }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
