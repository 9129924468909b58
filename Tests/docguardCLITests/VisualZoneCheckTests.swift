import Foundation
import Testing

/// The printed page held against the MRZ, end to end through the built binary with the real Tesseract engines:
/// forged pages from `docguard synth --tampered` (the printed number, name, birth or expiry changed, or the MRZ
/// rebuilt with valid check digits over the page) against their genuine neighbours.
struct VisualZoneCheckTests {
    /// 16 clean TD3 pages, seed 5: every kind of forgery among them, and genuine pages between.
    static let synthArguments = [
        "--count", "16", "--seed", "5", "--tampered", "0.5", "--clean", "--format", "TD3",
    ]

    /// Renders the pages, scans them with `scanArguments`, hands each result line with its truth to `body`.
    func scanned(_ scanArguments: [String], _ body: ([String: Any], [String: Any]) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docguard-viz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let synth = try Docguard.run(["synth", "--out", folder.path] + Self.synthArguments)
        #expect(synth.status == 0, "\(synth.stderr)")
        let scan = try Docguard.run(["scan", folder.path, "--no-lists", "--jobs", "2"] + scanArguments)
        #expect(scan.status == 0, "\(scan.stderr)")
        let lines = scan.stdout.split(separator: "\n")
        #expect(lines.count == 16)
        for line in lines {
            let result = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let scanPath = result["file"] as! String
            let truthPath = (scanPath as NSString).deletingPathExtension + ".json"
            let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: truthPath)))
            try body(result, truth as! [String: Any])
        }
    }

    static func reasons(_ result: [String: Any]) -> [String] {
        ((result["risk"] as? [String: Any])?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("every forgery is a VIZ_MISMATCH naming the changed fields, no genuine page is")
    func forgeriesAreFound() throws {
        var kinds = Set<String>()
        try scanned([]) { result, truth in
            let file = result["file"] as! String
            let viz = result["viz"] as? [String: [String: Any]]
            #expect(viz?.count == 6, "\(file)")
            let differing = Set((viz ?? [:]).filter { $0.value["verdict"] as? String == "differs" }.keys)
            if let tampering = truth["tampering"] as? [String: Any] {
                kinds.insert(tampering["kind"] as! String)
                #expect(Self.reasons(result).contains("VIZ_MISMATCH"), "\(file): \(tampering)")
                #expect(!differing.isDisjoint(with: tampering["fields"] as! [String]), "\(file): \(differing)")
                let level = (result["risk"] as? [String: Any])?["level"] as? String
                #expect(level == "review" || level == "alert")
            } else {
                #expect(!Self.reasons(result).contains("VIZ_MISMATCH"), "\(file): \(differing)")
            }
        }
        #expect(kinds.count == 5, "\(kinds)")
    }

    @Test("--no-viz writes no viz object and finds no VIZ_MISMATCH")
    func switchedOff() throws {
        try scanned(["--no-viz"]) { result, _ in
            #expect(result["viz"] == nil)
            #expect(!Self.reasons(result).contains("VIZ_MISMATCH"))
        }
    }
}
