import Foundation
import GRDB
import Synchronization
import Testing

@testable import Lists

/// What only the SQLite store has: its connections for lookups, and an index layout made for large lists.
@Suite struct SQLiteStoreTests {
    @Test("a lookup and the ranges are read from their indexes alone, not from the table as well")
    func lookupsAndRangesComeFromCoveringIndexes() throws {
        try withFixture(.sqlite) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)])
            let queue = try DatabaseQueue(path: fixture.location)
            defer { try? queue.close() }
            func plan(_ sql: String) throws -> [String] {
                try queue.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
                }
            }
            let ranges = try plan(
                "SELECT * FROM list_records INDEXED BY list_records_ranges WHERE number_to IS NOT NULL")
            #expect(ranges.contains { $0.contains("COVERING INDEX list_records_ranges") }, "\(ranges)")
            let lookup = try plan(
                "SELECT * FROM list_records WHERE issuing_state = 'UKR' AND folded_number = 'FA123456' AND number_to IS NULL"
            )
            #expect(lookup.contains { $0.contains("COVERING INDEX list_records_key") }, "\(lookup)")
            let store = try fixture.open()
            #expect(try store.rangeRecords().map(\.recordID) == ["IF-2024-000002"])
            #expect(
                try store.records(state: "UKR", foldedNumber: DocumentNumber.folded("FA123456")).map(\.recordID) == [
                    "IF-2024-000001"
                ])
        }
    }

    @Test("readers at the same time each get a connection of their own, and later readers reuse them")
    func oneConnectionPerReaderAtOnce() throws {
        try withFixture(.sqlite) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)])
            let opened = Counter()
            let location = fixture.location
            let connections = SQLiteReadConnections {
                opened.value.withLock { $0 += 1 }
                var configuration = Configuration()
                configuration.readonly = true
                return try DatabaseQueue(path: location, configuration: configuration)
            }
            let readers = 4
            let arrived = DispatchSemaphore(value: 0)
            let proceed = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            let counts = ReadCounts()
            for _ in 0..<readers {
                done.enter()
                Thread {
                    defer { done.leave() }
                    let count = try? connections.with { connection in
                        arrived.signal()
                        _ = proceed.wait(timeout: .now() + 10)  // every reader holds its connection until all have one
                        return try connection.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM list_records") }
                    }
                    counts.values.withLock { $0.append(count ?? nil) }
                }.start()
            }
            for _ in 0..<readers { #expect(arrived.wait(timeout: .now() + 10) == .success) }
            for _ in 0..<readers { proceed.signal() }
            #expect(done.wait(timeout: .now() + 10) == .success)
            #expect(counts.values.withLock { $0 } == [Int?](repeating: 5, count: readers))
            #expect(opened.value.withLock { $0 } == readers)

            for _ in 0..<10 { _ = try connections.with { try $0.read { try Int.fetchOne($0, sql: "SELECT 1") } } }
            #expect(opened.value.withLock { $0 } == readers)
        }
    }
}

private final class Counter: Sendable { let value = Mutex(0) }
private final class ReadCounts: Sendable { let values = Mutex<[Int?]>([]) }
