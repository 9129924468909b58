import Foundation
import Testing

@testable import Lists

/// How a PostgreSQL URL is read and shown: no password in any message, no port that wraps round, IPv6 hosts.
@Suite struct PostgresURLTests {
    @Test(arguments: [
        ("postgres://u:secret@h/db", "postgres://u:***@h/db"),
        ("postgres://u@h/db?password=secret", "postgres://u@h/db?password=***"),
        ("postgres://u@h/db?sslmode=disable&PASSWORD=secret&x=1", "postgres://u@h/db?sslmode=disable&password=***&x=1"),
        ("postgres://u:secret@h:99x/db?password=secret#f", "postgres://u:***@h:99x/db?password=***#f"),
        ("postgres://u@[::1]:5432/db", "postgres://u@[::1]:5432/db"),
    ])
    func passwordsAreMaskedInTheURLAsShown(_ url: String, _ shown: String) {
        #expect(PostgresSession.redacted(url) == shown)
    }

    @Test func anIPv6HostInBracketsIsTheAddress() throws {
        let configuration = try PostgresSession.configuration("postgres://u@[::1]:6543/db", display: "")
        #expect(configuration.host == "::1" && configuration.port == 6543)
        let plain = try PostgresSession.configuration("postgres://u@127.0.0.1/db?password=p", display: "")
        #expect(plain.host == "127.0.0.1" && plain.port == 5432 && plain.password == "p")
    }

    @Test(arguments: ["postgres://u@h:99999/db", "postgres://u@h:0/db", "postgres://u@h:65536/db"])
    func aPortOutsideTheRangeIsRefused(_ url: String) {
        #expect {
            _ = try PostgresSession.configuration(url, display: url)
        } throws: { "\($0)".contains("the port must be 1–65535") }
    }

    @Test func anUnknownParameterIsRefusedRatherThanIgnored() {
        #expect {
            _ = try PostgresSession.configuration("postgres://u@h/db?sslmod=require", display: "shown")
        } throws: { "\($0)".contains("unknown URL parameter sslmod") }
    }
}

/// Where the password comes from when the URL holds none: a file only its owner reads, else `PGPASSWORD`.
@Suite struct PostgresPasswordTests {
    func file(_ text: String, mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        return path
    }

    @Test func theURLThenTheFileThenTheEnvironment() throws {
        let path = try file("from-file\nignored\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ["PGPASSWORD": "from-env"]
        let url = "postgres://u@h/db"
        #expect(try PostgresSession.configuration(url, display: "", environment: environment).password == "from-env")
        #expect(try PostgresSession.configuration(url, display: "", environment: [:]).password == nil)
        let withFile = url + "?password_file=" + path
        #expect(
            try PostgresSession.configuration(withFile, display: "", environment: environment).password == "from-file")
        let inURL = "postgres://u:from-url@h/db?password_file=" + path
        #expect(try PostgresSession.configuration(inURL, display: "", environment: environment).password == "from-url")
    }

    @Test func aFileOthersMayReadIsRefusedWithoutShowingIt() throws {
        let path = try file("s3cret-value", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let url = "postgres://u@h/db?password_file=" + path
        #expect {
            _ = try PostgresSession.configuration(url, display: PostgresSession.redacted(url), environment: [:])
        } throws: { "\($0)".contains("chmod 600") && !"\($0)".contains("s3cret") }
        #expect {
            _ = try PostgresSession.configuration(url + "-missing", display: "x", environment: [:])
        } throws: { "\($0)".contains("cannot read the password file") }
    }
}

/// The central database's set-up, as shipped for a DBA to read or run with psql, is what the code runs.
@Suite struct CentralSetupScriptTests {
    @Test func theShippedScriptIsWhatSetupRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shipped = try String(
            contentsOf: root.appendingPathComponent("pipelines/central/setup.sql"), encoding: .utf8)
        #expect(
            shipped == CentralSchema.setupScript(),
            "regenerate: docguard central setup --print > pipelines/central/setup.sql")
    }

    @Test(arguments: ["docguard_post", "_x", "p17"]) func roleNamesAccepted(_ name: String) {
        #expect(CentralSchema.roleNameProblem(name) == nil)
    }

    @Test(arguments: ["", "Post", "1post", "post;drop", "a-b", String(repeating: "a", count: 64)])
    func roleNamesRefused(_ name: String) {
        #expect(CentralSchema.roleNameProblem(name) != nil)
    }
}
