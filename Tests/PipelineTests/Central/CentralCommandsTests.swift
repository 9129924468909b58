import Foundation
import TestSupport
import Testing

/// The built binary's central commands against a real server: `central setup` again on a set-up database,
/// and a batch `run` that forwards its results at its end.
@Suite struct CentralCommandsTests {
    let scratch = ScratchFolder("central-commands")
    let docguard = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("docguard").path

    @Test func setupRunsAgainAndABatchForwardsItsResultsAtItsEnd() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let setup = try ChildProcess(
            docguard,
            [
                "central", "setup", "--db", fixture.adminURL, "--post-role", fixture.postRole, "--hub-role",
                fixture.hubRole,
            ],
            stdout: .pipe, stderr: .pipe
        ).finish()
        #expect(setup.status == 0, "\(String(decoding: setup.stderr, as: UTF8.self))")
        #expect(String(decoding: setup.stdout, as: UTF8.self).hasPrefix("central database set up: postgres://"))

        let folder = try scratch.newFolder()
        try PaxlstSample.flight.write(
            toFile: folder.appendingPathComponent("UA123.edi").path, atomically: true, encoding: .utf8)
        let pipeline = folder.appendingPathComponent("night.yaml").path
        try """
        mode: batch
        inputs: [UA123.edi]
        results: results.jsonl
        lists: none
        as_of: 2026-11-24
        forward: \(fixture.postURL)
        post_id: post-b
        forward_levels: [alert, review]
        """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let run = try ChildProcess(docguard, ["run", pipeline], stdout: .pipe, stderr: .pipe).finish()
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        // Without a list nothing is clear: every traveller is at least a review, so all eight go.
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("forwarded: 8 sent to the centre, 0 waiting"))
        #expect(try fixture.centralResults(post: "post-b").map(\.sequence) == Array(1...8))
    }
}
