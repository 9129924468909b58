import Crypto
import Foundation
import Hummingbird
import Pipeline

/// Headers on every answer, errors included: a Content-Security-Policy that allows the pages' one inline style
/// sheet (by its hash) and forms sent back here, and nothing else — no scripts, no images, no fonts, no frames,
/// nothing from elsewhere; no caching (the pages hold personal data); no referrer (a search's address holds the
/// number searched). A request the routes do not know is answered here, so no framework text reaches the page.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = HubRoutes.response(
                "\(error.status.code) \(error.status.reasonPhrase)\n", type: "text/plain; charset=utf-8",
                status: error.status)
        } catch {
            response = HubRoutes.response(
                "500 Internal Server Error\n", type: "text/plain; charset=utf-8", status: .internalServerError)
        }
        response.headers[.contentSecurityPolicy] = ContentSecurityPolicy.text
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = "no-store"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        return response
    }
}

/// The policy every answer carries.
enum ContentSecurityPolicy {
    /// Nothing but the pages' own style sheet, and forms sent back here.
    static let text =
        "default-src 'none'; style-src '\(styleHash)'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The hash of the one style sheet every page carries inline (`HubPage`).
    private static let styleHash: String = {
        let sheet = HTMLPage.style + HubPage.style
        return "sha256-" + Data(SHA256.hash(data: Data(sheet.utf8))).base64EncodedString()
    }()
}
