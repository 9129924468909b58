import Foundation
import Pipeline
import PostgresNIO

/// One forwarded result as the hub's lists show it: the columns a post copied out of its result line, and where and
/// when the line arrived. Holds personal data (the document number): shown on the page and in the JSON, never logged.
struct ResultSummary: Sendable, Equatable {
    /// Arrival order at the centre (`central_results.id`): the key of the detail view.
    var id: Int
    var postID: String
    /// The line's 1-based position in the post's results file.
    var postSequence: Int
    /// `ok`, `no_mrz`, `unreadable` or `error` (SPEC.md).
    var status: String
    /// `clear`, `review` or `alert`; nil when the result has no risk assessment.
    var level: String?
    var score: Int?
    /// The risk reason codes, in the line's order.
    var reasons: [String]
    var documentNumber: String?
    var issuingState: String?
    /// The list the post screened against; nil with no list.
    var listVersion: String?
    /// The scanned file as the post named it; nil for a screened record.
    var file: String?
    /// The document's position in its file (0 for an image scan).
    var record: Int
    var receivedAt: Date

    /// The JSON views' form: the column names as keys.
    var json: JSONObject {
        [
            "document_number": .string(documentNumber), "file": .string(file), "id": .int(id),
            "issuing_state": .string(issuingState), "level": .string(level), "list_version": .string(listVersion),
            "post_id": .string(postID), "post_sequence": .int(postSequence),
            "reasons": .array(reasons.map(JSONValue.string)), "received_at": .string(HubTime.iso(receivedAt)),
            "record": .int(record), "score": score.map(JSONValue.int) ?? .null, "status": .string(status),
        ]
    }
}

extension ResultSummary {
    /// The columns `init(row:)` reads, in its order.
    static let columns = """
        id, post_id, post_sequence, status, level, score, reasons, document_number, issuing_state, list_version, \
        file, record, received_at
        """

    /// A summary from a row holding `columns` (and perhaps more).
    init(row: PostgresRow) throws {
        let cells = row.makeRandomAccess()
        self.init(
            id: try cells["id"].decode(Int.self), postID: try cells["post_id"].decode(String.self),
            postSequence: try cells["post_sequence"].decode(Int.self), status: try cells["status"].decode(String.self),
            level: try cells["level"].decode(String?.self), score: try cells["score"].decode(Int?.self),
            reasons: try cells["reasons"].decode(String.self).split(separator: ",").map(String.init),
            documentNumber: try cells["document_number"].decode(String?.self),
            issuingState: try cells["issuing_state"].decode(String?.self),
            listVersion: try cells["list_version"].decode(String?.self), file: try cells["file"].decode(String?.self),
            record: try cells["record"].decode(Int.self), receivedAt: try cells["received_at"].decode(Date.self))
    }
}
