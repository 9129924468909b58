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

extension CentralSchema {
    /// The group role a border post's login role is made a member of, by default.
    public static let defaultPostRole = "docguard_post"
    /// The group role the hub's login role is made a member of, by default.
    public static let defaultHubRole = "docguard_hub"

    /// The list tables a post reads when it syncs.
    static let listTables = PostgresListStore.tables
    /// The tables posts insert into and the hub reads.
    static let centralTables = ["central_results", "central_post_reports"]

    /// Every statement that sets up a central database, in order: the list tables and their change log, the
    /// central tables, and two group roles (NOLOGIN; a login role per post and one for the hub are made
    /// members of them). `post` may SELECT the list tables and INSERT into the central tables, nothing else:
    /// it cannot read back, change or delete a forwarded result, nor change the list. `hub` may only SELECT
    /// the central tables and the list's info. Rights are revoked and granted afresh, so running it again
    /// puts them right. Run by `docguard central setup`; `pipelines/central/setup.sql` is this text.
    public static func setupStatements(postRole: String = defaultPostRole, hubRole: String = defaultHubRole)
        -> [String]
    {
        let everything = (listTables + centralTables).joined(separator: ", ")
        let sequences = centralTables.map { "\($0)_id_seq" }.joined(separator: ", ")
        var statements = PostgresListStore.schema + [ListChangeLog.startStatement] + tables
        for role in [postRole, hubRole] {
            statements.append(
                """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) NOLOGIN; END IF;
                END $$
                """)
        }
        statements += [
            "REVOKE ALL ON \(everything) FROM PUBLIC, \(postRole), \(hubRole)",
            "REVOKE ALL ON SEQUENCE \(sequences) FROM PUBLIC, \(postRole), \(hubRole)",
            "GRANT SELECT ON \(listTables.joined(separator: ", ")) TO \(postRole)",
            "GRANT INSERT ON \(centralTables.joined(separator: ", ")) TO \(postRole)",
            "GRANT USAGE ON SEQUENCE \(sequences) TO \(postRole)",
            "GRANT SELECT ON \(centralTables.joined(separator: ", ")), list_info TO \(hubRole)",
        ]
        return statements
    }

    /// `setupStatements` as one SQL script (for `psql -f`), each statement ended by `;`.
    public static func setupScript(postRole: String = defaultPostRole, hubRole: String = defaultHubRole) -> String {
        "-- docguard central database: list tables, central tables, roles. Generated by "
            + "`docguard central setup --print`; safe to run again.\n\n"
            + setupStatements(postRole: postRole, hubRole: hubRole).map { $0 + ";\n" }.joined(separator: "\n")
    }

    /// Why `name` cannot be a role name, or nil when it can: lower-case letters, digits and `_`, starting
    /// with a letter or `_`, at most 63 bytes (it is written into SQL unquoted).
    public static func roleNameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 63,
            first == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
            bytes.allSatisfy({
                $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            })
        else { return "must be 1–63 lower-case letters, digits or _, starting with a letter or _" }
        return nil
    }
}
