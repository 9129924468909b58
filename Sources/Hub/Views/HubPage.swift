import Foundation
import Pipeline
import Plumbing

/// The frame every hub page shares: the report's look (`HTMLPage`) with a few rules of its own, a heading, the
/// links between the views, and the time the page was made. Every value put in is escaped here or by the caller
/// through `HTMLText`; nothing is loaded from elsewhere (the server's Content-Security-Policy forbids it).
enum HubPage {
    /// The views the heading links to.
    enum Section: String, CaseIterable {
        case alerts = "Alerts and reviews"
        case search = "Search"
        case posts = "Posts"

        var path: String {
            switch self {
            case .alerts: "/"
            case .search: "/search"
            case .posts: "/posts"
            }
        }
    }

    /// A whole page: `body` is HTML already escaped.
    static func render(title: String, section: Section?, now: Date, body: String) -> String {
        var html = HTMLPage.head(title: "\(title) · docguard central", extraStyle: style)
        html += "<header>\n<h1>docguard central · \(HTMLText.escaped(title))</h1>\n<nav>"
        for link in Section.allCases {
            let here = link == section ? " class=\"here\" aria-current=\"page\"" : ""
            html += "<a href=\"\(link.path)\"\(here)>\(link.rawValue)</a>"
        }
        html += "</nav>\n</header>\n" + body
        html += "<footer class=\"meta\">Read-only view of the central database · made \(HubTime.iso(now))</footer>\n"
        return html + "</body>\n</html>\n"
    }

    /// A time as `<time>`, kept on one line.
    static func time(_ date: Date) -> String {
        let text = HubTime.iso(date)
        return "<time datetime=\"\(text)\">\(text)</time>"
    }

    /// A level as the report's coloured badge; an unknown value as plain text.
    static func badge(_ level: String?) -> String {
        guard let level else { return "<span class=\"badge none\">none</span>" }
        let known = ["alert", "review", "clear"].contains(level)
        return "<span class=\"badge \(known ? level : "none")\">\(HTMLText.escaped(level))</span>"
    }

    /// A table of results, newest first, each linking to its detail; `match` adds a column saying how a search
    /// found each one.
    static func resultsTable(_ results: [ResultSummary], match: [Int: String]? = nil) -> String {
        var html = "<table class=\"list\"><thead><tr><th>Received</th><th>Post</th><th>Level</th><th>Score</th>"
        html += "<th>Reasons</th><th>Document number</th>\(match == nil ? "" : "<th>Match</th>")"
        html += "<th>State</th><th>List version</th></tr></thead><tbody>\n"
        for result in results {
            let link = "/results/\(result.id)"
            html += "<tr class=\"\(["alert", "review"].contains(result.level ?? "") ? result.level! : "other")\">"
            html += "<td><a href=\"\(link)\">\(time(result.receivedAt))</a></td>"
            html += "<td>\(HTMLText.escaped(result.postID))</td><td>\(badge(result.level))</td>"
            html += "<td class=\"num\">\(result.score.map(String.init) ?? "–")</td>"
            html += "<td>\(result.reasons.map { "<code>\(HTMLText.escaped($0))</code>" }.joined(separator: " "))</td>"
            html +=
                "<td><a href=\"\(link)\"><strong>\(HTMLText.escaped(result.documentNumber ?? "–"))</strong></a></td>"
            if let kind = match?[result.id] {
                html += "<td><span class=\"badge \(kind == "exact" ? "exact" : "fuzzy")\">\(kind)</span></td>"
            }
            html += "<td>\(HTMLText.escaped(result.issuingState ?? "–"))</td>"
            html += "<td>\(HTMLText.escaped(result.listVersion ?? "no list"))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The banner a page shows in place of its content while the database cannot answer.
    static func unavailable(_ error: HubError, now: Date) -> String {
        render(
            title: "Database unreachable", section: nil, now: now,
            body: "<p class=\"down\" role=\"alert\">\(HTMLText.escaped(error.description)). Nothing can be shown "
                + "until it answers again; reload this page in a minute. If it lasts, call the central "
                + "database's administrator.</p>\n")
    }

    /// The hub's own rules, after the report's.
    static let style = """

        body{max-width:84rem}
        header nav{display:flex;flex-wrap:wrap;gap:1.2rem;margin:.3rem 0 0}
        header nav a{color:var(--ink)}
        header nav a.here{font-weight:700;text-decoration:none;border-bottom:3px solid var(--ink)}
        table.list{border-collapse:collapse;width:100%;font-size:.92rem;margin:.4rem 0}
        table.list th,table.list td{text-align:left;padding:.35rem .45rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:break-word}
        table.list th{color:var(--muted);font-weight:600;white-space:nowrap}
        table.list td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.list caption{text-align:left;color:var(--muted);padding-bottom:.2rem}
        time{white-space:nowrap}
        .facts{grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
        table.list tr.alert td:first-child{border-left:.3rem solid var(--alert)}
        table.list tr.review td:first-child{border-left:.3rem solid var(--review)}
        .badge.none{background:var(--muted)}
        .badge.exact{background:var(--ink)}
        .badge.fuzzy{background:var(--review)}
        .down{background:var(--alert);color:#fff;font-weight:700;border-radius:.5rem;padding:.8rem;margin:1rem 0}
        form.search{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:1rem 0}
        form.search input{font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.3rem;min-width:16rem;text-transform:uppercase}
        form.search button{font:inherit;padding:.45rem 1rem;border:0;border-radius:.3rem;background:var(--ink);color:#fff}
        pre.line{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem;background:#f8f9fa;border:1px solid var(--line);border-radius:.3rem;padding:.5rem}
        footer{margin:2rem 0 0;font-size:.85rem}
        """
}
