import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `docguard synth ...`: hands every argument to `docguard-synth` beside this executable, which renders the
/// scans (see its `SynthCommand`). The renderer is a program of its own so that this binary, the one a
/// border post runs, links neither FreeType, libjpeg's compressor nor the page renderer.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Render specimen document scans with ground truth beside each image.",
        discussion: "Runs docguard-synth, built beside docguard; `docguard synth --help` shows its options."
    )

    /// Everything after `synth`, `--help` included, for the renderer to parse.
    @Argument(parsing: .captureForPassthrough, help: "Options for docguard-synth.")
    var arguments: [String] = []

    /// The sibling executable that renders.
    static let renderer = "docguard-synth"

    func run() throws {
        let path = Self.siblingPath(Self.renderer)
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ValidationError("synth needs \(Self.renderer) beside docguard (\(path)); build it with swift build")
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw ValidationError("synth could not start \(path): \(String(cString: strerror(errno)))")
    }

    /// `name` in the folder of the running executable (links resolved).
    static func siblingPath(_ name: String) -> String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
