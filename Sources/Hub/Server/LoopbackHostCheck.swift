import Hummingbird

/// Refuses a request whose `Host` is not a name of this machine, on a hub that listens on loopback only: a web
/// page elsewhere that has its own name resolve to 127.0.0.1 (DNS rebinding) would otherwise have the officer's
/// browser read the hub's pages and JSON for it.
struct LoopbackHostCheck<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let authority = request.head.authority, !Self.isLoopback(authority: authority) else {
            return try await next(request, context)
        }
        return HubRoutes.response(
            "This hub answers only to the addresses of its own machine (127.0.0.1, localhost, [::1]).\n",
            type: "text/plain; charset=utf-8", status: .forbidden)
    }

    /// Whether `HOST[:PORT]` names this machine.
    static func isLoopback(authority: String) -> Bool {
        var host = Substring(authority)
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<end]
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return ListenAddress(host: host.lowercased(), port: 0).isLoopback
    }
}
