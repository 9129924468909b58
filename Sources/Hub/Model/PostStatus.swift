import Foundation
import Pipeline

/// A border post as its latest contact report left it, with the last result it forwarded.
struct PostStatus: Sendable, Equatable {
    var postID: String
    /// When the post last reported (`central_post_reports.reported_at`).
    var lastContact: Date
    var listVersion: String?
    var listGeneration: Int?
    /// When the post's list was imported, as the post wrote it (ISO 8601).
    var listImportedAt: String?
    /// Results waiting in the post's outbox.
    var queueDepth: Int
    /// The post's running totals.
    var scans: Int
    var alerts: Int
    var reviews: Int
    /// The result with the highest position in the post's results file; nil before the first arrives.
    var lastResult: ResultSummary?

    /// Seconds since the post's list was imported, at `now`; nil when the post sent no readable import time.
    func listAge(at now: Date) -> Double? {
        listImportedAt.flatMap(HubTime.date(iso:)).map { now.timeIntervalSince($0) }
    }

    /// The JSON view's form.
    var json: JSONObject {
        [
            "alerts": .int(alerts), "last_contact": .string(HubTime.iso(lastContact)),
            "last_result": lastResult.map { .object($0.json) } ?? .null,
            "list_generation": listGeneration.map(JSONValue.int) ?? .null, "list_imported_at": .string(listImportedAt),
            "list_version": .string(listVersion), "post_id": .string(postID), "queue_depth": .int(queueDepth),
            "reviews": .int(reviews), "scans": .int(scans),
        ]
    }
}
