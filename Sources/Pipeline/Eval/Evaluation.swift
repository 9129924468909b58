import Foundation

/// Scores reads against ground truth: the exact-MRZ read rate overall, per format and per degradation class.
public struct Evaluation: Sendable {
    /// Scans read exactly and scans counted, per group name.
    public private(set) var tallies: [String: [String: (read: Int, total: Int)]] = [:]
    /// Seconds per scan, in input order.
    public private(set) var seconds: [Double] = []
    /// Scans that were not read exactly: path, truth lines, lines read (nil when nothing was read).
    public private(set) var misses: [(file: String, truth: [String], read: [String]?, status: String)] = []

    /// An empty evaluation.
    public init() {}

    /// Every scan under `folder` with a `docguard.truth/1` JSON file beside it, sorted by path.
    public static func scansWithTruth(in folder: String) throws -> [(scan: String, truth: ScanTruth)] {
        try ScanInputs.files([folder]).compactMap { scan in
            let truthPath = (scan as NSString).deletingPathExtension + ".json"
            guard let data = FileManager.default.contents(atPath: truthPath),
                let truth = try? ScanTruth.decode(data), truth.schema == ScanTruth.schemaTag
            else { return nil }
            return (scan, truth)
        }
    }

    /// Counts one scan.
    public mutating func record(_ result: ScanResult, truth: ScanTruth) {
        let readLines = result.document?.lineTexts
        let exact = result.status == .ok && readLines == truth.lines
        count("overall", "all", exact)
        count("format", truth.format, exact)
        for name in truth.classes { count("degradation", name, exact) }
        seconds.append(result.seconds)
        if !exact { misses.append((result.file ?? "", truth.lines, readLines, result.status.rawValue)) }
    }

    private mutating func count(_ group: String, _ name: String, _ exact: Bool) {
        var tally = tallies[group, default: [:]][name] ?? (0, 0)
        tally.total += 1
        if exact { tally.read += 1 }
        tallies[group, default: [:]][name] = tally
    }

    /// The report a person reads: one table per grouping, then timing.
    public func report(wallSeconds: Double, jobs: Int, model: String) -> String {
        var text = "exact-MRZ read rate, model \(model), \(jobs) job(s)\n"
        for group in ["format", "degradation", "overall"] {
            text += "\n" + group.padding(toLength: 14, withPad: " ", startingAt: 0) + "  read / scans    rate\n"
            for (name, tally) in (tallies[group] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let rate = tally.total == 0 ? 0 : 100 * Double(tally.read) / Double(tally.total)
                text +=
                    name.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: "  %4d / %4d  %6.1f %%\n", tally.read, tally.total, rate)
            }
        }
        let sorted = seconds.sorted()
        if !sorted.isEmpty {
            let mean = sorted.reduce(0, +) / Double(sorted.count)
            let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
            text += String(
                format: "\ntime per scan: mean %.0f ms, p95 %.0f ms, max %.0f ms (one worker)\n",
                mean * 1000, p95 * 1000, (sorted.last ?? 0) * 1000)
            text += String(
                format: "throughput: %.1f scans/s over %.1f s wall\n",
                Double(sorted.count) / max(wallSeconds, 1e-9), wallSeconds)
        }
        return text
    }
}
