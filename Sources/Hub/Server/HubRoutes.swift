import Foundation
import Hummingbird
import Pipeline
import Plumbing

/// What each address answers: every view as a page and as JSON (`/api/...`), and the metrics. A database that
/// cannot answer gives each page a 503 that says so, and the server goes on serving.
struct HubRoutes: Sendable {
    let reader: CentralReader
    /// The clock the pages' times and the metrics' ages are taken from.
    let now: @Sendable () -> Date

    /// Results the alert list shows unless `?limit=` asks for another number (at most `CentralReader.maximumRows`).
    static let defaultLimit = 200

    /// Adds every route to `router`.
    func add(to router: Router<BasicRequestContext>) {
        for api in [false, true] {
            let prefix = api ? "/api" : ""
            router.get(RouterPath(api ? "/api/alerts" : "/")) { request, _ in await alerts(request, api: api) }
            router.get(RouterPath(prefix + "/search")) { request, _ in await search(request, api: api) }
            router.get(RouterPath(prefix + "/posts")) { _, _ in await posts(api: api) }
            router.get(RouterPath(prefix + "/results/:id")) { _, context in
                await detail(id: context.parameters.get("id", as: Int.self), api: api)
            }
        }
        router.get("/alerts") { request, _ in await alerts(request, api: false) }
        router.get("/metrics") { _, _ in await metrics() }
    }

    /// What a view handler found.
    private enum Answer {
        case view(html: String, json: JSONObject)
        case refused(HTTPResponse.Status, String)
    }

    private func alerts(_ request: Request, api: Bool) async -> Response {
        let limit = request.uri.queryParameters.get("limit", as: Int.self).map { max(1, $0) } ?? Self.defaultLimit
        return await respond(api: api) { now throws(HubError) in
            let view = AlertsView(results: try await reader.flagged(limit: limit))
            return .view(html: view.html(now: now), json: view.json)
        }
    }

    private func search(_ request: Request, api: Bool) async -> Response {
        let typed = request.uri.queryParameters.get("number").map { String($0) }
        let search = typed.flatMap(DocumentSearch.init(typed:))
        return await respond(api: api) { now throws(HubError) in
            if api, search == nil {
                return .refused(.badRequest, "give ?number= a document number: its letters and digits")
            }
            var hits: [SearchHit] = []
            if let search { hits = try await reader.search(search, limit: CentralReader.maximumRows) }
            let view = SearchView(typed: typed, search: search, hits: hits)
            return .view(html: view.html(now: now), json: view.json)
        }
    }

    private func posts(api: Bool) async -> Response {
        await respond(api: api) { now throws(HubError) in
            let view = PostsView(posts: try await reader.posts())
            return .view(html: view.html(now: now), json: view.json)
        }
    }

    private func detail(id: Int?, api: Bool) async -> Response {
        await respond(api: api) { now throws(HubError) in
            guard let id, let detail = try await reader.result(id: id) else {
                return .refused(.notFound, "no result with this id")
            }
            let view = DetailView(detail: detail)
            return .view(html: view.html(now: now), json: view.json)
        }
    }

    private func metrics() async -> Response {
        let now = now()
        let text: String
        do {
            text = PostMetrics.text(posts: try await reader.posts(), now: now, databaseUp: true)
        } catch {
            text = PostMetrics.text(posts: [], now: now, databaseUp: false)
        }
        return Self.response(text, type: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// Runs a view's handler and answers as HTML or JSON; a database that cannot answer becomes a 503.
    private func respond(api: Bool, _ handler: (Date) async throws(HubError) -> Answer) async -> Response {
        let now = now()
        do {
            switch try await handler(now) {
            case .view(let html, let json): return api ? Self.json(json) : Self.html(html)
            case .refused(let status, let why):
                guard !api else { return Self.json(["error": .string(why)], status: status) }
                let page = HubPage.render(
                    title: status.reasonPhrase, section: nil, now: now,
                    body: "<p class=\"problem\">\(HTMLText.escaped(why)).</p>\n")
                return Self.html(page, status: status)
            }
        } catch {
            guard !api else { return Self.json(["error": .string(error.description)], status: .serviceUnavailable) }
            return Self.html(HubPage.unavailable(error, now: now), status: .serviceUnavailable)
        }
    }

    private static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        response(text, type: "text/html; charset=utf-8", status: status)
    }

    private static func json(_ object: JSONObject, status: HTTPResponse.Status = .ok) -> Response {
        response(JSONWriter.text(JSONValue.object(object)) + "\n", type: "application/json", status: status)
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
