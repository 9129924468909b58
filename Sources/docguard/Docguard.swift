import ArgumentParser
import Foundation

/// The `docguard` command line.
@main
struct Docguard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docguard",
        abstract: "Reads travel-document MRZs, validates them against ICAO 9303 and screens them.",
        subcommands: [
            MRZCommand.self, ScanCommand.self, ListsCommand.self, ScreenCommand.self, RunCommand.self, QACommand.self,
            EvalCommand.self, SynthCommand.self,
        ]
    )

    /// Runs the command; every failure ends here as one line on stderr and exit 2 for usage and input
    /// errors (SPEC.md), or the command's own exit code.
    static func main() {
        ThreadLimit.ensureSingleThreadedOCR()
        LibraryMessages.silenceUnlessAsked()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if !message.isEmpty && !(error is ExitCode) {
                FileHandle.standardError.write(Data("docguard: \(message)\n".utf8))
            }
            // A command's own ExitCode stands; every other failure is a usage or input error (SPEC.md: 2).
            Foundation.exit(error is ExitCode ? code.rawValue : 2)
        }
    }
}
