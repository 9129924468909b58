import Foundation

/// A Tesseract model: `NAME.traineddata` in `directory`.
public struct OCRModel: Sendable, Equatable {
    /// Model name, the file name without `.traineddata`.
    public let name: String
    /// Folder holding the file (Tesseract's "datapath").
    public let directory: String

    /// The project's own MRZ model (issue 4); until `Models/` has it, `eng` from tesseract-ocr-eng.
    public static let preferredNames = ["mrz", "eng"]

    /// Folders searched in order: `$DOCGUARD_MODELS`, `./Models`, `Models/` of the source tree the
    /// executable was built in, `$TESSDATA_PREFIX`, then Debian's tessdata folders.
    public static func searchDirectories(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [String]
    {
        var folders: [String] = []
        if let custom = environment["DOCGUARD_MODELS"], !custom.isEmpty { folders.append(custom) }
        folders.append(FileManager.default.currentDirectoryPath + "/Models")
        // .build/<triple>/<config>/docguard → the package root is three levels up.
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let packageRoot = executable.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        folders.append(packageRoot.path + "/Models")
        if let prefix = environment["TESSDATA_PREFIX"], !prefix.isEmpty { folders.append(prefix) }
        folders += [
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
        ]
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }

    /// Finds the model called `name`, or the first of `preferredNames` present when `name` is nil.
    public static func locate(_ name: String?, in directories: [String] = searchDirectories()) throws -> OCRModel {
        let names = name.map { [$0] } ?? preferredNames
        for candidate in names {
            for directory in directories
            where FileManager.default.isReadableFile(atPath: "\(directory)/\(candidate).traineddata") {
                return OCRModel(name: candidate, directory: directory)
            }
        }
        throw OCRError.modelNotFound(name: name ?? names.joined(separator: "|"), searched: directories)
    }
}
