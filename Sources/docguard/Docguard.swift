import ArgumentParser
import CommandLineSupport

/// The `docguard` command line.
@main
struct Docguard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docguard",
        abstract: "Reads travel-document MRZs, validates them against ICAO 9303 and screens them.",
        subcommands: [
            MRZCommand.self, ScanCommand.self, ListsCommand.self, ScreenCommand.self, RunCommand.self, QACommand.self,
            EvalCommand.self, SynthCommand.self, ForwardCommand.self, CentralCommand.self, HubCommand.self,
        ]
    )

    /// Runs the command; every failure ends here as one line on stderr and exit 2 for usage and input
    /// errors (SPEC.md), or the command's own exit code.
    static func main() {
        ThreadLimit.ensureSingleThreadedOCR()
        MemoryPolicy.returnLargeBlocksWhenFreed()
        LibraryMessages.silenceUnlessAsked()
        CommandMain.run(Self.self)
    }
}
