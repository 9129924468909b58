import ArgumentParser
import Dispatch
import Foundation
import Hub
import Plumbing

/// `docguard hub --db postgres://USER@HOST/DB [--listen 127.0.0.1:8080]`: the central unit's read-only web view.
struct HubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Serve the central unit's read-only view of the results the border posts forwarded.",
        discussion: """
            Pages for a browser on this machine: the latest alerts and reviews across posts (/), search by \
            document number, exact and OCR-fuzzy (/search), each post's last contact, list and totals (/posts), \
            and one result in full (/results/ID); the same as JSON under /api/, and Prometheus metrics per post \
            at /metrics. The hub only reads: give it a database role that may only SELECT. The password comes \
            from PGPASSWORD or --password-file, never from the URL. It listens on loopback only unless \
            --allow-non-loopback is given. Runs until interrupted (Ctrl-C or SIGTERM).
            """
    )

    @Option(name: .long, help: "The central database: postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require].")
    var db: String

    @Option(name: .long, help: "Where to listen, HOST:PORT ([::1]:PORT for IPv6; port 0 takes a free one).")
    var listen: String = ListenAddress.standard.description

    @Option(name: .customLong("password-file"), help: "Read the database password from the first line of FILE.")
    var passwordFile: String?

    @Flag(
        name: .customLong("allow-non-loopback"),
        help: "Listen on an address other machines can reach (the pages show personal data; prefer a TLS proxy).")
    var allowNonLoopback = false

    func validate() throws {
        let address = try ListenAddress(parsing: listen)
        if !address.isLoopback && !allowNonLoopback { throw ValidationError(HubError.notLoopback(listen).description) }
    }

    func run() throws {
        let address = try ListenAddress(parsing: listen)
        let server = try HubServer(databaseURL: db, password: try password())
        let failure = Locked<HubError?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Task {
            do throws(HubError) {
                try await server.checkDatabase()
                try await server.serve(on: address, handleSignals: true) { port in
                    let shown = ListenAddress(host: address.host, port: port)
                    FileHandle.standardError.write(
                        Data(
                            "docguard: hub serving http://\(shown)/ (read-only, \(server.databaseDisplay))\n".utf8))
                }
            } catch {
                failure.withLock { $0 = error }
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// The database password: the first line of `--password-file`, else `PGPASSWORD`, else none (a server that
    /// trusts the connection, or a client certificate).
    private func password() throws -> String? {
        guard let passwordFile else { return ProcessInfo.processInfo.environment["PGPASSWORD"] }
        do {
            let text = try String(contentsOfFile: passwordFile, encoding: .utf8)
            return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        } catch {
            throw HubError.cannotReadPasswordFile(path: passwordFile, reason: "no such file, or not readable")
        }
    }
}
