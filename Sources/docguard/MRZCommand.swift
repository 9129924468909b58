import ArgumentParser
import MRZ
import Pipeline

/// `docguard mrz [LINE ...]`: parse and validate MRZ text, one JSON object per document (SPEC.md).
struct MRZCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mrz",
        abstract: "Parse and validate MRZ text; one JSON object per document, in input order.",
        discussion: """
            Lines come from the arguments or, with none, from standard input. One document per group \
            of 2 or 3 lines; separate groups with a blank line (an empty argument). Exit status is 0 \
            even when a document is invalid.
            """
    )

    @Argument(help: "MRZ lines. Reads standard input when none are given.")
    var lines: [String] = []

    func run() throws {
        let currentYear = Clock.currentYear()
        let output = OutputFile()
        func emit(_ documents: [[[UInt8]]]) {
            for lines in documents {
                output.writeLine(MRZParser.parse(lines, currentYear: currentYear))
            }
        }
        var grouper = MRZTextGrouper()
        if lines.isEmpty {
            while let line = readLine(strippingNewline: true) { emit(grouper.feed(line)) }
        } else {
            // An argument may itself hold several lines (e.g. "$(cat mrz.txt)").
            for argument in lines {
                for line in argument.split(separator: "\n", omittingEmptySubsequences: false) {
                    emit(grouper.feed(line))
                }
            }
        }
        emit(grouper.finish())
        try output.finish()
    }
}
