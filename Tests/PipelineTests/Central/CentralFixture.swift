import Foundation
import Testing

@testable import Lists

/// A central database of its own on the PostgreSQL server `DOCGUARD_TEST_POSTGRES_URL` names (CI starts one;
/// without it these tests fail, they do not skip), set up by `docguard central setup`'s code with group roles
/// of its own, and a login role for a post and one for the hub, each with its password in a file only its
/// owner reads. `close()` drops the database and the roles.
final class CentralFixture {
    /// The database's name (`docguard_fwd_…`).
    let database: String
    /// The test server's owner URL for this database.
    let adminURL: String
    let postRole: String
    let hubRole: String
    let postLogin: String
    let hubLogin: String
    /// The post's URL: its login, its password from `password_file=`.
    let postURL: String
    /// The hub's URL.
    let hubURL: String
    /// The post's password (tests check it is shown nowhere).
    let postPassword: String
    private let folder: URL
    private let server: String

    init() throws {
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        guard let server = ProcessInfo.processInfo.environment["DOCGUARD_TEST_POSTGRES_URL"], !server.isEmpty else {
            throw CentralFixtureError(
                "DOCGUARD_TEST_POSTGRES_URL is not set: the central-database tests need a PostgreSQL server "
                    + "(run .ci/test, which starts one)")
        }
        self.server = server
        database = "docguard_fwd_\(tag)"
        (postRole, hubRole) = ("docguard_fwd_post_\(tag)", "docguard_fwd_hub_\(tag)")
        (postLogin, hubLogin) = ("docguard_fwd_p_\(tag)", "docguard_fwd_h_\(tag)")
        postPassword = "pw-\(UUID().uuidString)"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-central-\(tag)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try PostgresSession(url: server).execute("CREATE DATABASE \(database)")
        var components = URLComponents(string: server)!
        components.path = "/" + database
        adminURL = components.string!
        try CentralDatabase.setUp(url: adminURL, postRole: postRole, hubRole: hubRole)
        let hubPassword = "pw-\(UUID().uuidString)"
        let admin = try PostgresSession(url: adminURL)
        _ = try admin.execute("CREATE ROLE \(postLogin) LOGIN PASSWORD '\(postPassword)' IN ROLE \(postRole)")
        _ = try admin.execute("CREATE ROLE \(hubLogin) LOGIN PASSWORD '\(hubPassword)' IN ROLE \(hubRole)")
        // So that a test may cut the post's connections (pg_terminate_backend), as a dropped link would.
        _ = try admin.execute("GRANT \(postLogin) TO current_user")
        let host = "\(components.host!):\(components.port ?? 5432)"
        postURL =
            "postgres://\(postLogin)@\(host)/\(database)?password_file=" + (try Self.secret(postPassword, in: folder))
        hubURL =
            "postgres://\(hubLogin)@\(host)/\(database)?password_file=" + (try Self.secret(hubPassword, in: folder))
    }

    /// Runs `sql` as the database's owner; the rows, columns as text.
    @discardableResult
    func admin(_ sql: String) throws -> [[String?]] { try PostgresSession(url: adminURL).execute(sql) }

    /// Imports the list file `file` (CSV) into the central list as `version`, as the central unit would.
    func importList(_ file: String, version: String) throws {
        _ = try ListImporter.run(
            files: [file], into: try PostgresListStore(url: adminURL), replace: false, version: version,
            importedAt: "2026-11-30T00:00:00Z"
        ) { _ in }
    }

    /// The forwarded results of `post`, in arrival order: `post_sequence`, level.
    func centralResults(post: String) throws -> [(sequence: Int, level: String?)] {
        try admin("SELECT post_sequence::text, level FROM central_results WHERE post_id = '\(post)' ORDER BY id").map {
            (Int($0[0]!)!, $0[1])
        }
    }

    func close() {
        try? FileManager.default.removeItem(at: folder)
        guard let session = try? PostgresSession(url: server) else { return }
        _ = try? session.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        for role in [postLogin, hubLogin, postRole, hubRole] { _ = try? session.execute("DROP ROLE IF EXISTS \(role)") }
    }

    /// Writes `password` to a file only its owner may read; its path.
    private static func secret(_ password: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("secret-\(UUID().uuidString)").path
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data((password + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw CentralFixtureError("cannot write \(path)") }
        return path
    }
}

struct CentralFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Result lines made up for forwarding: line `n` (1-based) of a file is an alert when n % 10 == 0, a review
/// when n % 10 == 1, else clear, screened against list generation 3.
enum SyntheticResults {
    static func line(_ number: Int) -> String {
        let level = number % 10 == 0 ? "alert" : number % 10 == 1 ? "review" : "clear"
        let hash = String(repeating: "0", count: 48) + String(format: "%016x", number)
        return """
            {"file":"scans/\(number).png","list":{"checked":true,"error":null,"generation":3,"hit":false,"match":null,\
            "records":[],"version":"v3"},"mrz":null,"risk":{"level":"\(level)","reasons":[],"score":0},\
            "schema":"docguard.result/1","sha256":"\(hash)","status":"ok"}
            """
    }

    /// Appends lines `range` to `path`.
    static func append(_ range: ClosedRange<Int>, to path: String) throws {
        let text = range.map { line($0) + "\n" }.joined()
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
