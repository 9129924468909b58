import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watch mode's folders and the moves between them, each recorded in the journal: a file claimed out of the
/// inbox into the work folder, put back when it is still being written, moved on to processed/ or quarantine/.
struct WatchFolders {
    let inbox: String, processed: String, quarantine: String, work: String
    let journal: WatchJournal

    /// A file taken from the inbox: its journal id, its name (rendered) and the name's bytes, and its size
    /// and modification time when taken, to tell whether it changed while it was read.
    struct Claim {
        var id: Int64
        var name: String
        var bytes: [UInt8]
        var stamp: FileStamp?
    }

    /// Size and modification time of a file.
    struct FileStamp: Equatable {
        var size: Int64, seconds: Int, nanoseconds: Int
    }

    func workPath(_ id: Int64, _ name: String) -> String { "\(work)/\(id)-\(name)" }

    /// Records the claim, then moves the file out of the inbox; nil when it vanished meanwhile.
    func claim(_ entry: InboxWatcher.Ready) throws -> Claim? {
        let id = try journal.claim(entry.name)
        let source = Array(inbox.utf8) + [UInt8(ascii: "/")] + entry.bytes
        guard rename(FileName.cPath(source), workPath(id, entry.name)) == 0 else {
            try journal.forget(id)
            return nil
        }
        return Claim(id: id, name: entry.name, bytes: entry.bytes, stamp: Self.stamp(workPath(id, entry.name)))
    }

    /// Puts a file that is still being written back in the inbox under its name (never over another file),
    /// and drops its claim: it is taken again once it has settled.
    func returnToInbox(_ claim: Claim) throws {
        var target = Array(inbox.utf8) + [UInt8(ascii: "/")] + claim.bytes
        var info = stat()
        if lstat(FileName.cPath(target), &info) == 0 {
            target = Array("\(inbox)/\(claim.id)-".utf8) + claim.bytes
        }
        let source = workPath(claim.id, claim.name)
        guard rename(source, FileName.cPath(target)) == 0 else {
            throw PipelineError.cannotWrite(FileName.render(target), String(cString: strerror(errno)))
        }
        try journal.forget(claim.id)
    }

    /// The size and modification time of what is at `path` (never following a link); nil when nothing is.
    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileStamp(size: Int64(info.st_size), seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec)
    }

    /// Moves the work file to processed/ or quarantine/ (with its `.error.json`), never over another file.
    /// A copy across file systems that a stop cut between copy and removal is recognised (same name, same
    /// bytes) and finished rather than copied twice.
    func move(id: Int64, name: String, quarantine toQuarantine: Bool, problem: ScanProblem?, sha256: String?) throws {
        let folder = toQuarantine ? quarantine : processed
        let source = workPath(id, name)
        var destination = folder + "/" + name
        if Self.exists(destination) {
            if FileMove.sameContent(source, destination) {
                unlink(source)
                return try journal.markDone(id, destination: destination)
            }
            destination = folder + "/\(id)-" + name
        }
        if toQuarantine {
            let report = JSONValue.object([
                "code": .string((problem?.code ?? .badFile).rawValue), "detail": .string(problem?.detail ?? ""),
                "file": .string(inbox + "/" + name), "sha256": .string(sha256),
            ])
            let reportPath = destination + ".error.json"
            try PipelineError.writing(reportPath) {
                try Data((JSONWriter.text(report) + "\n").utf8).write(to: URL(fileURLWithPath: reportPath))
            }
        }
        try FileMove.move(source, to: destination)
        try journal.markDone(id, destination: destination)
    }

    /// Makes `folder` (and the folders above it) unless it is there; a failure names the folder.
    static func makeFolder(_ folder: String) throws {
        let failure: (String) -> PipelineError = { .cannotWrite(folder, "cannot make a folder there: \($0)") }
        try PipelineError.wrapping(failure) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// Whether anything (a file, a folder, a link, even a broken one) has this path.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
