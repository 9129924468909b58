import Foundation
import Testing

@testable import Lists
@testable import Pipeline

/// The central database's roles as `docguard central setup` makes them, tried on a real server: a post may
/// sync the list and forward its results, and nothing else; the hub may only read.
@Suite struct CentralRolesTests {
    let scratch = ScratchFolder("central-roles")

    @Test func aPostMaySyncAndForwardButNeitherReadBackNorChangeAnything() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let folder = try scratch.newFolder()
        let list = folder.appendingPathComponent("list.csv").path
        try
            "record_id,issuing_state,document_number,document_type,status,reported_on,number_to\nA-1,UTO,L898902C3,P,stolen,2024-01-01,\n"
            .write(toFile: list, atomically: true, encoding: .utf8)
        try fixture.importList(list, version: "central-1")

        // Sync: opening the central list as the post needs no DDL.
        let post = folder.appendingPathComponent("lists.sqlite").path
        let report = try ListSync.run(
            from: try PostgresListStore(url: fixture.postURL), into: try ListStores.open(post, create: true))
        #expect(report.kind == .full && report.info.records == 1)

        // Forward.
        let results = folder.appendingPathComponent("results.jsonl").path
        try SyntheticResults.append(1...5, to: results)
        let forwarder = try ResultForwarder(
            ForwardConfiguration(central: fixture.postURL, postID: "post-9"), results: results, lists: post)
        #expect(try forwarder.forward().sent == 5)
        let listed = try fixture.admin("SELECT list_version, list_generation::text FROM central_post_reports")
        #expect(listed.first == ["central-1", "1"])

        let asPost = try PostgresSession(url: fixture.postURL)
        for statement in [
            "SELECT count(*) FROM central_results", "UPDATE central_results SET level = 'clear'",
            "DELETE FROM central_results", "SELECT count(*) FROM central_post_reports",
            "DELETE FROM central_post_reports",
            "INSERT INTO list_records VALUES ('X', 'UTO', 'X', 'X', NULL, NULL, 'stolen', NULL)",
            "DELETE FROM list_records", "UPDATE list_info SET value = 'x'", "DELETE FROM list_changes",
            "CREATE TABLE central_extra (x int)", "TRUNCATE central_results",
        ] {
            #expect(throws: ListError.self, "\(statement)") { try asPost.execute(statement) }
        }
        let asHub = try PostgresSession(url: fixture.hubURL)
        #expect(try asHub.execute("SELECT count(*)::text FROM central_results") == [["5"]])
        #expect(try asHub.execute("SELECT count(*)::text FROM central_post_reports") == [["1"]])
        for statement in [
            "INSERT INTO central_post_reports (post_id, queue_depth, scans, alerts, reviews) VALUES ('x', 0, 0, 0, 0)",
            "DELETE FROM central_results", "SELECT count(*) FROM list_records",
        ] {
            #expect(throws: ListError.self, "\(statement)") { try asHub.execute(statement) }
        }
    }

    @Test func thePasswordIsInNoMessage() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let folder = try scratch.newFolder()
        let secret = "wrong-\(UUID().uuidString)"
        let file = folder.appendingPathComponent("pw").path
        _ = FileManager.default.createFile(
            atPath: file, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        let wrong = fixture.postURL.replacingOccurrences(
            of: #"password_file=.*$"#, with: "password_file=\(file)", options: .regularExpression)
        var messages: [String] = []
        do { _ = try PostgresSession(url: wrong) } catch { messages.append("\(error)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        do { _ = try PostgresSession(url: wrong) } catch { messages.append("\(error)") }
        let inURL = wrong.replacingOccurrences(of: "@", with: ":\(secret)@")
            .replacingOccurrences(of: #"\?.*$"#, with: "", options: .regularExpression)
        do { _ = try PostgresSession(url: inURL) } catch { messages.append("\(error)") }
        // A watch run's status file and log, the centre refusing the post.
        let results = folder.appendingPathComponent("results.jsonl").path
        try SyntheticResults.append(1...2, to: results)
        do {
            _ = try ResultForwarder(
                ForwardConfiguration(central: inURL, postID: "p"), results: results, lists: nil
            ).forward()
        } catch { messages.append("\(error)") }
        #expect(messages.count == 4)
        #expect(messages[0].contains("password authentication failed"))
        #expect(messages[1].contains("chmod 600"))
        for message in messages { #expect(!message.contains(secret) && !message.contains(fixture.postPassword)) }
    }
}
