import Foundation
import Logging
import PostgresNIO
import Testing

@testable import Lists

/// The two real backends every store test runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A fresh, empty store of one backend: a SQLite file in a new temporary folder, or a new database on the
/// PostgreSQL server `DOCGUARD_TEST_POSTGRES_URL` names (CI starts one; without it the PostgreSQL tests
/// fail, they do not skip). `close()` removes it.
final class StoreFixture {
    let backend: Backend
    /// The STORE argument for this store.
    let location: String
    private let folder: URL
    private let database: String?

    init(_ backend: Backend) throws {
        self.backend = backend
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-lists-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            location = folder.appendingPathComponent("lists.sqlite").path
            database = nil
        case .postgres:
            let admin: String
            let name =
                "docguard_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            do {
                admin = try Self.adminURL()
                try Self.execute("CREATE DATABASE \(name)", on: admin)
            } catch {
                try? FileManager.default.removeItem(at: folder)  // no fixture comes of it, so nothing would remove it
                throw error
            }
            var components = URLComponents(string: admin)!
            components.path = "/" + name
            location = components.string!
            database = name
        }
    }

    /// Opens the store (a new connection each time, like a new process).
    func open() throws -> any ListStore { try ListStores.open(location, create: true) }

    /// Writes `text` to a file in the fixture's folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Waits until the server has ended every other session on the fixture's database. A killed importer's
    /// session ends (rolling back, letting go of the import lock) only once the server notices its client is gone,
    /// and an import started before that is refused as busy. Nothing to wait for on SQLite, whose locks go with the
    /// process. Throws after 60 s.
    func awaitOtherSessionsEnded() throws {
        guard let database else { return }
        let (connection, logger) = try Self.connect(try Self.adminURL())
        defer { try? connection.close().wait() }
        let deadline = Date().addingTimeInterval(60)
        while true {
            let others = try connection.query(
                "SELECT count(*)::int FROM pg_stat_activity WHERE datname = \(database) AND pid <> pg_backend_pid()",
                logger: logger
            ).wait().first?.decode(Int.self)
            if others == 0 { return }
            guard Date() < deadline else {
                throw FixtureError("a killed importer's session on \(database) never ended")
            }
            usleep(50_000)
        }
    }

    func close() {
        try? FileManager.default.removeItem(at: folder)
        if let database, let admin = try? Self.adminURL() {
            try? Self.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", on: admin)
        }
    }

    static func adminURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DOCGUARD_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw FixtureError(
                "DOCGUARD_TEST_POSTGRES_URL is not set: the PostgreSQL tests need a server (run .ci/test, which starts one)"
            )
        }
        return url
    }

    private static func execute(_ sql: String, on url: String) throws {
        let (connection, logger) = try connect(url)
        defer { try? connection.close().wait() }
        _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
    }

    /// A connection of the tests' own to the server and database `url` names (closed by the caller).
    static func connect(_ url: String) throws -> (PostgresConnection, Logger) {
        let components = URLComponents(string: url)!
        let configuration = PostgresConnection.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user!,
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let logger = Logger(label: "docguard.tests")
        let connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
        ).wait()
        return (connection, logger)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with a fresh store fixture of `backend`, removed afterwards.
func withFixture(_ backend: Backend, _ body: (StoreFixture) throws -> Void) throws {
    let fixture = try StoreFixture(backend)
    defer { fixture.close() }
    try body(fixture)
}

/// Imports files into the fixture's store; returns the report and the problems reported.
@discardableResult
func importFiles(
    _ fixture: StoreFixture, _ paths: [String], replace: Bool = false, version: String = "test",
    safety: ListImportSafety = ListImportSafety()
) throws -> (report: ListImportReport, problems: [ListRowProblem]) {
    var problems: [ListRowProblem] = []
    let report = try ListImporter.run(
        files: paths, into: try fixture.open(), replace: replace, version: version, importedAt: "2026-11-24T00:00:00Z",
        safety: safety
    ) { problems.append($0) }
    return (report, problems)
}

/// The SPEC.md example list plus rows that exercise every kind of match.
let sampleCSV = """
    record_id,issuing_state,document_number,document_type,status,reported_on,number_to
    IF-2024-000001,UKR,FA123456,P,stolen,2024-03-01,
    IF-2024-000002,MDA,B0100000,P,stolen_blank,2024-05-12,B0100999
    IF-2024-000003,UTO,L898902C3,P,lost,2024-01-02,
    IF-2024-000004,D,C01X00T47,P,revoked,2024-01-02,
    IF-2024-000005,FRA,"18CS91234",ID,invalidated,,

    """
