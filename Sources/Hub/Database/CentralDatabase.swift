import Foundation
import Lists
import Logging
import PostgresNIO

/// The central PostgreSQL as the hub reads it: one connection, opened again when it was lost, and SELECT
/// statements only. The session is read-only on the server's side too (`default_transaction_read_only`), so even
/// a mistake here could not write; give the hub a role that may only SELECT (README, "docguard hub").
actor CentralDatabase {
    /// The URL without any password, for messages.
    let display: String
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private var connection: PostgresConnection?
    /// A connection being opened, awaited by every query that comes meanwhile.
    private var opening: Task<PostgresConnection, any Error>?

    /// The database `url` names, logged into with `password` (from the environment or a file, never the URL).
    init(url: String, password: String?) throws(HubError) {
        display = PostgresSession.redacted(url)
        if URLComponents(string: url)?.password != nil
            || URLComponents(string: url)?.queryItems?.contains(where: { $0.name == "password" }) == true
        {
            throw .passwordInURL(database: display)
        }
        var configuration: PostgresConnection.Configuration
        do {
            configuration = try PostgresSession.configuration(url, display: display)
        } catch let ListError.cannotOpen(_, reason) {
            throw .cannotOpen(database: display, reason: reason)
        } catch {
            throw .cannotOpen(database: display, reason: "\(error)")
        }
        configuration.password = password
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [
            ("application_name", "docguard-hub"), ("default_transaction_read_only", "on"),
            ("statement_timeout", "15000"),
        ]
        self.configuration = configuration
        var logger = Logger(label: "docguard.hub.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    /// Connects and looks for the central tables: the check `docguard hub` makes before it serves. A failure
    /// leaves no connection open.
    func check() async throws(HubError) {
        do {
            _ = try await open()
        } catch {
            throw .cannotOpen(database: display, reason: PostgresSession.reason(error))
        }
        for table in ["central_results", "central_post_reports"] {
            do throws(HubError) {
                let found = try await select("SELECT to_regclass(\(table)) IS NOT NULL")
                guard (try? found.first?.decode(Bool.self)) == true else {
                    throw HubError.notCentral(database: display, missing: table)
                }
                // A role without SELECT on the table is refused here, not on every page.
                _ = try await select("SELECT NULL FROM \(unescaped: table) LIMIT 0")
            } catch {
                await close()
                guard case .queryFailed(let reason) = error else { throw error }
                throw .cannotOpen(database: display, reason: reason)
            }
        }
    }

    /// How long a statement may go unanswered before the link is taken for dead: the server ends its own slow
    /// statements sooner (`statement_timeout`, 15 s) with a clearer message, but a link that drops without a reset
    /// would otherwise hold the page for good.
    static let answerTimeout: Duration = .seconds(20)

    /// The rows of one SELECT statement; a connection that fails is dropped, and the next query opens another.
    func select(_ query: PostgresQuery) async throws(HubError) -> [PostgresRow] {
        do {
            return try await rows(query, on: try await open())
        } catch {
            guard let connection, !connection.isClosed, !(error is HubError) else {
                self.connection = nil
                throw error as? HubError ?? .unreachable(reason: PostgresSession.reason(error))
            }
            throw .queryFailed(reason: PostgresSession.reason(error))
        }
    }

    /// The statement's rows, or after `answerTimeout` the connection closed (which fails the statement) and
    /// `.unreachable`.
    private func rows(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [PostgresRow] {
        let logger = logger
        return try await withThrowingTaskGroup(of: [PostgresRow]?.self) { group in
            group.addTask { try await connection.query(query, logger: logger).collect() }
            group.addTask {
                try await Task.sleep(for: Self.answerTimeout)
                return nil
            }
            guard let rows = try await group.next() ?? nil else {
                try? await connection.close()
                throw HubError.unreachable(reason: "no answer within \(Self.answerTimeout.components.seconds) s")
            }
            group.cancelAll()
            return rows
        }
    }

    /// Closes the connection (postgres-nio requires it before the connection goes).
    func close() async {
        try? await connection?.close()
        connection = nil
    }

    private func open() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        if let opening { return try await opening.value }
        let task = Task { [configuration, logger] in
            try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        }
        opening = task
        defer { opening = nil }
        let opened = try await task.value
        connection = opened
        return opened
    }
}
