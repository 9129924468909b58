import Lists

/// Operational failures of the central view; each description tells a person what to do, and none holds the
/// database password or anything read from the results.
public enum HubError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `--listen` is not `HOST:PORT`.
    case badListenAddress(String)
    /// `--listen` names an address other machines can reach, and the operator did not say that is meant.
    case notLoopback(String)
    /// The `--db` URL holds a password (it would show in the process list and the shell history).
    case passwordInURL(database: String)
    /// The `--password-file` could not be read.
    case cannotReadPasswordFile(path: String, reason: String)
    /// The central database could not be reached or opened at start.
    case cannotOpen(database: String, reason: String)
    /// The database holds no central tables: not the central database, or no post has forwarded to it yet.
    case notCentral(database: String, missing: String)
    /// The database went away while the hub was serving (each page says so until it is back).
    case unreachable(reason: String)
    /// The database is there but did not answer a question (a statement timeout, a missing grant).
    case queryFailed(reason: String)
    /// The web server could not start listening.
    case cannotListen(address: String, reason: String)

    public var description: String {
        switch self {
        case .badListenAddress(let text):
            "--listen \(ListError.excerpt(text)): not HOST:PORT (for example 127.0.0.1:8080 or [::1]:8080)"
        case .notLoopback(let address):
            "--listen \(ListError.excerpt(address)) is reachable from other machines and the hub shows personal "
                + "data: listen on 127.0.0.1 behind a TLS proxy, or give --allow-non-loopback if this is meant"
        case .passwordInURL(let database):
            "--db \(ListError.excerpt(database)): the URL must not hold the password (it shows in the process "
                + "list); set PGPASSWORD or give --password-file"
        case .cannotReadPasswordFile(let path, let reason):
            "--password-file \(ListError.excerpt(path)): cannot read (\(ListError.excerpt(reason)))"
        case .cannotOpen(let database, let reason):
            "central database \(ListError.excerpt(database)): cannot open (\(ListError.excerpt(reason)))"
        case .notCentral(let database, let missing):
            "central database \(ListError.excerpt(database)): no \(missing) table (is --db the central database, "
                + "and has a post forwarded to it yet?)"
        case .unreachable(let reason):
            "the central database cannot be reached (\(ListError.excerpt(reason)))"
        case .queryFailed(let reason):
            "the central database did not answer (\(ListError.excerpt(reason)))"
        case .cannotListen(let address, let reason):
            "cannot listen on \(ListError.excerpt(address)) (\(ListError.excerpt(reason)))"
        }
    }
}
