import ArgumentParser
import Foundation
import Lists

/// `docguard central ...`: the central database the border posts forward to and sync from.
struct CentralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "central",
        abstract: "Set up the central database (list tables, central tables, roles).",
        subcommands: [CentralSetupCommand.self]
    )
}

/// `docguard central setup --db URL` (or `--print`).
struct CentralSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create the central tables and the post and hub roles, or print the SQL that does.",
        discussion: """
            Creates the list tables and their change log, central_results and central_post_reports, and two \
            NOLOGIN group roles: the post role may read the list tables and insert into the central tables, \
            nothing else; the hub role may only read. Make each post's login role a member of the post role \
            (CREATE ROLE post_17 LOGIN IN ROLE docguard_post), the hub's of the hub role. Run as the \
            database's owner, with a role that may create roles. Safe to run again: rights are set afresh. \
            The password comes from PGPASSWORD or the URL's password_file= parameter.
            """
    )

    @Option(name: .long, help: "The central database: a postgres:// URL.")
    var db: String?

    @Flag(name: .long, help: "Print the SQL instead of running it (pipelines/central/setup.sql is this output).")
    var print = false

    @Option(name: .long, help: "The posts' group role.")
    var postRole = CentralSchema.defaultPostRole

    @Option(name: .long, help: "The hub's group role.")
    var hubRole = CentralSchema.defaultHubRole

    func validate() throws {
        for (flag, role) in [("--post-role", postRole), ("--hub-role", hubRole)] {
            if let problem = CentralSchema.roleNameProblem(role) { throw ValidationError("\(flag) \(problem)") }
        }
        guard postRole != hubRole else { throw ValidationError("--post-role and --hub-role must differ") }
        guard print != (db != nil) else { throw ValidationError("give either --db URL or --print") }
        if let db, !(db.hasPrefix("postgres://") || db.hasPrefix("postgresql://")) {
            throw ValidationError("--db must be a postgres:// URL")
        }
    }

    func run() throws {
        guard let db else {
            Swift.print(CentralSchema.setupScript(postRole: postRole, hubRole: hubRole), terminator: "")
            return
        }
        try CentralDatabase.setUp(url: db, postRole: postRole, hubRole: hubRole)
        Swift.print("central database set up: \(PostgresSession.redacted(db)) (roles \(postRole), \(hubRole))")
    }
}
