import Foundation
import Pipeline

/// Paths as the command line really gave them. Swift decodes arguments as UTF-8 and replaces what is not
/// (a Latin-1 file name) with U+FFFD, which names no file; such a path is taken again from the raw argument
/// and rendered with `\xNN` escapes (`FileName`), which ingest opens by the bytes they stand for.
enum RawArguments {
    /// `paths`, each argument that was not UTF-8 rendered from its bytes.
    static func paths(_ paths: [String]) -> [String] {
        guard paths.contains(where: { $0.contains("\u{FFFD}") }) else { return paths }
        let raw = (0..<Int(CommandLine.argc)).compactMap { CommandLine.unsafeArgv[$0] }.map {
            UnsafeBufferPointer(start: $0, count: strlen($0)).map { UInt8(bitPattern: $0) }
        }
        return paths.map { path in
            guard path.contains("\u{FFFD}"),
                let bytes = raw.first(where: { String(decoding: $0, as: UTF8.self) == path })
            else { return path }
            return FileName.render(bytes)
        }
    }
}
