import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the paths given on the command line into the list of files to scan: files as given, folders walked
/// recursively (hidden entries and symlinked folders skipped), sorted by path so results come out in a
/// stable order. Paths stay as the user wrote them, joined with what lies below (SPEC.md `file`); a name
/// that is not UTF-8 is rendered with `\xNN` escapes (`FileName`) and still scanned.
public enum ScanInputs {
    /// Ground-truth and other side files that sit beside scans and are never scans themselves.
    static let sideFileExtensions: Set<String> = ["json", "txt", "md", "jsonl", "csv", "html", "part"]

    /// Every file to scan under `paths`, sorted, each once (a file named twice, or reached through a folder
    /// and a pattern, gets one result); throws for a path that does not exist. A folder that cannot be
    /// listed is skipped with one line to `warn` (by default stderr): its scans are not silently missing.
    public static func files(_ paths: [String], warn: (String) -> Void = warnOnStandardError) throws -> [String] {
        var files: [String] = []
        for path in paths {
            let system = FileName.systemPath(path)
            var info = stat()
            guard stat(FileName.cPath(system), &info) == 0 else { throw PipelineError.inputNotFound(path) }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                files.append(path)
                continue
            }
            files += walk(path, system, warn: warn)
        }
        return Set(files).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Writes `docguard: warning: MESSAGE` as one line on stderr.
    public static func warnOnStandardError(_ message: String) {
        FileHandle.standardError.write(Data("docguard: warning: \(message)\n".utf8))
    }

    /// The files below `folder` (as rendered; `system` its bytes).
    private static func walk(_ folder: String, _ system: [UInt8], warn: (String) -> Void) -> [String] {
        let entries: [FolderListing.Entry]
        do {
            entries = try FolderListing.entries(system)
        } catch {
            warn("\(folder): cannot list the folder (\(error.description)); the scans in it are not read")
            return []
        }
        var files: [String] = []
        let separator = folder.hasSuffix("/") ? "" : "/"
        for entry in entries where entry.name.first != UInt8(ascii: ".") {
            let path = folder + separator + entry.rendered
            switch entry.type {
            case S_IFDIR: files += walk(path, system + Array(separator.utf8) + entry.name, warn: warn)
            case S_IFREG:
                let ext = (entry.rendered as NSString).pathExtension.lowercased()
                if !sideFileExtensions.contains(ext) { files.append(path) }
            default: continue  // symlinks, devices, sockets: never followed out of the folder
            }
        }
        return files
    }
}
