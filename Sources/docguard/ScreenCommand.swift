import ArgumentParser
import Foundation
import Lists
import Pipeline

/// `docguard screen FILE... --lists STORE`: re-check MRZ text records, or screen the travellers of Advance
/// Passenger Information (PAXLST) files, against the lists, without images.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen MRZ text records or PAXLST passenger lists against the lists; one result line each, in "
            + "input order.",
        discussion: """
            FILE holds one document per group of 2 or 3 MRZ lines, groups separated by a blank line, or \
            JSONL objects with a "lines" array; results carry "file": null and "record": N (1-based). Use \
            - for standard input. Or FILE is a UN/EDIFACT PAXLST file (told by content; several may be \
            given): one result per traveller document (a passport and a visa are two), in file order, with \
            "file", "record" (1-based in its file) and an "api" object (flight, route, times, list, role, \
            message and traveller positions); expiry is judged on the arrival day. What is wrong in a message \
            is reported on stderr by message and segment position (never values) and in "api.issues"; every \
            traveller that can be read is screened all the same, and one whose document cannot be read gets an \
            "unreadable" result. On a terminal a progress line goes to stderr (records done, rate, alerts so \
            far), unless the results go to the terminal too.
            """
    )

    @Argument(help: "One MRZ text file (- for standard input), or PAXLST files.")
    var files: [String]

    @OptionGroup var listOptions: ListOptions

    @Option(name: .long, help: "Write results to FILE instead of standard output.")
    var out: String?

    @Option(name: .long, help: "Also write one CSV row per result to FILE (made from the --out file).")
    var csv: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a self-contained HTML report to FILE (made from the --out file): counts, then alerts and "
                + "reviews first; API travellers by flight."))
    var report: String?

    @Option(name: .long, help: "Worker threads.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var riskOptions: RiskOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !files.isEmpty else { throw ValidationError("screen needs a file (or - for standard input)") }
        if out == nil, csv != nil || report != nil {
            throw ValidationError("--csv and --report are made from the result file: give --out FILE too")
        }
    }

    func run() throws {
        let outputs = [("--out", out), ("--csv", csv), ("--report", report)].compactMap { label, path in
            path.map { (label, $0) }
        }
        let read = riskOptions.history + [riskOptions.risk, listOptions.lists].compactMap { $0 }
        try OutputPlacement.check(outputs: outputs, inputs: files.filter { $0 != "-" } + read)
        let configuration = RunConfiguration(
            stages: StageConfiguration(listOptions, riskOptions, jobs: jobs),
            mode: .screen(ScreenConfiguration(input: files[0], results: out)))
        let today = Clock.today()
        let pipeline = try ScanPipeline.make(configuration, today: today)
        let progress = ProgressDisplay.start(unit: "records", alerts: true, resultsOnStdout: out == nil)
        defer { progress?.finish() }
        let reader = try Self.source(files, asOfYear: (riskOptions.asOfDate ?? today).year, progress: progress)
        // Gigabytes of result lines on a night's re-check, not read back soon: written past the page cache.
        let output = try out.map { try OutputFile(path: $0, direct: true) } ?? OutputFile()
        try pipeline.screen(reader) { records, alerts in
            progress?.add(records, alerts: alerts)
        } emit: {
            output.write(bytes: $0)
        }
        try output.finish()
        if let out { try writeSummaries(of: out, context: pipeline.reportContext(title: "docguard screen report")) }
    }

    /// The CSV and the report asked for, made from the result file `path`.
    private func writeSummaries(of path: String, context: ReportContext) throws {
        var writers: [any ResultWriter] = []
        if let csv { writers.append(CSVResultWriter(try OutputFile(path: csv))) }
        if let report { writers.append(HTMLReportWriter(try OutputFile(path: report), context: context)) }
        guard !writers.isEmpty else { return }
        try ResultLineReader.forEach(inFile: path) { result in
            for writer in writers { try writer.write(result) }
        }
        for writer in writers { try writer.finish() }
    }

    /// PAXLST files when the first file is one (then all must be), else the one MRZ text file.
    static func source(_ files: [String], asOfYear: Int, progress: ProgressDisplay?) throws -> any ScreeningSource {
        guard files[0] != "-", PaxlstRecordReader.isPaxlst(path: files[0]) == true else {
            guard files.count == 1 else { throw PipelineError.notPaxlst(files[0]) }
            return try MRZTextRecordReader(path: files[0])
        }
        for file in files.dropFirst() where PaxlstRecordReader.isPaxlst(path: file) != true {
            guard FileManager.default.fileExists(atPath: file) else { throw PipelineError.inputNotFound(file) }
            throw PipelineError.notPaxlst(file)
        }
        return PaxlstRecordReader(paths: files, asOfYear: asOfYear) { file, issue in
            ProgressDisplay.warn("\(file): \(issue)", above: progress)
        }
    }
}
