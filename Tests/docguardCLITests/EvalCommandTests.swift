import Foundation
import Testing

/// `docguard eval` over a folder with a `truth.jsonl` manifest, through the built binary and real Tesseract.
@Suite struct EvalCommandTests {
    /// A folder holding copies of a TD3 and a TD1 TestImages scan and a manifest giving the TD3 its true lines
    /// and the TD1 lines with one character wrong; with the wrong truth and both scans' true lines.
    static func folder() throws -> (folder: URL, wrongTruth: [String], td3: [String], td1: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-eval-\(UUID().uuidString)")
        let scans = folder.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        let td3 = try ScanCommandTests.specimen("TD3")
        let td1 = try ScanCommandTests.specimen("TD1")
        try FileManager.default.copyItem(at: td3.image, to: scans.appendingPathComponent("passport.jpg"))
        try FileManager.default.copyItem(at: td1.image, to: scans.appendingPathComponent("card.jpg"))
        var wrong = td1.lines
        var second = Array(wrong[1].utf8)
        second[3] = second[3] == UInt8(ascii: "5") ? UInt8(ascii: "6") : UInt8(ascii: "5")
        wrong[1] = String(decoding: second, as: UTF8.self)
        func row(_ file: String, _ lines: [String], _ format: String) throws -> String {
            let object: [String: Any] = ["file": file, "mrz": lines, "format": format, "kind": "specimen_scan"]
            let data = try JSONSerialization.data(withJSONObject: object, options: .sortedKeys)
            return String(decoding: data, as: UTF8.self)
        }
        let manifest = try row("scans/passport.jpg", td3.lines, "TD3") + "\n" + row("scans/card.jpg", wrong, "TD1")
        try Data((manifest + "\n").utf8).write(to: folder.appendingPathComponent("truth.jsonl"))
        return (folder, wrong, td3.lines, td1.lines)
    }

    /// The table row starting with `name`, split on blanks.
    static func row(_ name: String, in output: String) -> [String]? {
        output.split(separator: "\n").first { $0.hasPrefix(name + " ") }?.split(separator: " ").map(String.init)
    }

    @Test func scoresTheManifestAndListsTheMissWithoutItsText() throws {
        let (folder, wrong, td3, td1) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try Docguard.run(["eval", folder.path, "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nkind                read / scans    rate\n"))
        #expect(Self.row("specimen_scan", in: run.stdout) == ["specimen_scan", "1", "/", "2", "50.0", "%"])
        #expect(Self.row("TD3", in: run.stdout) == ["TD3", "1", "/", "1", "100.0", "%"])
        #expect(Self.row("TD1", in: run.stdout) == ["TD1", "0", "/", "1", "0.0", "%"])
        #expect(Self.row("all", in: run.stdout) == ["all", "1", "/", "2", "50.0", "%"])
        let card = folder.appendingPathComponent("scans/card.jpg").path
        #expect(run.stdout.contains("\n\(card): characters (wrong characters per line: 0, 1, 0)\n"))
        for line in wrong + td3 + td1 { #expect(!run.stdout.contains(line)) }

        let shown = try Docguard.run(["eval", folder.path, "--jobs", "2", "--show-misses"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("\n  truth: \(wrong.joined(separator: " / "))\n"))
        #expect(shown.stdout.contains("\n  read:  \(td1.joined(separator: " / "))\n"))
        #expect(!shown.stdout.contains(td3[0]))
    }

    @Test func aBadManifestRowIsAnErrorNamingTheLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = folder.appendingPathComponent("truth.jsonl")
        try Data("{\"file\": \"a.png\", \"mrz\": []}\n{\"file\": \"b.png\"}\n".utf8).write(to: manifest)
        let run = try Docguard.run(["eval", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(manifest.path):2: not a truth row"))
        #expect(run.stdout.isEmpty)
    }
}
