import Foundation
import Pipeline
import VisualZone

/// Scores reads against ground truth: the exact-MRZ read rate overall and per group (format, kind,
/// degradation), CPU time per scan, and each miss with the class of its cause.
public struct Evaluation: Sendable {
    /// Scans read exactly and scans counted, per group and member.
    public private(set) var tallies: [String: [String: (read: Int, total: Int)]] = [:]
    /// Wall seconds per scan, in input order.
    public private(set) var seconds: [Double] = []
    /// CPU seconds per scan (the worker thread's), in input order.
    public private(set) var cpuSeconds: [Double] = []
    /// Scans not read exactly, in input order.
    public private(set) var misses: [EvalMiss] = []
    /// The visual zone check's verdicts and findings over the scans it ran on.
    public private(set) var visualZone = VisualZoneTally()

    /// An empty evaluation.
    public init() {}

    /// Counts one scan.
    public mutating func record(_ result: ScanReading, expected: EvalCase) {
        let readLines = result.status == .ok ? result.document?.lineTexts : nil
        let exact = expected.lines.isEmpty ? readLines == nil : readLines == expected.lines
        count(EvalGroup("overall", "all"), exact)
        for group in expected.groups { count(group, exact) }
        seconds.append(result.seconds)
        cpuSeconds.append(result.cpuSeconds)
        if let check = result.visualZone { visualZone.record(check, tampering: expected.tampering) }
        if !exact {
            misses.append(
                EvalMiss(
                    file: expected.scan, truth: expected.lines, read: readLines,
                    cause: MissCause.of(read: readLines, truth: expected.lines, status: result.status)))
        }
    }

    private mutating func count(_ group: EvalGroup, _ exact: Bool) {
        var tally = tallies[group.group, default: [:]][group.name] ?? (0, 0)
        tally.total += 1
        if exact { tally.read += 1 }
        tallies[group.group, default: [:]][group.name] = tally
    }

    /// The report a person reads: one table per grouping, timing, then the misses by cause. MRZ text appears
    /// only with `showingText` (it is personal data on real documents).
    public func report(wallSeconds: Double, jobs: Int, model: String, showingText: Bool = false) -> String {
        var text = "exact-MRZ read rate, model \(model), \(jobs) job(s)\n"
        let order = ["kind", "format", "degradation"]
        let groups = tallies.keys.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }
        for group in groups {
            text += "\n" + group.padding(toLength: 18, withPad: " ", startingAt: 0) + "  read / scans    rate\n"
            for (name, tally) in (tallies[group] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let rate = tally.total == 0 ? 0 : 100 * Double(tally.read) / Double(tally.total)
                text +=
                    name.padding(toLength: 18, withPad: " ", startingAt: 0)
                    + String(format: "  %4d / %4d  %6.1f %%\n", tally.read, tally.total, rate)
            }
        }
        text += Self.timing(wall: seconds, cpu: cpuSeconds, wallSeconds: wallSeconds)
        text += visualZone.report()
        guard !misses.isEmpty else { return text }
        var causes: [MissCause: Int] = [:]
        for miss in misses { causes[miss.cause.kind, default: 0] += 1 }
        text +=
            "\nmisses by cause: "
            + causes.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            .joined(separator: ", ") + "\n"
        for miss in misses {
            text += "\(miss.file): \(miss.cause.description)\n"
            if showingText {
                text += "  truth: \(miss.truth.joined(separator: " / "))\n"
                text += "  read:  \(miss.read?.joined(separator: " / ") ?? "-")\n"
            }
        }
        return text
    }

    private static func timing(wall: [Double], cpu: [Double], wallSeconds: Double) -> String {
        guard !wall.isEmpty else { return "" }
        func summary(_ values: [Double]) -> String {
            let sorted = values.sorted()
            let mean = sorted.reduce(0, +) / Double(sorted.count)
            let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
            return String(
                format: "mean %.0f ms, p95 %.0f ms, max %.0f ms", mean * 1000, p95 * 1000, (sorted.last ?? 0) * 1000)
        }
        return "\nCPU time per scan: \(summary(cpu))\nwall time per scan: \(summary(wall)) (one worker)\n"
            + String(
                format: "throughput: %.1f scans/s over %.1f s wall\n", Double(wall.count) / max(wallSeconds, 1e-9),
                wallSeconds)
    }
}

/// A scan not read exactly.
public struct EvalMiss: Sendable {
    /// The scan.
    public var file: String
    /// What is printed.
    public var truth: [String]
    /// What was read; nil when nothing was.
    public var read: [String]?
    /// Why, as far as the lines tell.
    public var cause: MissCause.Finding
}

/// Classes of read failure, from the result and the lines alone.
public enum MissCause: String, Sendable, Hashable {
    /// No MRZ was found on the page.
    case noMRZ = "no MRZ"
    /// The file could not be decoded.
    case badFile = "bad file"
    /// An MRZ was found but not read.
    case unreadable
    /// A different number or length of lines was read.
    case layout
    /// A whole line stands one or more columns off: most of it matches the truth moved sideways.
    case shifted
    /// Some characters are wrong.
    case characters
    /// An MRZ was read where the image carries none.
    case falseRead = "false read"

    /// A cause with what can be said of it without the text.
    public struct Finding: Sendable, CustomStringConvertible {
        /// The class.
        public var kind: MissCause
        /// Wrong characters per line, for `characters` and `shifted`.
        public var wrongPerLine: [Int] = []

        /// The class and, where it applies, how many characters each line got wrong.
        public var description: String {
            wrongPerLine.isEmpty
                ? kind.rawValue
                : "\(kind.rawValue) (wrong characters per line: "
                    + wrongPerLine.map(String.init).joined(separator: ", ") + ")"
        }
    }

    /// The cause of reading `read` (nil: nothing read) with `status` where `truth` is printed.
    public static func of(read: [String]?, truth: [String], status: ScanResult.Status) -> Finding {
        guard let read else {
            switch status {
            case .noMRZ: return Finding(kind: .noMRZ)
            case .error: return Finding(kind: .badFile)
            case .ok, .unreadable: return Finding(kind: .unreadable)
            }
        }
        if truth.isEmpty { return Finding(kind: .falseRead) }
        guard read.count == truth.count, zip(read, truth).allSatisfy({ $0.utf8.count == $1.utf8.count }) else {
            return Finding(kind: .layout)
        }
        let wrong = zip(read, truth).map { mismatches(Array($0.utf8), Array($1.utf8), shift: 0) }
        let shifted = zip(read, truth).contains { read, truth in
            let (r, t) = (Array(read.utf8), Array(truth.utf8))
            let straight = mismatches(r, t, shift: 0)
            return straight > t.count / 4
                && [-2, -1, 1, 2].contains { mismatches(r, t, shift: $0) * 3 < straight }
        }
        return Finding(kind: shifted ? .shifted : .characters, wrongPerLine: wrong)
    }

    /// Positions where `read` differs from `truth` moved `shift` columns right (overhang not counted).
    private static func mismatches(_ read: [UInt8], _ truth: [UInt8], shift: Int) -> Int {
        var count = 0
        for index in read.indices {
            let source = index - shift
            guard source >= 0, source < truth.count else { continue }
            if read[index] != truth[source] { count += 1 }
        }
        return count
    }
}
