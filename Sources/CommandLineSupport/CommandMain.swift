import ArgumentParser
import Foundation

/// How every docguard executable ends: each failure as one `docguard: ` line on stderr and exit 2 for usage
/// and input errors (SPEC.md), or the command's own exit code; help and version on stdout with exit 0.
public enum CommandMain {
    /// Parses the process's arguments as `Root` and runs the command; returns when it succeeded, else exits.
    public static func run<Root: ParsableCommand>(_ root: Root.Type) {
        do {
            var command = try Root.parseAsRoot()
            try command.run()
        } catch {
            let code = Root.exitCode(for: error)
            if code == .success {
                print(Root.fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = Root.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if !message.isEmpty && !(error is ExitCode) {
                FileHandle.standardError.write(Data("docguard: \(message)\n".utf8))
            }
            // A command's own ExitCode stands; every other failure is a usage or input error (SPEC.md: 2).
            Foundation.exit(error is ExitCode ? code.rawValue : 2)
        }
    }
}
