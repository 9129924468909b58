import Foundation
import Lists
import Logging
import Plumbing
import PostgresNIO
import Testing

@testable import Hub

/// A central database of its own on the PostgreSQL server `DOCGUARD_TEST_POSTGRES_URL` names (shared with the
/// other PostgreSQL tests: each fixture makes a database with a random name and drops it), with the central tables
/// made by `CentralSchema` and rows inserted as a forwarding post would: three posts' results, copied columns taken
/// from the result line, and their contact reports, at fixed times. Without the variable the tests fail, they do
/// not skip.
final class CentralFixture: Sendable {
    /// The URL the hub is given: no password in it.
    let url: String
    /// The password, for the hub to be given apart from the URL.
    let password: String?
    let name: String
    private let admin: String

    /// The clock the hub is given: two hours after the first result arrived.
    static let now = Date(timeIntervalSince1970: 1_764_504_000)  // 2025-11-30T12:00:00Z
    /// The posts, by name; the third's name is hostile.
    static let posts = ["east-2", "north-1", "west<script>alert(0)</script>"]

    /// A database with the central tables filled, or with `tables` false an empty one.
    init(tables: Bool = true) async throws {
        guard let admin = ProcessInfo.processInfo.environment["DOCGUARD_TEST_POSTGRES_URL"], !admin.isEmpty else {
            throw FixtureFailure(
                "DOCGUARD_TEST_POSTGRES_URL is not set: the hub tests need a PostgreSQL server (bash .ci/start-postgres)"
            )
        }
        self.admin = admin
        name = "docguard_hub_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try await Self.execute(["CREATE DATABASE \(name)"], on: admin)
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        password = components.password
        components.password = nil
        url = components.string!
        var withPassword = components
        withPassword.password = password
        guard tables else { return }
        do {
            try await Self.execute(CentralSchema.tables, on: withPassword.string!)
            try await fill(withPassword.string!)
        } catch {
            await close()  // no fixture comes of it, so nothing else would drop the database
            throw error
        }
    }

