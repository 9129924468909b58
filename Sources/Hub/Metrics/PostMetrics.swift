import Foundation
import Prometheus

/// The Prometheus text for `/metrics`: per post (label `post`), its running totals and queue from its latest
/// contact report, how old its list is and how long since it last reported; and whether the hub could read the
/// database at all. Made afresh at each scrape from what the database says, families in a fixed order and each
/// family's samples sorted, so the same reports give the same text.
enum PostMetrics {
    /// The text for `posts` at `now`; with `databaseUp` false (posts then empty) only the database gauge says so.
    static func text(posts: [PostStatus], now: Date, databaseUp: Bool) -> String {
        var text = family { registry in
            registry.makeGauge(
                descriptor: name(
                    "hub", "database_up", help: "1 when the hub could read the central database, else 0")
            ).set(to: databaseUp ? 1 : 0)
        }
        let counters: [(MetricNameDescriptor, KeyPath<PostStatus, Int>)] = [
            (name("post", "scans", unit: "total", help: "Scans the post has made (its latest report)"), \.scans),
            (name("post", "alerts", unit: "total", help: "Alerts the post has raised (its latest report)"), \.alerts),
            (
                name("post", "reviews", unit: "total", help: "Reviews the post has raised (its latest report)"),
                \.reviews
            ),
        ]
        for (descriptor, value) in counters {
            text += family { registry in
                for post in posts {
                    registry.makeCounter(descriptor: descriptor, labels: [("post", post.postID)])
                        .increment(by: Int64(post[keyPath: value]))
                }
            }
        }
        let gauges: [(MetricNameDescriptor, (PostStatus) -> Double?)] = [
            (name("post", "queue_depth", help: "Results waiting in the post's outbox"), { Double($0.queueDepth) }),
            (
                name(
                    "post", "list_age", unit: "seconds", help: "Seconds since the post's stolen/lost list was imported"),
                { $0.listAge(at: now)?.rounded() }
            ),
            (
                name("post", "last_contact_age", unit: "seconds", help: "Seconds since the post last reported"),
                { now.timeIntervalSince($0.lastContact).rounded() }
            ),
        ]
        for (descriptor, value) in gauges {
            text += family { registry in
                for post in posts {
                    guard let value = value(post) else { continue }
                    registry.makeGauge(descriptor: descriptor, labels: [("post", post.postID)]).set(to: value)
                }
            }
        }
        return text
    }

    /// `docguard_SUBSYSTEM_NAME[_UNIT]`.
    private static func name(_ subsystem: String, _ metric: String, unit: String = "", help: String)
        -> MetricNameDescriptor
    {
        MetricNameDescriptor(
            namespace: "docguard", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    /// One metric family as text: its help and type lines, then its samples sorted.
    private static func family(_ fill: (PrometheusCollectorRegistry) -> Void) -> String {
        let registry = PrometheusCollectorRegistry()
        fill(registry)
        let lines = registry.emitToString().split(separator: "\n")
        let comments = lines.filter { $0.hasPrefix("#") }
        let samples = lines.filter { !$0.hasPrefix("#") }.sorted()
        return (comments + samples).map { $0 + "\n" }.joined()
    }
}
