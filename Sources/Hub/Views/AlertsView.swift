import Foundation
import Pipeline

/// The latest alerts and reviews across all posts, newest arrival first.
struct AlertsView {
    var results: [ResultSummary]

    func html(now: Date) -> String {
        var body = "<section>\n<h2>Latest alerts and reviews (\(results.count))</h2>\n"
        if results.isEmpty {
            body += "<p class=\"none\">No post has forwarded an alert or a review.</p>\n"
        } else {
            body += HubPage.resultsTable(results)
        }
        return HubPage.render(title: "Alerts and reviews", section: .alerts, now: now, body: body + "</section>\n")
    }

    var json: JSONObject { ["results": .array(results.map { .object($0.json) })] }
}
