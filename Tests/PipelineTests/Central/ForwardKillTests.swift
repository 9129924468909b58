import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `docguard forward` killed (SIGKILL) at random moments while it sends, then run to its end: the centre holds
/// every line once, in file order.
@Suite struct ForwardKillTests {
    let scratch = ScratchFolder("forward-kill")

    @Test func killedAtRandomMomentsEveryLineArrivesOnceInOrder() throws {
        let fixture = try CentralFixture()
        defer { fixture.close() }
        let folder = try scratch.newFolder()
        let results = folder.appendingPathComponent("results.jsonl").path
        let count = 6_000
        try SyntheticResults.append(1...count, to: results)
        let pipeline = folder.appendingPathComponent("night.yaml").path
        try """
        mode: batch
        inputs: [scans]
        results: results.jsonl
        lists: none
        forward: \(fixture.postURL)
        post_id: post-k
        """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let docguard = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("docguard").path
        var random = SystemRandomNumberGenerator()
        var killed = 0
        for _ in 0..<3 {
            let process = try ChildProcess(docguard, ["forward", pipeline])
            usleep(useconds_t(150_000 + random.next() % 600_000))
            process.send(SIGKILL)
            if process.wait() == SIGKILL, process.signalled { killed += 1 }
        }
        let last = try ChildProcess(docguard, ["forward", pipeline], stdout: .pipe, stderr: .pipe).finish()
        #expect(last.status == 0, "\(String(decoding: last.stderr, as: UTF8.self))")
        #expect(String(decoding: last.stdout, as: UTF8.self).contains(#""waiting":0"#))
        let central = try fixture.centralResults(post: "post-k")
        #expect(central.count == count)
        #expect(central.map(\.sequence) == Array(1...count))
        #expect(killed > 0, "no run was killed before it finished: make the file larger")
    }
}
