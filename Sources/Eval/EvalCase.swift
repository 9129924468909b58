import Foundation
import GroundTruth
import Pipeline

/// One scan to score, with the MRZ it should read as and the groups it is tallied under.
public struct EvalCase: Sendable, Equatable {
    /// The scan's path, as reached from the folder given.
    public var scan: String
    /// The MRZ lines as printed; empty for a scan that carries no MRZ.
    public var lines: [String]
    /// Group name and member, e.g. `("format", "TD3")`, `("kind", "photo")`, `("degradation", "blur")`.
    public var groups: [EvalGroup]
    /// How the page was forged (`viz_birth_date`, `mrz_rebuilt`…, as synth's truth names it); nil for a genuine one.
    public var tampering: String?

    /// A case with every property given.
    public init(scan: String, lines: [String], groups: [EvalGroup], tampering: String? = nil) {
        self.scan = scan
        self.lines = lines
        self.groups = groups
        self.tampering = tampering
    }

    /// The cases of `folder`: the rows of its `truth.jsonl` manifest when it has one, else every scan below it
    /// with a `docguard.truth/1` file beside it (as `docguard synth` writes). Sorted by path.
    public static func cases(in folder: String) throws -> [EvalCase] {
        let manifest = (folder as NSString).appendingPathComponent(TruthManifest.fileName)
        if FileManager.default.fileExists(atPath: manifest) {
            return try TruthManifest.read(manifest).sorted { $0.scan.utf8.lexicographicallyPrecedes($1.scan.utf8) }
        }
        return try ScanInputs.files([folder]).compactMap { scan in
            let truthPath = (scan as NSString).deletingPathExtension + ".json"
            guard let data = FileManager.default.contents(atPath: truthPath),
                let truth = try? ScanTruth.decode(data), truth.schema == ScanTruth.schemaTag
            else { return nil }
            return EvalCase(
                scan: scan, lines: truth.lines,
                groups: [EvalGroup("format", truth.format)] + truth.classes.map { EvalGroup("degradation", $0) },
                tampering: truth.tampering?.kind)
        }
    }
}

/// A tally group and the member a case counts under.
public struct EvalGroup: Sendable, Hashable {
    /// The grouping, e.g. `format`.
    public var group: String
    /// The member, e.g. `TD3`.
    public var name: String

    /// `name` within `group`.
    public init(_ group: String, _ name: String) {
        self.group = group
        self.name = name
    }
}

/// A set of real images described by one `truth.jsonl` file beside them (`../shared/data/real-dev` uses it):
/// one JSON object per line with `file` (relative to the manifest), `mrz` (the printed lines, `[]` when the
/// image carries none), and optionally `format` and `kind` (`specimen_scan`, `photo`, …).
public enum TruthManifest {
    /// The manifest's file name.
    public static let fileName = "truth.jsonl"

    private struct Row: Decodable {
        var file: String
        var mrz: [String]
        var format: String?
        var kind: String?
    }

    /// The cases the manifest at `path` describes; throws naming the line that is not a row.
    public static func read(_ path: String) throws -> [EvalCase] {
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError.inputNotFound(path) }
        let folder = (path as NSString).deletingLastPathComponent
        var cases: [EvalCase] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            guard let row = try? JSONDecoder().decode(Row.self, from: Data(line)) else {
                throw EvalError.badManifest(file: path, line: index + 1)
            }
            let format = row.format ?? (row.mrz.isEmpty ? "none" : "unknown")
            cases.append(
                EvalCase(
                    scan: (folder as NSString).appendingPathComponent(row.file), lines: row.mrz,
                    groups: [EvalGroup("kind", row.kind ?? "unknown"), EvalGroup("format", format)]))
        }
        return cases
    }
}
