import Foundation
import Lists

/// A PAXLST file screened whole where files are taken one by one (watch mode's inbox, a batch's inputs): the
/// readings of its traveller documents, in file order, or why it gives none.
struct APIFile {
    /// SHA-256 of the file's bytes.
    let sha256: String
    /// The readings of its documents, but those in `done`; empty when `problem` is set.
    let readings: [ScanReading]
    /// Why the file gives not one traveller (it then gets one `BAD_FILE` result), with its first issue.
    let problem: String?

    /// Screens `bytes` (the file `path`, as results name it, whose hash is `sha256`) against `matcher`, two-digit
    /// birth years as of `currentYear`; documents numbered in `done` (a stopped run wrote them) are left out.
    init(bytes: [UInt8], sha256: String, path: String, matcher: ListMatcher?, currentYear: Int, done: Set<Int> = []) {
        self.sha256 = sha256
        let read = PaxlstRecordReader.read(bytes, sha256: sha256, path: path, asOfYear: currentYear)
        guard !read.records.isEmpty else {
            problem = "a PAXLST file with no traveller" + (read.issues.first.map { "; first problem: \($0)" } ?? "")
            readings = []
            return
        }
        let screener = MRZScreener(matcher: matcher, currentYear: currentYear)
        readings = read.records.filter { !done.contains($0.record) }.map {
            screener.screen(.api($0), index: $0.record)
        }
        problem = nil
    }

    /// Whether the file at `path` is a PAXLST file (by its first bytes).
    static func isPaxlst(_ path: String) -> Bool {
        PaxlstRecordReader.isPaxlst(path: path) == true
    }
}
