import ArgumentParser

/// The `docguard` command line.
@main
struct Docguard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docguard",
        abstract: "Reads travel-document MRZs, validates them against ICAO 9303 and screens them.",
        subcommands: [MRZCommand.self]
    )
}
