import Foundation
import PostgresNIO

/// The hub's questions to the central database, one SELECT each, answered as the views' values.
struct CentralReader: Sendable {
    let database: CentralDatabase

    /// Results a list view shows at most; `limit` asks for fewer.
    static let maximumRows = 1000

    /// The latest alerts and reviews across all posts, newest arrival first.
    func flagged(limit: Int) async throws(HubError) -> [ResultSummary] {
        try await summaries(
            """
            SELECT \(unescaped: ResultSummary.columns) FROM central_results
            WHERE level IN ('alert', 'review') ORDER BY id DESC LIMIT \(min(limit, Self.maximumRows))
            """)
    }

    /// Every result whose document number is the one searched, or folds to the same, newest arrival first: through
    /// the index on the number when there are no more than `spellingsAtMost` spellings, else by folding every number.
    func search(
        _ search: DocumentSearch, limit: Int, spellingsAtMost: Int = DocumentSearch.maximumSpellings
    ) async throws(HubError) -> [SearchHit] {
        let limit = min(limit, Self.maximumRows)
        let found: [ResultSummary]
        if let spellings = search.spellings(atMost: spellingsAtMost) {
            found = try await summaries(
                """
                SELECT \(unescaped: ResultSummary.columns) FROM central_results
                WHERE document_number = ANY(\(spellings)) ORDER BY id DESC LIMIT \(limit)
                """)
        } else {
            let fold = DocumentSearch.foldTable
            found = try await summaries(
                """
                SELECT \(unescaped: ResultSummary.columns) FROM central_results
                WHERE translate(document_number, \(fold.letters), \(fold.digits)) = \(search.folded)
                ORDER BY id DESC LIMIT \(limit)
                """)
        }
        return found.map { SearchHit(result: $0, fuzzy: $0.documentNumber != search.normalized) }
    }

    /// Each post that has reported, by name: its latest report and its last result. The post names are walked
    /// through the index one by one and each post's rows fetched by index, so the page stays quick however many
    /// reports and results the tables hold.
    func posts() async throws(HubError) -> [PostStatus] {
        let rows = try await database.select(
            """
            WITH RECURSIVE names AS (
                (SELECT post_id FROM central_post_reports ORDER BY post_id LIMIT 1)
                UNION ALL
                SELECT (SELECT post_id FROM central_post_reports WHERE post_id > names.post_id
                        ORDER BY post_id LIMIT 1)
                FROM names WHERE names.post_id IS NOT NULL)
            SELECT names.post_id, report.reported_at, report.list_version, report.list_generation,
                report.list_imported_at, report.queue_depth, report.scans, report.alerts, report.reviews, last.id
            FROM names
            CROSS JOIN LATERAL (
                SELECT * FROM central_post_reports WHERE post_id = names.post_id ORDER BY id DESC LIMIT 1) report
            LEFT JOIN LATERAL (
                SELECT id FROM central_results WHERE post_id = names.post_id
                ORDER BY post_sequence DESC, id DESC LIMIT 1) last ON true
            WHERE names.post_id IS NOT NULL
            ORDER BY names.post_id
            """)
        var posts: [PostStatus] = []
        var lastIDs: [Int] = []
        try decoding {
            for row in rows {
                let (post, contact, version, generation, imported, queue, scans, alerts, reviews, last) =
                    try row.decode((String, Date, String?, Int?, String?, Int, Int, Int, Int, Int?).self)
                posts.append(
                    PostStatus(
                        postID: post, lastContact: contact, listVersion: version, listGeneration: generation,
                        listImportedAt: imported, queueDepth: queue, scans: scans, alerts: alerts, reviews: reviews))
                if let last { lastIDs.append(last) }
            }
        }
        guard !lastIDs.isEmpty else { return posts }
        let last = try await summaries(
            "SELECT \(unescaped: ResultSummary.columns) FROM central_results WHERE id = ANY(\(lastIDs))")
        let byPost = Dictionary(last.map { ($0.postID, $0) }, uniquingKeysWith: { first, _ in first })
        return posts.map { post in
            var post = post
            post.lastResult = byPost[post.postID]
            return post
        }
    }

    /// One result in full; nil when there is none with that id.
    func result(id: Int) async throws(HubError) -> ResultDetail? {
        let rows = try await database.select(
            "SELECT \(unescaped: ResultSummary.columns), line FROM central_results WHERE id = \(id)")
        guard let row = rows.first else { return nil }
        return try decoding {
            ResultDetail(
                summary: try ResultSummary(row: row), line: try row.makeRandomAccess()["line"].decode(String.self))
        }
    }

    private func summaries(_ query: PostgresQuery) async throws(HubError) -> [ResultSummary] {
        let rows = try await database.select(query)
        return try decoding { try rows.map(ResultSummary.init(row:)) }
    }

    /// Rows that do not decode mean the tables are not the ones `CentralSchema` defines.
    private func decoding<T>(_ body: () throws -> T) throws(HubError) -> T {
        do {
            return try body()
        } catch {
            throw .queryFailed(reason: "the central tables do not have the columns this docguard reads")
        }
    }
}
