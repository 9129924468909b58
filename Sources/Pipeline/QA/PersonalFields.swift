import Foundation

/// Which fields of a result line may hold personal data (names, document numbers, dates, nationality, MRZ
/// lines, reason details that quote a listed number), so `qa compare` shows their values only when asked.
/// Fail-safe: a field is personal unless it is named here, so a field added later stays hidden until it is.
enum PersonalFields {
    /// Paths without array indexes (`risk.reasons.code`) whose values are codes, verdicts, counts or OCR
    /// facts; a path below one of them is not personal either.
    static let notPersonal: Set<String> = [
        "schema", "status", "sha256", "file", "record", "error.code", "error.detail",
        "list.checked", "list.error", "list.hit", "list.match", "list.version", "list.records.match",
        "list.records.record_id", "list.records.status", "list.records.document_type",
        "list.records.issuing_state", "list.records.reported_on",
        "mrz.format", "mrz.documentCode", "mrz.issuingState", "mrz.checks", "mrz.errors", "mrz.valid",
        "mrz.nameMayBeTruncated", "mrz.findings.code", "mrz.findings.field", "mrz.findings.detail",
        "ocr.confidence", "ocr.corrected", "ocr.model", "ocr.otherDocuments", "ocr.page", "ocr.rotation",
        "ocr.skew", "risk.level", "risk.policy", "risk.score", "risk.reasons.code", "risk.reasons.points",
    ]

    /// True when `value`, at `path` in a result, holds a value of a personal field: itself, or (for an
    /// object or array) any field below it.
    static func isPersonal(_ value: JSONValue?, at path: String) -> Bool {
        switch value {
        case .object(let object)?:
            return object.members.contains {
                isPersonal($0.value, at: path.isEmpty ? $0.key : "\(path).\($0.key)")
            }
        case .array(let array)?:
            return array.contains { isPersonal($0, at: path) }
        default:
            return !isNamed(unindexed(path))
        }
    }

    /// What a value is without what it says: `text of 8 characters`, `a number`, `list of 3 items`.
    static func shape(_ value: JSONValue?) -> String {
        switch value {
        case nil: "(absent)"
        case .string(let text)?: "text of \(text.count) characters"
        case .object(let object)?: "object of \(object.members.count) fields"
        case .array(let array)?: "list of \(array.count) items"
        case .null?: "null"
        // Foundation read true and false as numbers too.
        case .bool?, .int?, .double?: "a number"
        }
    }

    /// A difference told without values: both shapes and, for two texts of one length, where they differ
    /// (`characters 4, 7 differ`).
    static func difference(golden: JSONValue?, actual: JSONValue?) -> String {
        var line = "\(shape(golden)) -> \(shape(actual))"
        guard case .string(let golden)? = golden, case .string(let actual)? = actual, golden.count == actual.count
        else { return line }
        let positions = zip(golden, actual).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        if positions.count == 1 {
            line += "; character \(positions[0]) differs"
        } else if positions.count > 1 {
            line += "; characters " + positions.map(String.init).joined(separator: ", ") + " differ"
        }
        return line
    }

    private static func isNamed(_ path: String) -> Bool {
        var path = Substring(path)
        while true {
            if notPersonal.contains(String(path)) { return true }
            guard let dot = path.lastIndex(of: ".") else { return false }
            path = path[..<dot]
        }
    }

    /// `risk.reasons[0].code` → `risk.reasons.code`.
    private static func unindexed(_ path: String) -> String {
        var result = ""
        var inIndex = false
        for character in path {
            if character == "[" {
                inIndex = true
            } else if character == "]" {
                inIndex = false
            } else if !inIndex {
                result.append(character)
            }
        }
        return result
    }
}
