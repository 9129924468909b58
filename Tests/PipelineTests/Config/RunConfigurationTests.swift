import Foundation
import Testing

@testable import Pipeline

struct RunConfigurationTests {
    /// This test's files, removed when it ends.
    private let scratch = ScratchFolder("pipeline")

    /// `text` written as a pipeline file in a fresh folder.
    func pipeline(_ text: String) throws -> String {
        let folder = try scratch.newFolder()
        let path = folder.appendingPathComponent("night.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the shipped example pipelines load")
    func examples() throws {
        for name in ["nightly", "qa", "watch"] {
            let path = RiskFixtures.packageRoot.appendingPathComponent("pipelines/\(name).yaml").path
            #expect(throws: Never.self) { try RunConfiguration.load(path) }
        }
    }

    @Test("relative paths are relative to the pipeline file, spelled without ./ and ../ steps")
    func relativePaths() throws {
        let path = try pipeline(
            "mode: batch\ninputs: [scans, ../other/*.png]\nresults: out/results.jsonl\nlists: postgres://u@h/db\nas_of: 2026-01-31\njobs: 3\n"
        )
        let folder = (path as NSString).deletingLastPathComponent
        let configuration = try RunConfiguration.load(path)
        guard case .batch(let batch) = configuration.mode else {
            Issue.record("not batch mode")
            return
        }
        #expect(batch.inputs == [folder + "/scans", (folder as NSString).deletingLastPathComponent + "/other/*.png"])
        #expect(batch.output == .resumable(folder + "/out/results.jsonl") && batch.expandsPatterns)
        #expect(configuration.stages.lists == "postgres://u@h/db")
        #expect(configuration.stages.asOf?.description == "2026-01-31" && configuration.stages.jobs == 3)
        #expect(RunConfiguration.joined("pipelines", "../TestImages/./td3/a.jpg") == "TestImages/td3/a.jpg")
    }

    @Test("the visual zone check is on with eng unless the pipeline says otherwise")
    func visualZoneKeys() throws {
        let base = "mode: batch\ninputs: [a]\nresults: r.jsonl\nlists: none\n"
        #expect(try RunConfiguration.load(try pipeline(base)).stages.visualZoneModel == "eng")
        #expect(try RunConfiguration.load(try pipeline(base + "viz: false\n")).stages.visualZoneModel == nil)
        #expect(try RunConfiguration.load(try pipeline(base + "viz_model: fra\n")).stages.visualZoneModel == "fra")
        #expect(
            try RunConfiguration.load(try pipeline(base + "viz: false\nviz_model: fra\n")).stages.visualZoneModel == nil
        )
    }

    @Test("on_alert: the command with its defaults, or every setting as given")
    func alertCommandKeys() throws {
        let base = "mode: watch\ninbox: in\nprocessed: p\nquarantine: q\nresults: r.jsonl\nlists: none\n"
        func command(_ more: String) throws -> AlertCommand? {
            guard case .watch(let watch) = try RunConfiguration.load(try pipeline(base + more)).mode else { return nil }
            return watch.alertCommand
        }
        #expect(try command("") == nil)
        #expect(
            try command("on_alert: /usr/local/bin/page-officer --post A\n")
                == AlertCommand(command: "/usr/local/bin/page-officer --post A"))
        #expect(
            try command("on_alert: notify\non_alert_reviews: true\non_alert_timeout_seconds: 5\non_alert_retries: 0\n")
                == AlertCommand(command: "notify", includesReviews: true, timeoutSeconds: 5, retries: 0))
    }

    @Test(
        "mistakes are refused with the file, line and key",
        arguments: [
            ("mode: batch\ninputs: [a]\nresults: r.jsonl\nsettle_secnds: 2\n", 4, "settle_secnds", "unknown key"),
            ("mode: batch\ninputs: [a]\nresults: r.jsonl\njobs: 0\n", 4, "jobs", "whole number"),
            ("mode: nightly\ninputs: [a]\nresults: r.jsonl\n", 1, "mode", "watch or batch"),
            ("mode: batch\nresults: r.jsonl\n", 1, "inputs", "batch mode needs it"),
            ("mode: watch\ninbox: in\nresults: r.jsonl\nprocessed: p\n", 1, "quarantine", "watch mode needs it"),
            ("mode: batch\ninputs: [a]\nresults: r.jsonl\nas_of: 2026-02-30\n", 4, "as_of", "YYYY-MM-DD"),
            ("mode: batch\ninputs: [a]\nresults: r.jsonl\nlists: none\nviz: sometimes\n", 5, "viz", "true or false"),
            ("mode: batch\ninputs: [a]\nresults: r.jsonl\nlists: none\nviz_model: ../eng\n", 5, "viz_model", "model"),
            (
                "mode: batch\ninputs: [a]\nresults: r.jsonl\nlists: none\non_alert: page\n", 5, "on_alert",
                "only watch mode"
            ),
            (
                "mode: watch\ninbox: i\nprocessed: p\nquarantine: q\nresults: r.jsonl\nlists: none\non_alert_retries: 2\n",
                7,
                "on_alert_retries", "without on_alert"
            ),
            (
                "mode: watch\ninbox: i\nprocessed: p\nquarantine: q\nresults: r.jsonl\nlists: none\non_alert: page\n"
                    + "on_alert_timeout_seconds: 0\n", 8, "on_alert_timeout_seconds", "number from"
            ),
        ])
    func refused(text: String, line: Int, key: String, problem: String) throws {
        let path = try pipeline(text)
        #expect {
            try RunConfiguration.load(path)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.file == path && error.line == line && error.key == key && error.problem.contains(problem)
        }
    }
}
