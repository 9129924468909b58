import ArgumentParser
import Foundation
import Pipeline

/// `docguard qa`: quality assurance on result files.
struct QACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa", abstract: "Quality assurance on result files.", subcommands: [QACompareCommand.self])
}

/// `docguard qa compare ACTUAL GOLDEN`: result by result, field by field.
struct QACompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Compare two result files record by record; exit 0 when equal, 1 when they differ, 2 on unreadable input.",
        discussion: """
            Results are matched by "file" (or by "record" for screened text), in any order. Each result that \
            differs is listed with the fields that differ, golden value then actual value (for names, numbers, \
            dates and other personal data only how they differ, unless --show-personal-data); then the \
            results one file lacks. To re-bless a golden file after an intended change, replace it with the actual \
            file once the differences are understood.
            """
    )

    @Argument(help: "The result file to check (JSON Lines).")
    var actual: String

    @Argument(help: "The golden result file it must equal.")
    var golden: String

    @Option(name: .long, help: "Leave this field out of the comparison, e.g. ocr.confidence; repeatable.")
    var ignore: [String] = []

    @Flag(
        name: .long,
        help: "Also print the values of fields that hold personal data (names, document numbers, dates, MRZ lines).")
    var showPersonalData = false

    func run() throws {
        let comparison = ResultComparison(
            actual: try ResultFile(path: actual), golden: try ResultFile(path: golden), ignoring: Set(ignore))
        print(
            comparison.report(actualPath: actual, goldenPath: golden, showingPersonalData: showPersonalData),
            terminator: "")
        if !comparison.isEqual { throw ExitCode(1) }
    }
}
