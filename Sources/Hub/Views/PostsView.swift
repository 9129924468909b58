import Foundation
import Pipeline
import Plumbing

/// Each post's latest contact report and its last result.
struct PostsView {
    var posts: [PostStatus]

    func html(now: Date) -> String {
        var body = "<section>\n<h2>Posts (\(posts.count))</h2>\n"
        guard !posts.isEmpty else {
            body += "<p class=\"none\">No post has reported to the central database.</p>\n</section>\n"
            return HubPage.render(title: "Posts", section: .posts, now: now, body: body)
        }
        body += "<table class=\"list\"><thead><tr><th>Post</th><th>Last contact</th><th>List version</th>"
        body += "<th>Generation</th><th>List imported</th><th>Queue</th><th>Scans</th><th>Alerts</th>"
        body += "<th>Reviews</th><th>Last result</th></tr></thead><tbody>\n"
        for post in posts {
            body += "<tr><td><strong>\(HTMLText.escaped(post.postID))</strong></td>"
            body += "<td>\(HubPage.time(post.lastContact))<br><span class=\"meta\">"
            body += "\(HubTime.age(now.timeIntervalSince(post.lastContact))) ago</span></td>"
            body += "<td>\(HTMLText.escaped(post.listVersion ?? "no list"))</td>"
            body += "<td class=\"num\">\(post.listGeneration.map(String.init) ?? "–")</td>"
            // The import time as the post wrote it: shown as a time when it reads as one, else as text.
            let imported = post.listImportedAt.map { HubTime.date(iso: $0).map(HubPage.time) ?? HTMLText.escaped($0) }
            body += "<td>\(imported ?? "–")"
            if let age = post.listAge(at: now) { body += "<br><span class=\"meta\">\(HubTime.age(age)) old</span>" }
            body += "</td><td class=\"num\">\(post.queueDepth)</td><td class=\"num\">\(post.scans)</td>"
            body += "<td class=\"num\">\(post.alerts)</td><td class=\"num\">\(post.reviews)</td><td>"
            if let last = post.lastResult {
                body +=
                    "\(HubPage.badge(last.level)) <a href=\"/results/\(last.id)\">\(HubPage.time(last.receivedAt))</a>"
            } else {
                body += "<span class=\"none\">none yet</span>"
            }
            body += "</td></tr>\n"
        }
        body += "</tbody></table>\n</section>\n"
        return HubPage.render(title: "Posts", section: .posts, now: now, body: body)
    }

    var json: JSONObject { ["posts": .array(posts.map { .object($0.json) })] }
}
