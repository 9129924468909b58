import Foundation
import Testing

/// `docguard scan` through the built binary, with the real Tesseract engine.
@Suite struct ScanCommandTests {
    static let testImages = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("TestImages")

    /// The first synthetic scan of `format` in TestImages (sorted), with its ground-truth lines.
    static func specimen(_ format: String) throws -> (image: URL, lines: [String]) {
        let folder = testImages.appendingPathComponent(format.lowercased())
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for name in names where name.hasSuffix(".json") {
            let truth =
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name)))
                as? [String: Any]
            let stem = String(name.dropLast(5))
            guard (truth?["degradations"] as? [String])?.isEmpty == true, let lines = truth?["lines"] as? [String],
                let image = names.first(where: { $0.hasPrefix(stem + ".") && !$0.hasSuffix(".json") })
            else { continue }
            return (folder.appendingPathComponent(image), lines)
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test func badFilesGetAnErrorResultAndTheRestOfTheBatchIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Self.specimen("TD3")
        let goodBytes = try Data(contentsOf: good.image)
        try goodBytes.write(to: folder.appendingPathComponent("c-good.img"))  // type told by content, not name
        try Data().write(to: folder.appendingPathComponent("a-empty.png"))
        try goodBytes.prefix(goodBytes.count / 3).write(to: folder.appendingPathComponent("b-truncated.png"))
        try Data("P<UTOERIKSSON<<ANNA\n".utf8).write(to: folder.appendingPathComponent("d-text.jpg"))
        try Data(Self.bombHeader).write(to: folder.appendingPathComponent("e-bomb.png"))

        let run = try Docguard.run(["scan", folder.path, "--jobs", "2", "--no-lists"])
        #expect(run.status == 0)
        let results = run.stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        let files = results.compactMap { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
        #expect(files == ["a-empty.png", "b-truncated.png", "c-good.img", "d-text.jpg", "e-bomb.png"])
        for result in results where (result["file"] as? String)?.hasSuffix("c-good.img") == false {
            #expect(result["status"] as? String == "error")
            #expect((result["error"] as? [String: Any])?["code"] as? String == "BAD_FILE")
            #expect(result["mrz"] is NSNull)
        }
        let read = try #require(results.first { ($0["file"] as? String)?.hasSuffix("c-good.img") == true })
        #expect(read["status"] as? String == "ok")
        #expect((read["mrz"] as? [String: Any])?["lines"] as? [String] == good.lines)
    }

    @Test func outputIsTheSameBytesRunAfterRun() throws {
        let good = try Self.specimen("TD1")
        let first = try Docguard.run(["scan", good.image.path, "--jobs", "1", "--no-lists"])
        let second = try Docguard.run(["scan", good.image.path, "--jobs", "2", "--no-lists"])
        #expect(first.status == 0)
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
    }

    @Test func debugDirHoldsTheBandAnAnnotatedPageAndThePrintedPagePerScan() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docguard-debug-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Self.specimen("MRVB")
        let run = try Docguard.run(["scan", good.image.path, "--debug-dir", folder.path, "--no-lists"])
        #expect(run.status == 0)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written.count == 4)
        for suffix in [".band.png", ".page.png", ".viz.png", ".viz.txt"] {
            #expect(written.contains { $0.hasSuffix(suffix) }, "\(suffix)")
        }
        for name in written where name.hasSuffix(".png") {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        // The words the page-text engine read, one line per text line, each with its confidence and place.
        let words = try String(
            contentsOf: folder.appendingPathComponent(written.first { $0.hasSuffix(".viz.txt") }!), encoding: .utf8)
        #expect(words.contains("["))
    }

    @Test func aPageWithoutAnMRZIsNoMRZ() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docguard-blank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A blank grey page with a dark box, as binary PGM (PNM is one of the formats read).
        let width = 600
        let height = 400
        var pixels = [UInt8](repeating: 230, count: width * height)
        for y in 100..<250 { for x in 50..<200 { pixels[y * width + x] = 40 } }
        let page = Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)
        try page.write(to: folder.appendingPathComponent("blank.pgm"))
        let run = try Docguard.run(["scan", folder.appendingPathComponent("blank.pgm").path, "--no-lists"])
        let result = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(result["status"] as? String == "no_mrz")
        #expect((result["error"] as? [String: Any])?["code"] as? String == "NO_MRZ")
        #expect(result["mrz"] is NSNull)
    }

    @Test func aMissingPathIsAUsageError() throws {
        let run = try Docguard.run(["scan", "/nonexistent/scan.png", "--no-lists"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("docguard: /nonexistent/scan.png"))
    }

    /// PNG signature and an IHDR declaring 200 000 × 200 000 pixels: refused from the header alone.
    static let bombHeader: [UInt8] = {
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        let chunk = Array("IHDR".utf8) + bigEndian(200_000) + bigEndian(200_000) + [8, 0, 0, 0, 0]
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in chunk {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian(13) + chunk + bigEndian(~crc)
    }()
}
