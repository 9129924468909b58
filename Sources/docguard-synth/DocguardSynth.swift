import CommandLineSupport

/// `docguard-synth`: the specimen renderer behind `docguard synth`, a program of its own so that the
/// border-post binary links neither FreeType, libjpeg's compressor nor the page renderer. `docguard synth`
/// runs it, beside itself, with the same arguments.
@main
enum DocguardSynth {
    static func main() {
        LibraryMessages.silenceUnlessAsked()
        CommandMain.run(SynthCommand.self)
    }
}
