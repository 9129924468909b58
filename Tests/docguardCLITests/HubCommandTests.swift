import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `docguard hub` as an officer meets it: one `docguard:` line and exit 2 for what it refuses or cannot reach,
/// the password never shown; and the built binary serving a real central database until SIGTERM.
struct HubCommandTests {
    static let secret = "hub-Pa55word-never-shown"

    /// Runs `docguard hub ARGUMENTS` with the database password in the environment.
    static func hub(_ arguments: [String]) throws -> Docguard.Run {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = secret
        let process = try ChildProcess(
            Docguard.executable.path, ["hub"] + arguments, environment: environment, stdout: .pipe, stderr: .pipe)
        let outcome = process.finish()
        return Docguard.Run(
            status: outcome.status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
            stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }

    @Test(arguments: [
        (
            ["--db", "postgres://hub@127.0.0.1/central", "--listen", "0.0.0.0:8080"],
            "--listen 0.0.0.0:8080 is reachable"
        ),
        (["--db", "postgres://hub@127.0.0.1/central", "--listen", "10.0.0.7:80"], "--listen 10.0.0.7:80 is reachable"),
        (["--db", "postgres://hub@127.0.0.1/central", "--listen", "8080"], "--listen 8080: not HOST:PORT"),
        (["--db", "postgres://hub:\(secret)@127.0.0.1/central"], "the URL must not hold the password"),
        (["--db", "not a url"], "cannot open (not a postgres://USER@HOST[:PORT]/DATABASE URL)"),
        (
            ["--db", "postgres://hub@127.0.0.1:1/central"],
            "central database postgres://hub@127.0.0.1:1/central: cannot open"
        ),
        (
            ["--db", "postgres://hub@127.0.0.1/central", "--password-file", "/nonexistent/pw"],
            "--password-file /nonexistent/pw: cannot read"
        ),
    ])
    func refusesWithOneLineAndExitTwo(arguments: [String], message: String) throws {
        let run = try Self.hub(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("docguard: "), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(!run.stderr.contains(Self.secret) && !run.stdout.contains(Self.secret))
    }

    @Test func aWrongPasswordIsOneLineThatDoesNotShowIt() throws {
        let url = try #require(Self.testServer(), "DOCGUARD_TEST_POSTGRES_URL is not set (bash .ci/start-postgres)")
        let run = try Self.hub(["--db", url])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot open (password authentication failed"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!run.stderr.contains(Self.secret))
    }

    /// The test server's URL without its password.
    static func testServer() -> String? {
        guard let admin = ProcessInfo.processInfo.environment["DOCGUARD_TEST_POSTGRES_URL"], !admin.isEmpty,
            var components = URLComponents(string: admin)
        else { return nil }
        components.password = nil
        return components.string
    }
}
