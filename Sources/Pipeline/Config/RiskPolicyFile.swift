import Foundation
import Plumbing

/// Reads a risk policy file (`Models/risk.yaml`; schema in its own comments and the README).
public enum RiskPolicyFile {
    /// The shipped policy, `risk.yaml` in the first models folder that has one (`$DOCGUARD_MODELS`,
    /// `./Models`, the source tree's `Models/`: the folders OCR models are looked up in).
    public static func locateDefault() throws -> String {
        let folders = ModelFolders.searchOrder()
        guard let folder = folders.first(where: { FileManager.default.isReadableFile(atPath: $0 + "/risk.yaml") })
        else {
            throw ConfigError(
                file: "risk.yaml", line: 0, key: "",
                problem: "no risk policy found in \(folders.prefix(3).joined(separator: ", ")); give one with --risk")
        }
        return folder + "/risk.yaml"
    }

    /// The policy at `path`. Throws a `ConfigError` naming the line and key of anything unknown, missing or
    /// out of range, or when a rule has no weight: a policy that forgot a rule would silently clear it.
    public static func load(_ path: String) throws -> RiskPolicy {
        let root = try ConfigValue.load(file: path).object(
            allowed: ["schema", "version", "levels", "thresholds", "weights", "specimens"],
            required: ["schema", "version", "levels", "thresholds", "weights", "specimens"])
        let schema = try root["schema"]!.string()
        guard schema == "docguard.risk/1" else { throw root["schema"]!.error("must be docguard.risk/1") }
        let levels = try root["levels"]!.object(allowed: ["review", "alert"], required: ["review", "alert"])
        let reviewFrom = try levels["review"]!.int(in: 1...100)
        let alertFrom = try levels["alert"]!.int(in: 1...100)
        guard reviewFrom < alertFrom else { throw levels["alert"]!.error("must be above levels.review") }
        let thresholds = try root["thresholds"]!.object(
            allowed: ["low_confidence_below", "repaired_many_characters", "max_age_years"],
            required: ["low_confidence_below", "repaired_many_characters", "max_age_years"])
        return RiskPolicy(
            version: try root["version"]!.string(), reviewFrom: reviewFrom, alertFrom: alertFrom,
            points: try weights(root["weights"]!),
            lowConfidenceBelow: try thresholds["low_confidence_below"]!.double(in: 0...1),
            repairedManyCharacters: try thresholds["repaired_many_characters"]!.int(in: 1...100),
            maxAgeYears: try thresholds["max_age_years"]!.int(in: 1...200),
            specimens: try specimens(root["specimens"]!))
    }

    /// `weights`: every rule once, each `{points: N, why: "..."}`; the justification is required.
    private static func weights(_ value: ConfigValue) throws -> [RiskRule: Int] {
        let rules = try value.object(
            allowed: Set(RiskRule.allCases.map(\.rawValue)), required: Set(RiskRule.allCases.map(\.rawValue)))
        var points: [RiskRule: Int] = [:]
        for (name, weight) in rules {
            let fields = try weight.object(allowed: ["points", "why"], required: ["points", "why"])
            _ = try fields["why"]!.string()
            points[RiskRule(rawValue: name)!] = try fields["points"]!.int(in: 0...100)
        }
        return points
    }

    private static func specimens(_ value: ConfigValue) throws -> SpecimenMarkers {
        let fields = try value.object(allowed: ["states", "names", "name_words", "numbers"])
        func list(_ key: String) throws -> Set<String> { Set(try fields[key]?.strings() ?? []) }
        return SpecimenMarkers(
            states: try list("states"), names: try list("names"), nameWords: try list("name_words"),
            numbers: try list("numbers"))
    }
}
