import ArgumentParser
import Foundation
import Lists
import Pipeline

/// `docguard screen FILE --lists STORE`: re-check MRZ text records against the lists, without images.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Re-screen MRZ text records against the lists; one result line per record, in input order.",
        discussion: """
            FILE holds one document per group of 2 or 3 MRZ lines, groups separated by a blank line, or \
            JSONL objects with a "lines" array. Results carry "file": null and "record": N (1-based). Use \
            - for standard input. On a terminal a progress line goes to stderr (records done, rate, alerts so \
            far), unless the results go to the terminal too.
            """
    )

    @Argument(help: "MRZ text records (- for standard input).")
    var file: String

    @OptionGroup var listOptions: ListOptions

    @Option(name: .long, help: "Write results to FILE instead of standard output.")
    var out: String?

    @Option(name: .long, help: "Worker threads.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var riskOptions: RiskOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let configuration = RunConfiguration(
            stages: StageConfiguration(listOptions, riskOptions, jobs: jobs),
            mode: .screen(ScreenConfiguration(input: file, results: out)))
        let pipeline = try ScanPipeline.make(configuration, today: Clock.today())
        let reader = try MRZTextRecordReader(path: file)
        // Gigabytes of result lines on a night's re-check, not read back soon: written past the page cache.
        let output = try out.map { try OutputFile(path: $0, direct: true) } ?? OutputFile()
        let progress = ProgressDisplay.start(unit: "records", alerts: true, resultsOnStdout: out == nil)
        defer { progress?.finish() }
        try pipeline.screen(reader) { records, alerts in
            progress?.add(records, alerts: alerts)
        } emit: {
            output.write(bytes: $0)
        }
        try output.finish()
    }
}
