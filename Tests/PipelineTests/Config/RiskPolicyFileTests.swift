import Foundation
import Testing

@testable import Pipeline

struct RiskPolicyFileTests {
    /// This test's files, removed when it ends.
    private let scratch = ScratchFolder("risk")

    /// The shipped policy with `edit` applied to its text, written to a temporary file.
    private func policyFile(_ edit: (String) -> String) throws -> String {
        let shipped = try String(
            contentsOf: RiskFixtures.packageRoot.appendingPathComponent("Models/risk.yaml"), encoding: .utf8)
        let path = try scratch.newFolder().appendingPathComponent("risk.yaml").path
        try edit(shipped).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The 1-based line of the first line of `text` containing `needle`.
    private func line(of needle: String, in text: String) -> Int {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }! + 1
    }

    @Test("the shipped policy loads: every rule weighed, thresholds in order")
    func shippedPolicyLoads() throws {
        let policy = try RiskFixtures.shippedPolicy()
        #expect(policy.points.count == RiskRule.allCases.count)
        #expect(policy.reviewFrom < policy.alertFrom)
        #expect(policy.specimens.states.contains("UTO"))
    }

    @Test("an unknown key is refused with the file, its line and the key")
    func unknownKey() throws {
        var text = ""
        let path = try policyFile { shipped in
            text = shipped.replacingOccurrences(
                of: "  max_age_years: 120", with: "  max_age_years: 120\n  max_age_yaers: 3")
            return text
        }
        #expect {
            try RiskPolicyFile.load(path)
        } throws: { error in
            let error = error as? ConfigError
            return error?.line == line(of: "max_age_yaers", in: text) && error?.key == "thresholds.max_age_yaers"
                && error?.file == path && "\(error!)".contains("unknown key")
        }
    }

    @Test("a rule without a weight is refused: it would silently count nothing")
    func missingRule() throws {
        let path = try policyFile { $0.replacingOccurrences(of: "  EXPIRED:\n", with: "  EXPIRED_NOT:\n") }
        #expect(throws: ConfigError.self) { try RiskPolicyFile.load(path) }
    }

    @Test(
        "bad values are refused with their key",
        arguments: [
            ("    points: 90", "    points: 900", "weights.LIST_STOLEN.points"),
            ("  alert: 70", "  alert: 20", "levels.alert"),
            ("  low_confidence_below: 0.6", "  low_confidence_below: lots", "thresholds.low_confidence_below"),
            ("schema: docguard.risk/1", "schema: docguard.risk/9", "schema"),
        ])
    func badValues(original: String, replacement: String, key: String) throws {
        var text = ""
        let path = try policyFile { shipped in
            text = shipped.replacingOccurrences(of: original, with: replacement)
            return text
        }
        #expect {
            try RiskPolicyFile.load(path)
        } throws: { error in
            let error = error as? ConfigError
            return error?.key == key && error?.line == line(of: replacement, in: text)
        }
    }

    @Test("a file that is not YAML says where")
    func notYAML() throws {
        let path = try policyFile { _ in "levels:\n  review: [1,\n" }
        #expect {
            try RiskPolicyFile.load(path)
        } throws: { error in
            (error as? ConfigError)?.problem.contains("not valid YAML") == true && (error as? ConfigError)!.line > 0
        }
    }
}
