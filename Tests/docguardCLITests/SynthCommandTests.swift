import Foundation
import Testing

/// `docguard synth --kinds` through the built binary.
struct SynthCommandTests {
    @Test("--kinds renders the kinds in turn, each named in its truth file")
    func kinds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Docguard.run([
            "synth", "--out", folder.path, "--count", "2", "--seed", "3", "--dpi", "100", "--format", "TD1",
            "--kinds", "photo,cmyk", "--photo-frame", "640x480",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        for (number, kind) in [("0001", "photo"), ("0002", "cmyk")] {
            let truth = try String(contentsOf: folder.appendingPathComponent("td1/\(number).json"), encoding: .utf8)
            // The kind comes last, after any scanner degradations the scan also has.
            #expect(truth.contains(#""\#(kind)"],"dpi""#), "\(truth)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("td1/\(number).jpg").path))
        }
    }

    @Test("a scanner defect or an unknown name in --kinds, or a bad --photo-frame, is a usage error", arguments: [
        ["--kinds", "blur"], ["--kinds", "selfie"], ["--kinds", "photo", "--photo-frame", "12MP"],
    ])
    func badKinds(arguments: [String]) throws {
        let run = try Docguard.run(["synth", "--out", "/nonexistent/docguard", "--count", "1", "--seed", "1"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("docguard: "))
    }
}
