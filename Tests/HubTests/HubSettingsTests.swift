import Hummingbird
import Testing

@testable import Hub

/// What the hub refuses before it connects or listens.
struct HubSettingsTests {
    @Test(arguments: [
        ("127.0.0.1:8080", true), ("127.1.2.3:80", true), ("localhost:8080", true), ("[::1]:8080", true),
        ("0.0.0.0:8080", false), ("10.1.2.3:8080", false), ("[::]:8080", false), ("example.org:80", false),
        ("127.0.0.1.example.org:80", false),
    ])
    func onlyLoopbackAddressesAreLoopback(text: String, loopback: Bool) throws {
        #expect(try ListenAddress(parsing: text).isLoopback == loopback)
    }

    @Test(arguments: [
        ("127.0.0.1:8080", true), ("localhost", true), ("LOCALHOST:80", true), ("[::1]:8080", true),
        ("evil.example:8080", false), ("127.0.0.1.evil.example", false), ("[::2]:80", false), ("10.0.0.1", false),
    ])
    func onlyThisMachinesNamesPassTheHostCheck(authority: String, passes: Bool) {
        #expect(LoopbackHostCheck<BasicRequestContext>.isLoopback(authority: authority) == passes)
    }

    @Test(arguments: ["8080", "127.0.0.1", "127.0.0.1:", ":8080", "127.0.0.1:70000", "::1:8080", "[::1]"])
    func malformedListenAddressesAreRefused(text: String) {
        #expect(throws: HubError.badListenAddress(text)) { try ListenAddress(parsing: text) }
    }

    @Test func aPasswordInTheURLIsRefusedWithoutShowingIt() {
        for url in ["postgres://hub:s3cret@127.0.0.1/central", "postgres://hub@127.0.0.1/central?password=s3cret"] {
            do {
                _ = try HubServer(databaseURL: url, password: nil)
                Issue.record("accepted \(url)")
            } catch {
                #expect(!error.description.contains("s3cret"))
                #expect(error.description.contains("must not hold the password"))
            }
        }
    }

    @Test func theFoldTableIsTheListMatchersFolding() {
        #expect(DocumentSearch.foldTable.letters == "BGIOSZ")
        #expect(DocumentSearch.foldTable.digits == "861052")
        #expect(DocumentSearch(typed: "l898-902c<") == DocumentSearch(typed: "L898902C"))
        #expect(DocumentSearch(typed: "OB12")?.folded == "0812")
        #expect(DocumentSearch(typed: "<script>") == nil)
        #expect(DocumentSearch(typed: "o1x")?.spellings()?.sorted() == ["01X", "0IX", "O1X", "OIX"])
        #expect(DocumentSearch(typed: "AX")?.spellings() == ["AX"])
        #expect(DocumentSearch(typed: String(repeating: "0", count: 12))?.spellings()?.count == 4096)
        #expect(DocumentSearch(typed: String(repeating: "0", count: 13))?.spellings() == nil)
        #expect(DocumentSearch(typed: String(repeating: "A", count: 41)) == nil)
    }

    @Test func aDatabaseWithoutTheCentralTablesIsRefusedBeforeServing() async throws {
        let fixture = try await CentralFixture(tables: false)
        do {
            let server = try HubServer(databaseURL: fixture.url, password: fixture.password)
            await #expect(throws: HubError.notCentral(database: fixture.url, missing: "central_results")) {
                try await server.checkDatabase()
            }
        }
        await fixture.close()
    }

    @Test func theHubsSessionIsReadOnlyOnTheServersSide() async throws {
        let fixture = try await CentralFixture(tables: false)
        do {
            let database = try CentralDatabase(url: fixture.url, password: fixture.password)
            let rows = try await database.select("SHOW default_transaction_read_only")
            #expect(try rows.first?.decode(String.self) == "on")
            await #expect(throws: HubError.self) { try await database.select("CREATE TABLE written (x integer)") }
            await database.close()
        } catch {
            Issue.record(error)
        }
        await fixture.close()
    }

    @Test func aRoleThatMaySelectOnlyIsAllTheHubNeedsAndOneThatMayNotIsRefusedAtStart() async throws {
        let fixture = try await CentralFixture()
        do {
            let reader = try HubServer(databaseURL: try await fixture.role(selecting: true), password: "hub-reader")
            try await reader.checkDatabase()
            let hub = try await RunningHub.start(reader)
            let posts = try await hub.get("/api/posts")
            await hub.stop()
            #expect(posts.status == 200)
            #expect(posts.body.contains("\"post_id\":\"north-1\""))

            let nobodyURL = try await fixture.role(selecting: false)
            let nobody = try HubServer(databaseURL: nobodyURL, password: "hub-reader")
            await #expect(
                throws: HubError.cannotOpen(
                    database: nobodyURL, reason: "permission denied for table central_results")
            ) { try await nobody.checkDatabase() }
        } catch {
            Issue.record(error)
        }
        await fixture.close()
    }
}
