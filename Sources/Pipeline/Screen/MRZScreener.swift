import Lists
import MRZ

/// The text half of the pipeline: parse → validate → list lookup for MRZ text without an image
/// (`docguard screen`, re-checking a day's crossings against a newer list), and list lookup for the traveller
/// documents of API (PAXLST) files, read already. Safe to share between threads.
struct MRZScreener: Sendable {
    /// The lists; without them every read record's verdict is `ListVerdict.notConsulted`.
    let matcher: ListMatcher?
    /// Resolves two-digit birth years.
    let currentYear: Int

    /// The reading of text record number `index` (1-based). A list store that fails leaves the document
    /// unchecked (`LIST_UNCHECKED`, never clear), as in `scan`: the record is not lost to the outage.
    func screen(_ record: ScreeningRecord, index: Int) -> ScanReading {
        finish(begin(record, index: index))
    }

    /// Text record number `index` (1-based) parsed, its list lookup begun (`ListMatcher.query`): a caller
    /// screening many records finishes each one after beginning the next, so the memory the lookup needs has
    /// arrived by then.
    func begin(_ record: ScreeningRecord, index: Int) -> ScreenedRecord {
        let lines: [[UInt8]]
        switch record {
        case .lines(let read): lines = read
        case .malformed(let why):
            return ScreenedRecord(
                index: index, document: nil, problem: ScanProblem(code: .unreadable, detail: why), lookup: nil)
        case .api(let api):
            // Read from the message already: nothing to parse, only to look up.
            let document = api.problem == nil ? api.fields : nil
            let lookup = document.flatMap {
                matcher?.query(issuingState: $0.issuingState, documentNumber: $0.documentNumber)
            }
            return ScreenedRecord(
                index: index, document: document,
                problem: api.problem.map { ScanProblem(code: .unreadable, detail: $0) }, lookup: lookup, api: api)
        }
        let document = MRZParser.parse(lines, currentYear: currentYear)
        guard document.format != nil else {
            let problem = ScanProblem(
                code: .unreadable, detail: "not an MRZ: needs 2 lines of 36 or 44 characters, or 3 of 30")
            return ScreenedRecord(index: index, document: nil, problem: problem, lookup: nil)
        }
        let lookup = matcher?.query(issuingState: document.issuingState, documentNumber: document.documentNumber)
        return ScreenedRecord(index: index, document: document, problem: nil, lookup: lookup)
    }

    /// The reading of a record from `begin`, with its list verdict (unchecked, saying why, when the store fails).
    func finish(_ record: ScreenedRecord) -> ScanReading {
        let api = record.api
        let place = api?.record ?? record.index
        guard let document = record.document else {
            return ScanReading(
                file: api?.file, record: place, sha256: api?.sha256, status: .unreadable, problem: record.problem,
                api: api?.context)
        }
        let list = matcher?.verdictOrUnavailable(for: record.lookup) ?? .notConsulted
        return ScanReading(
            file: api?.file, record: place, sha256: api?.sha256, status: .ok, document: document, list: list,
            api: api?.context)
    }
}

/// A text record parsed, its list lookup begun (`MRZScreener.begin`).
struct ScreenedRecord: Sendable {
    /// 1-based position in the input.
    let index: Int
    /// The MRZ parsed; nil when the record is not one.
    let document: MRZDocument?
    /// Why the record is not an MRZ, when it is not.
    let problem: ScanProblem?
    /// The begun lookup.
    let lookup: ListQuery?
    /// The API traveller document it is, when it is one.
    var api: APIRecord? = nil
}
