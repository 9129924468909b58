import Lists
import MRZ

/// The text half of the pipeline: parse → validate → list lookup for MRZ text without an image
/// (`docguard screen`, re-checking a day's crossings against a newer list). Safe to share between threads.
public struct MRZScreener: Sendable {
    /// The lists; without them every read record's verdict is `ListVerdict.notConsulted`.
    public let matcher: ListMatcher?
    /// Resolves two-digit birth years.
    public let currentYear: Int

    /// A screener over `matcher`.
    public init(matcher: ListMatcher?, currentYear: Int) {
        self.matcher = matcher
        self.currentYear = currentYear
    }

    /// The result line for text record number `index` (1-based). Throws only when the list store fails.
    public func screen(_ record: MRZTextRecord, index: Int) throws -> ScanResult {
        var (result, lookup) = begin(record, index: index)
        try finish(&result, lookup: lookup)
        return result
    }

    /// Reads text record number `index` (1-based) into its result line, all but the list verdict, and
    /// begins its list lookup (`ListMatcher.query`): a caller screening many records finishes each one
    /// after beginning the next, so the memory the lookup needs has arrived by then.
    public func begin(_ record: MRZTextRecord, index: Int) -> (result: ScanResult, lookup: ListQuery?) {
        var result = ScanResult(file: nil, sha256: "", status: .unreadable, document: nil, ocr: nil, problem: nil)
        result.record = index
        guard case .lines(let lines) = record else {
            if case .malformed(let why) = record { result.problem = ScanProblem(code: .unreadable, detail: why) }
            return (result, nil)
        }
        let document = MRZParser.parse(lines, currentYear: currentYear)
        guard document.format != nil else {
            result.problem = ScanProblem(
                code: .unreadable, detail: "not an MRZ: needs 2 lines of 36 or 44 characters, or 3 of 30")
            return (result, nil)
        }
        result.status = .ok
        let lookup = matcher?.query(issuingState: document.issuingState, documentNumber: document.documentNumber)
        result.document = document
        return (result, lookup)
    }

    /// Puts the list verdict into a result from `begin`. Throws only when the list store fails.
    public func finish(_ result: inout ScanResult, lookup: ListQuery?) throws {
        guard result.status == .ok else { return }
        result.list = try matcher.map { try $0.verdict(for: lookup) } ?? .notConsulted
    }
}
