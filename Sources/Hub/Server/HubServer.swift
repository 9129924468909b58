import Foundation
import Hummingbird
import Logging
import NIOCore

/// `docguard hub`: the central unit's read-only web view of what the border posts forwarded. Opens the central
/// database, checks it holds the central tables, then serves the pages, their JSON and the metrics until stopped.
/// Nothing is logged per request: addresses hold document numbers, and the pages personal data.
public struct HubServer: Sendable {
    private let database: CentralDatabase
    private let now: @Sendable () -> Date

    /// The URL without any password, for messages.
    public var databaseDisplay: String { database.display }

    /// A hub over the database `url` names (`postgres://USER@HOST[:PORT]/DATABASE`, no password in it), logging in
    /// with `password`. Nothing is connected yet.
    public init(databaseURL url: String, password: String?, now: @escaping @Sendable () -> Date = { Date() })
        throws(HubError)
    {
        database = try CentralDatabase(url: url, password: password)
        self.now = now
    }

    /// Connects and checks the central tables are there: a bad URL or password, an unreachable server or the
    /// wrong database is a failure here, before anything listens.
    public func checkDatabase() async throws(HubError) {
        try await database.check()
    }

    /// Serves on `address` until the task is cancelled, or with `handleSignals` until SIGINT or SIGTERM;
    /// `onListening` is told the port once the server listens (the one the system chose for port 0).
    public func serve(
        on address: ListenAddress, handleSignals: Bool, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws(HubError) {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        if address.isLoopback { router.add(middleware: LoopbackHostCheck()) }
        HubRoutes(reader: CentralReader(database: database), now: now).add(to: router)
        var logger = Logger(label: "docguard.hub")
        logger.logLevel = .critical
        let application = Application(
            router: router, configuration: .init(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? address.port) },
            logger: logger)
        var failure: HubError?
        do {
            if handleSignals {
                try await application.runService()
            } else {
                try await application.run()
            }
        } catch is CancellationError {
        } catch let error as IOError {
            failure = .cannotListen(address: address.description, reason: String(cString: strerror(error.errnoCode)))
        } catch {
            failure = .cannotListen(address: address.description, reason: "\(error)")
        }
        await database.close()
        if let failure { throw failure }
    }

    /// Closes the database connection of a hub that will not serve (one whose check passed).
    public func close() async {
        await database.close()
    }
}
