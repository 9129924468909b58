/// The central database's own tables, beside the list tables (`PostgresListStore`): the results the border
/// posts forward, and each post's contact reports. Posts only ever insert into them; the hub only reads them.
/// Every statement is safe to run again (`IF NOT EXISTS`).
public enum CentralSchema {
    /// The tables and their indexes.
    ///
    /// `central_results`: one row per result line a post forwarded, once: unique on the post, the scanned
    /// file's content hash (`''` when the result has none), the generation of the list the post screened
    /// against (`-1` with no list) and the document's position in its file (`record`: 0 for an image scan, the
    /// 1-based traveller document of a PAXLST file). `id` is arrival order at the centre; `post_sequence` the
    /// line's 1-based position in the post's results file. `line` is the result line byte for byte; the other
    /// columns are copied out of it for the hub's views. `reasons` holds the risk reason codes, comma separated.
    ///
    /// `central_post_reports`: a post's report at each contact (appended, never updated): its list, how many
    /// results wait in its outbox, and its running totals.
    public static let tables = [
        """
        CREATE TABLE IF NOT EXISTS central_results (
            id bigserial PRIMARY KEY,
            post_id text NOT NULL,
            sha256 text NOT NULL,
            list_generation bigint NOT NULL,
            record integer NOT NULL,
            post_sequence bigint NOT NULL,
            status text NOT NULL,
            level text,
            score integer,
            reasons text NOT NULL,
            document_number text,
            issuing_state text,
            list_version text,
            file text,
            line text NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (post_id, sha256, list_generation, record))
        """,
        "CREATE INDEX IF NOT EXISTS central_results_level ON central_results (level, id)",
        "CREATE INDEX IF NOT EXISTS central_results_number ON central_results (document_number)",
        "CREATE INDEX IF NOT EXISTS central_results_post ON central_results (post_id, post_sequence)",
        """
        CREATE TABLE IF NOT EXISTS central_post_reports (
            id bigserial PRIMARY KEY,
            post_id text NOT NULL,
            reported_at timestamptz NOT NULL DEFAULT now(),
            list_version text,
            list_generation bigint,
            list_imported_at text,
            queue_depth bigint NOT NULL,
            scans bigint NOT NULL,
            alerts bigint NOT NULL,
            reviews bigint NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS central_post_reports_post ON central_post_reports (post_id, id)",
    ]
}