    /// Drops the database (connections and all), then the roles made for it.
    func close() async {
        try? await Self.execute(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"], on: admin)
        for role in roles.withLock({ $0 }) { try? await Self.execute(["DROP ROLE IF EXISTS \(role)"], on: admin) }
    }

    private let roles = Locked<[String]>([])

    /// A new login role (password `hub-reader`) that may SELECT the central tables, or with `selecting` false
    /// nothing at all; the URL the hub is given to use it. Dropped by `close()`.
    func role(selecting: Bool) async throws -> String {
        let role = "\(name)_\(selecting ? "reader" : "nobody")"
        roles.withLock { $0.append(role) }
        var components = URLComponents(string: admin)!
        try await Self.execute(["CREATE ROLE \(role) LOGIN PASSWORD 'hub-reader'"], on: components.string!)
        components.path = "/" + name
        if selecting {
            try await Self.execute(
                ["GRANT SELECT ON central_results, central_post_reports TO \(role)"], on: components.string!)
        }
        components.user = role
        components.password = nil
        return components.string!
    }

    /// The golden scan results: twelve lines, alerts, reviews and clear ones.
    static let goldenLines: [String] = {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docguardCLITests/Golden/scan-subset.jsonl")
        return try! String(contentsOf: golden, encoding: .utf8).split(separator: "\n").map(String.init)
    }()

    /// The last golden line (a LIST_FUZZY alert) with hostile text wherever a post's data reaches the page.
    static let hostileLine: String = {
        var object = try! JSONSerialization.jsonObject(with: Data(goldenLines[11].utf8)) as! [String: Any]
        object["file"] = "scan\"><img src=x onerror=alert(1)>.jpg"
        object["sha256"] = String(repeating: "f", count: 64)  // another scan than the line it was made from
        var risk = object["risk"] as! [String: Any]
        var reasons = risk["reasons"] as! [[String: Any]]
        reasons[0]["detail"] = "<b>listed</b> & <script>alert(2)</script>"
        risk["reasons"] = reasons
        object["risk"] = risk
        var list = object["list"] as! [String: Any]
        list["version"] = "v1<script>alert(4)</script>"
        var records = list["records"] as! [[String: Any]]
        records[0]["record_id"] = "<i>R-1</i>"
        list["records"] = records
        object["list"] = list
        var viz = (object["viz"] as? [String: Any]) ?? [:]
        viz["surname"] = ["printed": "<script>alert(3)</script>", "verdict": "differs"]
        object["viz"] = viz
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }()

    /// What each post forwarded, in its order: north-1 the first four golden lines, east-2 the next four, the
    /// hostile post the last four and the hostile line. Arrival one minute apart from 10:00.
    static let forwarded: [(post: String, line: String)] = {
        let north = goldenLines[0..<4].map { ("north-1", $0) }
        let east = goldenLines[4..<8].map { ("east-2", $0) }
        let west = (goldenLines[8..<12] + [hostileLine]).map { (posts[2], $0) }
        return north + east + west
    }()

    private func fill(_ url: String) async throws {
        var statements: [PostgresQuery] = []
        var sequence: [String: Int] = [:]
        for (index, (post, line)) in Self.forwarded.enumerated() {
            sequence[post, default: 0] += 1
            let received = Self.now.addingTimeInterval(Double(index * 60 - 7200))
            statements.append(Self.forward(post: post, sequence: sequence[post]!, line: line, receivedAt: received))
        }
        for (offset, post) in Self.posts.enumerated() {
            // An older report first, then the latest: the hub must show the latest.
            statements.append(Self.report(post: post, at: Self.now.addingTimeInterval(-86400), queue: 99, scans: 1))
            // The hostile post's list import time is no time at all, and hostile.
            statements.append(
                Self.report(
                    post: post, at: Self.now.addingTimeInterval(Double(-600 * (offset + 1))), queue: offset,
                    scans: 100 * (offset + 1), imported: offset == 2 ? "<b>yesterday</b>" : "2025-11-30T06:00:00Z"))
        }
        let (connection, logger) = try await Self.connect(url)
        do {
            for statement in statements { _ = try await connection.query(statement, logger: logger) }
        } catch {
            try? await connection.close()
            throw FixtureFailure("filling the central tables: \(PostgresSession.reason(error))")
        }
        try await connection.close()
    }

    /// The row a post inserts for one result line: the columns copied out of the line.
    static func forward(post: String, sequence: Int, line: String, receivedAt: Date) -> PostgresQuery {
        """
        INSERT INTO central_results (post_id, sha256, list_generation, record, post_sequence, status, level, score,
            reasons, document_number, issuing_state, list_version, file, line, received_at)
        SELECT \(post), coalesce(j->>'sha256', ''), 7, coalesce((j->>'record')::integer, 0), \(sequence),
            j->>'status', j->'risk'->>'level', (j->'risk'->>'score')::integer,
            coalesce((SELECT string_agg(reason->>'code', ',' ORDER BY position)
                FROM jsonb_array_elements(j->'risk'->'reasons') WITH ORDINALITY AS listed(reason, position)), ''),
            j->'mrz'->>'documentNumber', j->'mrz'->>'issuingState', j->'list'->>'version', j->>'file', \(line),
            \(receivedAt)
        FROM (SELECT \(line)::jsonb AS j) AS parsed
        """
    }

    static func report(
        post: String, at: Date, queue: Int, scans: Int, imported: String = "2025-11-30T06:00:00Z"
    ) -> PostgresQuery {
        """
        INSERT INTO central_post_reports (post_id, reported_at, list_version, list_generation, list_imported_at,
            queue_depth, scans, alerts, reviews)
        VALUES (\(post), \(at), 'sample-list', 7, \(imported), \(queue), \(scans), \(scans / 10),
            \(scans / 5))
        """
    }

    /// Runs statements one by one on a connection of the tests' own.
    static func execute(_ statements: [String], on url: String) async throws {
        let (connection, logger) = try await connect(url)
        do {
            for statement in statements {
                _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    static func connect(_ url: String) async throws -> (PostgresConnection, Logger) {
        let components = URLComponents(string: url)!
        let configuration = PostgresConnection.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user!,
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let logger = Logger(label: "docguard.hub.tests")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        return (connection, logger)
    }
}

struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A hub serving in this process on a port the system chose, stopped by `stop()`.
struct RunningHub {
    let port: Int
    private let task: Task<Void, any Error>

    /// Starts `server` and waits until it listens.
    static func start(_ server: HubServer) async throws -> RunningHub {
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await server.serve(on: ListenAddress(host: "127.0.0.1", port: 0), handleSignals: false) { port in
                listening.yield(port)
            }
        }
        for await port in ports { return RunningHub(port: port, task: task) }
        throw FixtureFailure("the hub did not start")
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// One GET: status, headers (lower-case names) and body; `host` replaces the `Host` header.
    func get(_ path: String, host: String? = nil) async throws -> (status: Int, headers: [String: String], body: String)
    {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.cachePolicy = .reloadIgnoringLocalCacheData
        if let host { request.setValue(host, forHTTPHeaderField: "Host") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return (http.statusCode, headers, String(decoding: data, as: UTF8.self))
    }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs `body` with a filled central database and a hub serving it, both removed afterwards.
func withHub(_ body: (CentralFixture, RunningHub) async throws -> Void) async throws {
    let fixture = try await CentralFixture()
    do {
        let server = try HubServer(databaseURL: fixture.url, password: fixture.password, now: { CentralFixture.now })
        try await server.checkDatabase()
        let hub = try await RunningHub.start(server)
        do {
            try await body(fixture, hub)
        } catch {
            await hub.stop()
            throw error
        }
        await hub.stop()
    } catch {
        await fixture.close()
        throw error
    }
    await fixture.close()
}
