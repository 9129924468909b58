import Foundation
import Testing

@testable import Pipeline

/// The pipeline keys of forwarding and syncing: what they give, and one clear `ConfigError` line for each
/// thing refused.
struct CentralConfigurationTests {
    private let scratch = ScratchFolder("central-config")

    private static let watch = """
        mode: watch
        inbox: in
        processed: done
        quarantine: bad
        results: results.jsonl
        lists: lists.sqlite

        """

    func load(_ extra: String) throws -> RunConfiguration {
        let path = try scratch.newFolder().appendingPathComponent("watch.yaml").path
        try (Self.watch + extra).write(toFile: path, atomically: true, encoding: .utf8)
        return try RunConfiguration.load(path)
    }

    @Test func forwardingAndSyncingAsWritten() throws {
        let configuration = try load(
            """
            forward: postgres://post17@central/docguard
            post_id: BCP-17.north
            forward_levels: [alert, review]
            sync_from: postgres://post17@central/docguard?sslmode=require
            sync_minutes: 30
            password_file: secrets/central.pw
            """)
        let folder = (configuration.file! as NSString).deletingLastPathComponent
        let file = "password_file=\(folder)/secrets/central.pw"
        #expect(configuration.forward?.postID == "BCP-17.north")
        #expect(configuration.forward?.levels == ["alert", "review"])
        #expect(configuration.forward?.central == "postgres://post17@central/docguard?\(file)")
        #expect(configuration.listSync?.central == "postgres://post17@central/docguard?sslmode=require&\(file)")
        #expect(configuration.listSync?.minutes == 30)
        #expect(try load("forward: postgres://p@c/d\npost_id: p\nforward_levels: all\n").forward?.levels == nil)
        #expect(try load("").forward == nil)
    }

    @Test(arguments: [
        ("forward: postgres://p@c/d\n", "post_id: missing; forward needs the post's name at the centre"),
        ("forward: postgres://p@c/d\npost_id: \"BCP 17\"\n", "post_id: must be 1–64 letters, digits, -, _ or ."),
        ("forward: postgres://p:secret@c/d\npost_id: p\n", "forward: holds a password; put it in a file"),
        ("forward: postgres://p@c/d?password=secret\npost_id: p\n", "forward: holds a password"),
        ("forward: https://c/d\npost_id: p\n", "forward: must be a postgres://USER@HOST[:PORT]/DATABASE URL"),
        ("forward: postgres://p@c/d\npost_id: p\nforward_levels: [alert, loud]\n", "forward_levels: must be all, or"),
        ("post_id: p\n", "post_id: given without forward"),
        ("sync_minutes: 5\n", "sync_minutes: given without sync_from"),
        ("sync_from: postgres://p@c/d\nsync_minutes: 0\n", "sync_minutes: must be a number from 0.01"),
        ("sync_from: postgres://p:secret@c/d\n", "sync_from: holds a password"),
    ])
    func refusals(_ extra: String, _ problem: String) throws {
        #expect {
            _ = try load(extra)
        } throws: { error in
            let text = "\(error)"
            return error is ConfigError && text.contains(problem) && !text.contains("secret")
                && !text.contains("\n")
        }
    }

    @Test func syncingNeedsTheSQLiteStoreItKeepsInStep() throws {
        let path = try scratch.newFolder().appendingPathComponent("watch.yaml").path
        try Self.watch.replacingOccurrences(of: "lists: lists.sqlite", with: "lists: postgres://p@c/d")
            .appending("sync_from: postgres://p@c/d\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try RunConfiguration.load(path) }
    }
}
