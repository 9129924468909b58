import Foundation
import Lists
import MRZ
import VisualZone

/// Result lines read back into results, so the outputs made from a whole result file (a batch's report and
/// CSV, which cover every run of the night, not only the last) see what the result lines say.
public enum ResultLineReader {
    /// Hands every result line of `path` to `body`, in file order. Throws `QAError.unreadable` naming the
    /// line when one is not a result: an output that silently left a result out would hide it.
    public static func forEach(inFile path: String, _ body: (ScanResult) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw QAError.unreadable(path: path, line: 0, why: "cannot read the file")
        }
        defer { try? handle.close() }
        var pending = Data()
        var lineNumber = 0
        func take(_ line: Data) throws {
            lineNumber += 1
            guard !line.isEmpty else { return }
            guard let line = try? ResultLine(parsing: line), let result = try? result(from: line) else {
                throw QAError.unreadable(path: path, line: lineNumber, why: "not a result line")
            }
            try body(result)
        }
        // A megabyte at a time: a night's result file can be far larger than the report made from it.
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try take(pending[start..<newline])
                start = newline + 1
            }
            pending = pending[start...]
        }
        try take(pending)
    }

    /// The result a result line describes, for a reader that shows one line (the central view): a member that
    /// does not read is `.notResult` naming it.
    public static func result(of line: ResultLine) throws(ResultLine.Malformed) -> ScanResult {
        do {
            return try result(from: line)
        } catch {
            throw .notResult(error.why)
        }
    }

    /// The result a result line describes; its `error`, `ocr`, `list` and `risk` members read strictly.
    static func result(from line: ResultLine) throws(JSONFields.Mismatch) -> ScanResult {
        let fields = JSONFields(line.fields)
        var problem: ScanProblem? = nil
        if let error = try fields.object("error") {
            let code = try error.string("code") ?? ""
            guard let reason = ReasonCode(rawValue: code) else {
                throw JSONFields.Mismatch(why: "error.code is not a reason code")
            }
            problem = ScanProblem(code: reason, detail: try error.string("detail") ?? "")
        }
        var ocr: OCRSummary? = nil
        if let read = try fields.object("ocr") {
            ocr = OCRSummary(
                confidence: try read.double("confidence") ?? 0, corrected: try read.strings("corrected") ?? [],
                model: try read.string("model") ?? "", rotation: try read.int("rotation") ?? 0,
                skew: try read.double("skew") ?? 0, page: try read.int("page"),
                otherDocuments: try read.int("otherDocuments") ?? 0)
        }
        var read: MRZDocument? = nil
        if let mrz = line.mrz { read = try document(from: mrz, object: try fields.object("mrz")) }
        let reading = ScanReading(
            file: line.file, record: line.record, sha256: line.sha256, status: line.status,
            document: read, ocr: ocr, problem: problem, list: try fields.object("list").map(verdict),
            visualZone: try fields.object("viz").map(visualZone), api: try fields.object("api").map(APIContext.init))
        return ScanResult(reading, risk: try fields.object("risk").map(assessment))
    }

    /// The document from its lines, parsed again (the same lines give the same fields and findings), with
    /// the dates as the line wrote them (a birth year's century depends on the day it was read). A document
    /// sent as data (API, no lines) is its fields as written.
    private static func document(from mrz: ResultLine.MRZFields, object: JSONFields?) throws(JSONFields.Mismatch)
        -> MRZDocument
    {
        var document = MRZParser.parse(mrz.lines.map { Array($0.utf8) }, currentYear: 2000)
        if mrz.lines.isEmpty, let object {
            document = MRZDocument(lines: [])
            document.documentCode = try object.string("documentCode")
            document.issuingState = mrz.issuingState
            document.documentNumber = mrz.documentNumber
            document.nationality = try object.string("nationality")
            document.sex = try object.string("sex")
            document.surname = mrz.surname
            document.givenNames = mrz.givenNames
            for finding in try object.objects("findings") ?? [] {
                guard let code = MRZErrorCode(rawValue: try finding.string("code") ?? ""),
                    let field = MRZField(rawValue: try finding.string("field") ?? "")
                else { throw JSONFields.Mismatch(why: "mrz.findings holds an unknown code or field") }
                document.findings.append(MRZFinding(code, field, try finding.string("detail") ?? ""))
            }
        }
        document.birthDate = mrz.birthDate
        document.expiryDate = mrz.expiryDate
        return document
    }

    private static func verdict(from list: JSONFields) throws(JSONFields.Mismatch) -> ListVerdict {
        var hits: [ListHit] = []
        for record in try list.objects("records") ?? [] {
            hits.append(
                ListHit(
                    record: ListRecord(
                        recordID: try record.required("record_id", record.string),
                        issuingState: try record.string("issuing_state") ?? "",
                        documentNumber: try record.string("document_number") ?? "",
                        documentType: try record.string("document_type"),
                        status: try record.requiredCode("status", as: ListStatus.self),
                        reportedOn: try record.string("reported_on"), numberTo: try record.string("number_to")),
                    kind: try record.requiredCode("match", as: ListMatchKind.self)))
        }
        return ListVerdict(
            checked: try list.bool("checked") ?? false, hits: hits, listVersion: try list.string("version"),
            listGeneration: try list.int("generation"), unavailable: try list.string("error"))
    }

    /// The `viz` object: each field's verdict and printed value (where the page shows them is not written).
    private static func visualZone(from viz: JSONFields) throws(JSONFields.Mismatch) -> VisualZoneCheck {
        var fields: [VisualField: FieldComparison] = [:]
        for field in VisualField.allCases {
            guard let entry = try viz.object(field.rawValue) else { continue }
            fields[field] = FieldComparison(
                verdict: try entry.requiredCode("verdict", as: FieldVerdict.self), printed: try entry.string("printed"))
        }
        return VisualZoneCheck(fields: fields)
    }

    private static func assessment(from risk: JSONFields) throws(JSONFields.Mismatch) -> RiskAssessment {
        var reasons: [RiskReason] = []
        for reason in try risk.objects("reasons") ?? [] {
            reasons.append(
                RiskReason(
                    code: try reason.requiredCode("code", as: ReasonCode.self),
                    points: try reason.int("points") ?? 0, detail: try reason.string("detail") ?? ""))
        }
        return RiskAssessment(
            score: try risk.int("score") ?? 0,
            level: try risk.requiredCode("level", as: RiskLevel.self),
            reasons: reasons, policyVersion: try risk.string("policy") ?? "")
    }
}
