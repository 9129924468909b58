import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#endif

/// One connection to a PostgreSQL server, shared under a lock: what the list store (`PostgresListStore`) and
/// the central tables' writer (`CentralDatabase`) both talk through. Calls block the calling thread.
///
/// The URL is `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`, with the
/// password from, in this order: the URL (`USER:PASSWORD@` or `password=`; shown nowhere, but kept in shell
/// history and process lists, so for trials only), a file the `password_file=PATH` parameter names (its first
/// line; refused when group or others may read it), or the `PGPASSWORD` environment variable. HOST may be an
/// IPv6 address in brackets. No message ever holds the password.
public final class PostgresSession: @unchecked Sendable {
    private let connection: PostgresConnection
    private let logger: Logger
    private let lock = NSLock()
    /// The URL without its password, for messages.
    public let displayName: String

    /// Connects to the server `url` names. Throws `ListError.cannotOpen` naming the redacted URL.
    public init(url: String) throws {
        displayName = Self.redacted(url)
        var logger = Logger(label: "docguard.lists.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let configuration = try Self.configuration(url, display: displayName)
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw ListError.cannotOpen(store: displayName, reason: Self.reason(error))
        }
    }

    deinit { try? connection.close().wait() }

    /// Whether the connection is gone (the server closed it, or a statement timed out).
    public var isClosed: Bool { connection.isClosed }

    /// Runs a statement and collects its rows (the lock must be held). With `timeout`, a server that has not
    /// answered by then fails the statement and the connection is closed (a link that drops without a reset
    /// would otherwise hold the caller for good).
    func query(_ query: PostgresQuery, timeout: Duration? = nil) throws -> PostgresQueryResult {
        // postgres-nio writes a statement to a closed connection without failing it: it would never answer.
        guard !connection.isClosed else {
            throw ListError.database(operation: "query", reason: "the connection to the server was closed")
        }
        let answer = connection.query(query, logger: logger)
        guard let timeout else { return try answer.wait() }
        let connection = connection
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let seconds = timeout.components.seconds
        let timer = connection.eventLoop.scheduleTask(in: .seconds(seconds)) {
            promise.fail(
                ListError.database(operation: "query", reason: "the server did not answer within \(seconds) s"))
            connection.close().whenComplete { _ in }
        }
        answer.whenComplete { result in  // on the same event loop as the timer: the first to come wins
            timer.cancel()
            promise.completeWith(result)
        }
        return try promise.futureResult.wait()
    }

