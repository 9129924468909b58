import Foundation

/// Turns the paths given on the command line into the list of files to scan: files as given, folders walked
/// recursively (hidden entries and symlinked folders skipped), sorted by path so results come out in a
/// stable order. Paths stay as the user wrote them, joined with what lies below (SPEC.md `file`).
public enum ScanInputs {
    /// Ground-truth and other side files that sit beside scans and are never scans themselves.
    static let sideFileExtensions: Set<String> = ["json", "txt", "md", "jsonl", "csv", "html", "part"]

    /// Every file to scan under `paths`, sorted, each once (a file named twice, or reached through a folder
    /// and a pattern, gets one result); throws for a path that does not exist.
    public static func files(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PipelineError.inputNotFound(path)
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            files += walk(path)
        }
        return Set(files).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func walk(_ folder: String) -> [String] {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: folder) else { return [] }
        var files: [String] = []
        for entry in entries where !entry.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                let type = attributes[.type] as? FileAttributeType
            else { continue }
            switch type {
            case .typeDirectory: files += walk(path)
            case .typeRegular:
                let ext = (entry as NSString).pathExtension.lowercased()
                if !sideFileExtensions.contains(ext) { files.append(path) }
            default: continue  // symlinks, devices, sockets: never followed out of the folder
            }
        }
        return files
    }
}
