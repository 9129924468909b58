import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL server of one test's own (Debian's binaries) in a temporary folder, on a free loopback port,
/// with a `docguard` role (trust authentication, loopback only) and database: a central database whose link
/// a test can cut and restore (`stop`, `start`) without touching the shared server other tests use. Run as the
/// `postgres` user when the tests run as root (PostgreSQL refuses root). Stopped and removed when released.
public final class PrivatePostgres {
    /// Why the server could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// The superuser role's URL to the `docguard` database.
    public var url: String { "postgres://docguard@127.0.0.1:\(port)/docguard" }
    private let folder: String
    private let binaries: String
    private var data: String { folder + "/data" }

    /// Makes, starts and fills the server (a role and database named docguard).
    public init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last else {
            throw Failure(description: "PostgreSQL is not installed (/usr/lib/postgresql is empty)")
        }
        binaries = "/usr/lib/postgresql/\(version)/bin"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 { _ = try Self.run("/bin/chown", ["postgres:postgres", folder]) }
        port = try Self.freePort()
        try runAsOwner("initdb", ["-D", data, "-U", "docguard", "--auth=trust", "-E", "UTF8", "--no-sync"])
        try start()
        try runAsOwner("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "docguard", "docguard"])
    }

    deinit {
        try? stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Starts the server and waits until it takes connections.
    public func start() throws {
        try runAsOwner(
            "pg_ctl",
            [
                "-D", data, "-w", "-l", folder + "/server.log", "-o",
                "-p \(port) -c listen_addresses=127.0.0.1 -k \(folder) -c fsync=off", "start",
            ])
    }

    /// Stops the server at once (connections dropped, as a cut link drops them).
    public func stop() throws {
        try runAsOwner("pg_ctl", ["-D", data, "-w", "-m", "immediate", "stop"])
    }

    /// Runs `psql` on the docguard database with `sql`; its output.
    @discardableResult
    public func psql(_ sql: String) throws -> String {
        try Self.run(
            binaries + "/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql, url])
    }

    private func runAsOwner(_ tool: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            _ = try Self.run("/sbin/runuser", ["-u", "postgres", "--", binaries + "/" + tool] + arguments)
        } else {
            _ = try Self.run(binaries + "/" + tool, arguments)
        }
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let child = try ChildProcess(executable, arguments, directory: "/", stdout: .pipe, stderr: .pipe)
        let outcome = child.finish()
        guard outcome.status == 0, !outcome.signalled else {
            throw Failure(
                description: "\((executable as NSString).lastPathComponent) failed: "
                    + String(decoding: outcome.stderr, as: UTF8.self))
        }
        return String(decoding: outcome.stdout, as: UTF8.self)
    }

    /// A loopback port no one listens on now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
