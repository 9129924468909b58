import Foundation
import Testing

/// `docguard synth --kinds` and `--tampered` through the built binary.
struct SynthCommandTests {
    /// Runs `docguard synth --out FOLDER` with `arguments` into a fresh folder, expects success, hands the folder
    /// to `body`, then removes it.
    func synth(_ arguments: [String], _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docguard-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Docguard.run(["synth", "--out", folder.path] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        try body(folder)
    }

    @Test("--kinds renders the kinds in turn, each named in its truth file")
    func kinds() throws {
        try synth([
            "--count", "2", "--seed", "3", "--dpi", "100", "--format", "TD1", "--kinds", "photo,cmyk",
            "--photo-frame", "640x480",
        ]) { folder in
            for (number, kind) in [("0001", "photo"), ("0002", "cmyk")] {
                let truth = try String(
                    contentsOf: folder.appendingPathComponent("td1/\(number).json"), encoding: .utf8)
                // The kind comes last, after any scanner degradations the scan also has.
                #expect(truth.contains(#""\#(kind)"],"dpi""#), "\(truth)")
                #expect(
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent("td1/\(number).jpg").path))
            }
        }
    }

    @Test("--tampered writes tampered pages whose truth names the tampering, and genuine ones without it")
    func tampered() throws {
        try synth(["--count", "6", "--seed", "18", "--dpi", "100", "--format", "TD3", "--tampered", "0.5"]) { folder in
            let truths = try (1...6).map { number in
                try String(contentsOf: folder.appendingPathComponent("td3/000\(number).json"), encoding: .utf8)
            }
            let tampered = truths.filter { $0.contains(#""tampering":{"fields":["#) }
            #expect(!tampered.isEmpty && tampered.count < truths.count, "\(truths)")
        }
    }

    @Test(
        "a scanner defect or an unknown name in --kinds, a bad --photo-frame or --tampered, is a usage error",
        arguments: [
            ["--kinds", "blur"], ["--kinds", "selfie"], ["--kinds", "photo", "--photo-frame", "12MP"],
            ["--tampered", "1.5"], ["--tampered", "half"],
        ])
    func badKinds(arguments: [String]) throws {
        let run = try Docguard.run(
            ["synth", "--out", "/nonexistent/docguard", "--count", "1", "--seed", "1"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("docguard: "))
    }

    @Test("docguard synth without docguard-synth beside it says so in one line and exits 2")
    func rendererMissing() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("docguard-alone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let alone = folder.appendingPathComponent("docguard")
        try FileManager.default.copyItem(at: Docguard.executable, to: alone)
        let run = try Docguard.run(["synth", "--out", folder.path, "--count", "1", "--seed", "1"], binary: alone)
        #expect(run.status == 2)
        #expect(
            run.stderr == "docguard: synth needs docguard-synth beside docguard (\(folder.path)/docguard-synth); "
                + "build it with swift build\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["docguard"])
    }

    @Test("the docguard binary needs neither FreeType nor libjpeg and holds no renderer code; docguard-synth does")
    func rendererStaysOutOfTheBorderPostBinary() throws {
        let docguard = try Data(contentsOf: Docguard.executable, options: .alwaysMapped)
        let renderer = try Data(
            contentsOf: Docguard.executable.deletingLastPathComponent().appendingPathComponent("docguard-synth"),
            options: .alwaysMapped)
        // The dynamic section names each library needed; Swift symbols of the Synth module start `$s5Synth`.
        for marker in ["libfreetype.so", "$s5Synth"] {
            #expect(docguard.range(of: Data(marker.utf8)) == nil, "docguard holds \(marker)")
            #expect(renderer.range(of: Data(marker.utf8)) != nil, "docguard-synth lacks \(marker)")
        }
        #expect(docguard.range(of: Data("libjpeg.so".utf8)) == nil)
    }
}
