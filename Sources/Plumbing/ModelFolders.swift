import Foundation

/// The folders docguard looks for its model files in (OCR models, the risk policy), in order. One list, so
/// every file shipped in `Models/` is found the same way.
public enum ModelFolders {
    /// `$DOCGUARD_MODELS`, `./Models`, `Models/` of the source tree the executable was built in,
    /// `$TESSDATA_PREFIX`, then Debian's tessdata folders; each once.
    public static func searchOrder(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
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
}