    /// Runs `body` holding the connection's lock, with failures turned into `ListError`s that hold no
    /// SQL arguments.
    func run<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try ListError.wrapping(operation, reason: Self.reason, body)
    }

    /// Runs `body` in one transaction (the lock must be held): committed when it returns, rolled back when it
    /// throws. With `timeout`, every statement of it.
    func transaction<T>(timeout: Duration? = nil, _ body: () throws -> T) throws -> T {
        _ = try query("BEGIN", timeout: timeout)
        do {
            let result = try body()
            _ = try query("COMMIT", timeout: timeout)
            return result
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// Runs SQL of the caller's own (one statement, no arguments: set-up and tests) holding the lock; its rows,
    /// each column as text (cast in the SQL) or nil.
    func execute(_ sql: String) throws -> [[String?]] {
        try run("execute") {
            try query(PostgresQuery(unsafeSQL: sql)).map { row in try row.map { try $0.decode(String?.self) } }
        }
    }

    /// Which of `tables` are missing from the database (as the connection's search path finds them).
    func missingTables(_ tables: [String]) throws -> [String] {
        try query(
            "SELECT name FROM unnest(\(tables)::text[]) AS t(name) WHERE to_regclass(name) IS NULL ORDER BY name"
        ).map { try $0.decode(String.self) }
    }

    /// The server's message (PSQLError's description hides it to protect bound values; the server's
    /// message names the problem, not the values).
    public static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if error.code == .connectionError {
                return "cannot connect to the server" + (error.underlying.map { ": \($0)" } ?? "")
            }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError { return String(describing: error) }
        return String(describing: error)
    }

    /// The URL without its password — the `USER:PASSWORD@` form and a `password=` parameter — for messages.
    /// Works on the text itself, so a URL too malformed to parse is masked too.
    public static func redacted(_ url: String) -> String {
        var text = Substring(url)
        var shown = ""
        if let scheme = text.range(of: "://") {
            shown += text[..<scheme.upperBound]
            text = text[scheme.upperBound...]
            let authorityEnd = text.firstIndex { "/?#".contains($0) } ?? text.endIndex
            if let at = text[..<authorityEnd].lastIndex(of: "@"), let colon = text[..<at].firstIndex(of: ":") {
                shown += text[..<colon] + ":***"
                text = text[at...]
            }
        }
        guard let question = text.firstIndex(of: "?") else { return shown + text }
        shown += text[...question]
        let fragment = text[question...].firstIndex(of: "#") ?? text.endIndex
        let items = text[text.index(after: question)..<fragment].split(separator: "&", omittingEmptySubsequences: false)
        shown += items.map { $0.lowercased().hasPrefix("password=") ? "password=***" : String($0) }
            .joined(separator: "&")
        return shown + text[fragment...]
    }

    /// The connection the URL names. An IPv6 host is written in brackets (`[::1]`); the port must be 1–65535
    /// (a larger one would wrap round to another port); the parameters are `sslmode`, `password` and
    /// `password_file`, and any other is refused (a misspelt `sslmode` would silently connect without TLS).
    /// `environment` supplies `PGPASSWORD`.
    public static func configuration(
        _ url: String, display: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PostgresConnection.Configuration {
        func refused(_ reason: String) -> ListError { ListError.cannotOpen(store: display, reason: reason) }
        guard let components = URLComponents(string: url), var host = components.host, !host.isEmpty,
            let user = components.user, !user.isEmpty
        else {
            throw refused("not a postgres://USER@HOST[:PORT]/DATABASE URL")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refused("the port must be 1–65535") }
        var sslMode = "disable"
        var password = components.password
        var passwordFile: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode": sslMode = item.value ?? ""
            case "password": password = item.value
            case "password_file": passwordFile = item.value ?? ""
            default:
                throw refused(
                    "unknown URL parameter \(ListError.excerpt(item.name)) (known: sslmode, password, password_file)")
            }
        }
        if password == nil, let passwordFile {
            password = try PasswordFile.read(passwordFile, refused: refused)
        }
        if password == nil, let fromEnvironment = environment["PGPASSWORD"], !fromEnvironment.isEmpty {
            password = fromEnvironment
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case "disable": tls = .disable
            case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: throw refused("sslmode must be disable, prefer or require")
            }
        } catch let error as ListError {
            throw error
        } catch {
            throw refused("TLS setup failed (\(error))")
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password,
            database: database.isEmpty ? nil : database, tls: tls)
    }
}

/// A file holding a database password on its first line (`password_file=`): like libpq's `.pgpass`, refused
/// when its group or others may read it, so a password is never left where anyone on the machine can read it.
/// Messages name the file, never what it holds.
enum PasswordFile {
    /// The password in `path`.
    static func read(_ path: String, refused: (String) -> ListError) throws -> String {
        var info = stat()
        guard !path.isEmpty, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            let data = FileManager.default.contents(atPath: path)
        else {
            throw refused("cannot read the password file \(ListError.excerpt(path))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw refused(
                "the password file \(ListError.excerpt(path)) may be read by group or others; "
                    + "allow its owner only (chmod 600)")
        }
        let firstLine = data.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard let password = String(data: firstLine, encoding: .utf8), !password.isEmpty else {
            throw refused("the password file \(ListError.excerpt(path)) holds no password on its first line")
        }
        return password
    }
}
