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
