import Foundation
import GRDB
import Testing

@testable import Lists

@Suite struct SQLiteReadConnectionsTests {
    @Test("readers at the same time each get a connection of their own, and later readers reuse them")
    func oneConnectionPerReaderAtOnce() throws {
        try withFixture(.sqlite) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)])
            let opened = NSLock(), state = OpenedCount()
            let connections = SQLiteReadConnections {
                opened.withLock { state.count += 1 }
                var configuration = Configuration()
                configuration.readonly = true
                return try DatabaseQueue(path: fixture.location, configuration: configuration)
            }
            let readers = 4
            let arrived = DispatchSemaphore(value: 0), proceed = DispatchSemaphore(value: 0), done = DispatchGroup()
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
                    opened.withLock { counts.values.append(count ?? nil) }
                }.start()
            }
            for _ in 0..<readers { #expect(arrived.wait(timeout: .now() + 10) == .success) }
            for _ in 0..<readers { proceed.signal() }
            #expect(done.wait(timeout: .now() + 10) == .success)
            #expect(counts.values == [Int?](repeating: 5, count: readers))
            #expect(state.count == readers)

            for _ in 0..<10 { _ = try connections.with { try $0.read { try Int.fetchOne($0, sql: "SELECT 1") } } }
            #expect(state.count == readers)
        }
    }
}

private final class OpenedCount: @unchecked Sendable { var count = 0 }
private final class ReadCounts: @unchecked Sendable { var values: [Int?] = [] }
