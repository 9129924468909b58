import Foundation
import GRDB
import MRZ
import PostgresNIO
import TestSupport
import Testing

@testable import Lists

/// Seeded random sequences of imports, replaces, withdrawals, failed and refused imports and imports killed
/// with SIGKILL (the built `docguard` binary, killed at a random moment): after every step the store holds
/// exactly the last committed list — every record as committed, nothing else, the key filter answering for
/// each — or no list before the first commit. `DOCGUARD_PROPERTY_SEED` replays another sequence (the moment a
/// kill lands depends on the machine, so a killed import may have committed or not; both are checked).
@Suite(.serialized) struct ListStorePropertyTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["DOCGUARD_PROPERTY_SEED"] ?? "") ?? 2026_11_30
    static let steps = 36
    private let header = "record_id,issuing_state,document_number,status\n"

    @Test(arguments: Backend.allCases)
    func theStoreIsAlwaysTheLastCommittedList(_ backend: Backend) throws {
        var random = SeededGenerator(seed: Self.seed)
        try withFixture(backend) { fixture in
            var model = Model()
            for step in 0..<Self.steps {
                let what = "seed \(Self.seed), step \(step)"
                switch random.next() % 7 {
                case 0, 1: try importRows(fixture, &model, replace: false, random: &random, what)
                case 2: try importRows(fixture, &model, replace: true, random: &random, what)
                case 3: try withdraw(fixture, &model, random: &random, what)
                case 4: try failPartway(fixture, model, replace: random.next() % 2 == 0, random: &random, what)
                default: try kill(fixture, &model, replace: random.next() % 3 == 0, random: &random, what)
                }
                try expectStore(fixture, holds: model, what)
            }
        }
    }

    // MARK: Steps

    /// Random rows over a small set of ids (so ids repeat, within a file and across imports), a few bad.
    private func rows(_ count: Int, random: inout SeededGenerator) -> (text: String, changes: [ListChange]) {
        var text = header
        var changes: [ListChange] = []
        for _ in 0..<count {
            let id = "P-\(random.next() % 24)"
            switch random.next() % 20 {
            case 0: text += "\(id),1X,N1,stolen\n"  // bad: skipped
            case 1, 2, 3:
                text += "\(id),,,withdrawn\n"
                changes.append(.withdraw(recordID: id))
            default:
                let state = ["UTO", "FRA", "D"][Int(random.next() % 3)]
                let number = "N\(random.next() % 40)"
                let status = [ListStatus.stolen, .lost, .revoked][Int(random.next() % 3)]
                text += "\(id),\(state),\(number),\(status.rawValue)\n"
                changes.append(
                    .upsert(
                        ListRecord(
                            recordID: id, issuingState: state, documentNumber: number,
                            documentType: nil, status: status, reportedOn: nil, numberTo: nil)))
            }
        }
        return (text, changes)
    }

    private func importRows(
        _ fixture: StoreFixture, _ model: inout Model, replace: Bool,
        random: inout SeededGenerator, _ what: String
    ) throws {
        let (text, changes) = rows(1 + Int(random.next() % 30), random: &random)
        let allowShrink = random.next() % 2 == 0
        try importFile(
            fixture, &model, text, changes, replace: replace,
            safety: ListImportSafety(allowShrink: allowShrink), what)
    }

    private func withdraw(
        _ fixture: StoreFixture, _ model: inout Model, random: inout SeededGenerator,
        _ what: String
    ) throws {
        let ids = model.records.keys.sorted().filter { _ in random.next() % 3 == 0 } + ["NEVER-\(random.next() % 9)"]
        let text = header + ids.map { "\($0),,,withdrawn\n" }.joined()
        let allowEmpty = random.next() % 2 == 0
        try importFile(
            fixture, &model, text, ids.map { .withdraw(recordID: $0) }, replace: false,
            safety: ListImportSafety(allowEmpty: allowEmpty), what)
    }

    /// One import through the library: committed as the model says, or refused (empty, or a replace keeping
    /// less than half) and then nothing changes.
    private func importFile(
        _ fixture: StoreFixture, _ model: inout Model, _ text: String, _ changes: [ListChange],
        replace: Bool, safety: ListImportSafety, _ what: String
    ) throws {
        let path = try fixture.file("step.csv", text)
        let after = model.applying(changes, replace: replace)
        let before = model.committed ? model.records.count : 0
        let refused =
            (after.records.isEmpty && !safety.allowEmpty)
            || (replace && !safety.allowShrink && !after.records.isEmpty && after.records.count * 2 < before)
        do {
            try importFiles(fixture, [path], replace: replace, version: "v\(model.generation + 1)", safety: safety)
            #expect(!refused, "\(what): an import that should have been refused went through")
            model = after
        } catch ListError.refusedImport {
            #expect(refused, "\(what): refused")
        }
    }

    /// An import that fails after some of its rows were written (its last file cannot be read).
    private func failPartway(
        _ fixture: StoreFixture, _ model: Model, replace: Bool, random: inout SeededGenerator,
        _ what: String
    ) throws {
        let good = try fixture.file("good.csv", rows(5 + Int(random.next() % 20), random: &random).text)
        #expect(throws: ListError.self, "\(what)") {
            try importFiles(fixture, [good, good + ".missing"], replace: replace, version: "never")
        }
    }

    /// `docguard lists import` of a larger file, killed with SIGKILL after a random wait: the list is then the
    /// one before or, when the kill came after the commit, the one imported, never anything in between.
    private func kill(
        _ fixture: StoreFixture, _ model: inout Model, replace: Bool, random: inout SeededGenerator,
        _ what: String
    ) throws {
        let count = 4_000 + Int(random.next() % 8_000)
        var text = header
        var changes: [ListChange] = []
        for index in 0..<count {
            let id = index % 500 == 0 ? "P-\(index % 24)" : "K-\(random.next() % 20_000)"
            let number = "K\(random.next() % 100_000)"
            text += "\(id),UTO,\(number),stolen\n"
            changes.append(
                .upsert(
                    ListRecord(
                        recordID: id, issuingState: "UTO", documentNumber: number,
                        documentType: nil, status: .stolen, reportedOn: nil, numberTo: nil)))
        }
        let path = try fixture.file("kill.csv", text)
        let docguard = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("docguard")
        let process = try ChildProcess(
            docguard.path,
            [
                "lists", "import", path, "--store", fixture.location,
                "--list-version", "v\(model.generation + 1)", "--allow-shrink",
            ]
                + (replace ? ["--replace"] : []))
        usleep(useconds_t(random.next() % 900_000))
        process.send(SIGKILL)
        process.wait()
        try fixture.awaitOtherSessionsEnded()
        let info = try fixture.open().info()
        if info?.generation == model.generation + 1 { model = model.applying(changes, replace: replace) }
    }

    // MARK: The check

    private func expectStore(_ fixture: StoreFixture, holds model: Model, _ what: String) throws {
        let store = try fixture.open()
        guard model.committed else {
            #expect(try store.info() == nil, "\(what): a list where none was committed")
            return
        }
        let info = try #require(try store.info(), "\(what)")
        #expect(info.generation == model.generation && info.version == "v\(model.generation)", "\(what)")
        #expect(info.records == model.records.count, "\(what)")
        let stored = try dump(fixture)
        #expect(stored == model.records.values.sorted { $0.recordID < $1.recordID }, "\(what): the records differ")
        // The key filter and the store agree: every committed record is found through the matcher.
        let matcher = try ListMatcher(store: store)
        for record in model.records.values where record.recordID.hasPrefix("P-") || record.recordID.hasSuffix("7") {
            let verdict = try matcher.verdict(issuingState: record.issuingState, documentNumber: record.documentNumber)
            let hits = verdict.hits
            #expect(hits.contains { $0.kind == .exact && $0.record == record }, "\(what): \(record.recordID) not found")
        }
    }

    /// Every record in the store, by record_id, read from its table.
    private func dump(_ fixture: StoreFixture) throws -> [ListRecord] {
        try unsortedDump(fixture).sorted { $0.recordID < $1.recordID }  // not the server's collation
    }

    private func unsortedDump(_ fixture: StoreFixture) throws -> [ListRecord] {
        let sql = "SELECT record_id, issuing_state, document_number, status FROM list_records"
        func record(_ id: String, _ state: String, _ number: String, _ status: String) -> ListRecord {
            ListRecord(
                recordID: id, issuingState: state, documentNumber: number, documentType: nil,
                status: ListStatus(rawValue: status)!, reportedOn: nil, numberTo: nil)
        }
        switch fixture.backend {
        case .sqlite:
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: fixture.location, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                try Row.fetchAll(db, sql: sql).map { record($0[0], $0[1], $0[2], $0[3]) }
            }
        case .postgres:
            let (connection, logger) = try StoreFixture.connect(fixture.location)
            defer { try? connection.close().wait() }
            return try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait().map { row in
                let (id, state, number, status) = try row.decode((String, String, String, String).self)
                return record(id, state, number, status)
            }
        }
    }
}

/// The list as last committed.
private struct Model {
    var records: [String: ListRecord] = [:]
    var generation = 0
    var committed: Bool { generation > 0 }

    /// The list after an import of `changes`, in order (a replace starts from nothing).
    func applying(_ changes: [ListChange], replace: Bool) -> Model {
        var next = Model(records: replace ? [:] : records, generation: generation + 1)
        for change in changes {
            switch change {
            case .upsert(let record): next.records[record.recordID] = record
            case .withdraw(let id): next.records[id] = nil
            }
        }
        return next
    }
}
