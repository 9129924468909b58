import Foundation
import Lists
import MRZ

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
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                let result = result(from: object)
            else { throw QAError.unreadable(path: path, line: lineNumber, why: "not a result line") }
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

    /// The result a result line's object describes; nil when it is not one.
    static func result(from object: [String: Any]) -> ScanResult? {
        guard let status = (object["status"] as? String).flatMap(ScanResult.Status.init(rawValue:)) else {
            return nil
        }
        let file = object["file"] as? String, record = object["record"] as? Int
        guard file != nil || record != nil else { return nil }
        let problem = (object["error"] as? [String: Any]).flatMap { error in
            (error["code"] as? String).flatMap(ReasonCode.init(rawValue:)).map {
                ScanProblem(code: $0, detail: error["detail"] as? String ?? "")
            }
        }
        var document: MRZDocument? = nil
        if let mrz = object["mrz"] as? [String: Any] {
            guard let parsed = Self.document(from: mrz) else { return nil }
            document = parsed
        }
        let ocr = (object["ocr"] as? [String: Any]).map { ocr in
            OCRSummary(
                confidence: ocr["confidence"] as? Double ?? 0, corrected: ocr["corrected"] as? [String] ?? [],
                model: ocr["model"] as? String ?? "", rotation: ocr["rotation"] as? Int ?? 0,
                skew: ocr["skew"] as? Double ?? 0, page: ocr["page"] as? Int,
                otherDocuments: ocr["otherDocuments"] as? Int ?? 0)
        }
        var risk: RiskAssessment? = nil
        if let object = object["risk"] as? [String: Any] {
            guard let assessment = assessment(from: object) else { return nil }
            risk = assessment
        }
        let reading = ScanReading(
            file: file, record: record, sha256: object["sha256"] as? String, status: status, document: document,
            ocr: ocr, problem: problem, list: (object["list"] as? [String: Any]).map(verdict(from:)))
        return ScanResult(reading, risk: risk)
    }

    /// The document from its lines, parsed again (the same lines give the same fields and findings), with
    /// the dates as the line wrote them (a birth year's century depends on the day it was read).
    private static func document(from mrz: [String: Any]) -> MRZDocument? {
        guard let lines = mrz["lines"] as? [String] else { return nil }
        var document = MRZParser.parse(lines.map { Array($0.utf8) }, currentYear: 2000)
        document.birthDate = (mrz["birthDate"] as? String).flatMap(MRZDate.init(iso:))
        document.expiryDate = (mrz["expiryDate"] as? String).flatMap(MRZDate.init(iso:))
        return document
    }

    private static func verdict(from list: [String: Any]) -> ListVerdict {
        let hits = (list["records"] as? [[String: Any]] ?? []).compactMap { record -> ListHit? in
            guard let id = record["record_id"] as? String,
                let status = (record["status"] as? String).flatMap(ListStatus.init(rawValue:)),
                let kind = (record["match"] as? String).flatMap(ListMatchKind.init(rawValue:))
            else { return nil }
            return ListHit(
                record: ListRecord(
                    recordID: id, issuingState: record["issuing_state"] as? String ?? "",
                    documentNumber: record["document_number"] as? String ?? "",
                    documentType: record["document_type"] as? String, status: status,
                    reportedOn: record["reported_on"] as? String, numberTo: record["number_to"] as? String),
                kind: kind)
        }
        return ListVerdict(
            checked: list["checked"] as? Bool ?? false, hits: hits, listVersion: list["version"] as? String,
            unavailable: list["error"] as? String)
    }

    private static func assessment(from risk: [String: Any]) -> RiskAssessment? {
        guard let level = (risk["level"] as? String).flatMap(RiskLevel.init(rawValue:)) else { return nil }
        let reasons = (risk["reasons"] as? [[String: Any]] ?? []).compactMap { reason -> RiskReason? in
            guard let code = (reason["code"] as? String).flatMap(ReasonCode.init(rawValue:)) else { return nil }
            return RiskReason(
                code: code, points: reason["points"] as? Int ?? 0, detail: reason["detail"] as? String ?? "")
        }
        return RiskAssessment(
            score: risk["score"] as? Int ?? 0, level: level, reasons: reasons,
            policyVersion: risk["policy"] as? String ?? "")
    }
}
