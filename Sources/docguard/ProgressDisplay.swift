import Dispatch
import Foundation
import Pipeline
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one progress line of a long run (`scan`, `screen`, `run`, `eval`, `lists import`) on a terminal's
/// stderr: done of total (done alone while the total is unknown), rate, time left, alerts so far. Counts
/// only, never what was read. Callers add to counters; a thread of its own redraws the line four times a
/// second, so a fast path pays one atomic add per call. Nothing at all is written when stderr is not a
/// terminal (logs, pipes and tests stay byte for byte the same), nor when the results themselves go to the
/// terminal on stdout (the bar would tear their lines).
final class ProgressDisplay: Sendable {
    /// Time between redraws, in microseconds.
    static let redrawMicroseconds: UInt32 = 250_000
    /// Width of the bar between its brackets.
    static let barWidth = 20

    private let unit: String
    private let showsAlerts: Bool
    private let done = Atomic<Int>(0)
    private let alerts = Atomic<Int>(0)
    /// -1 while unknown.
    private let total: Atomic<Int>
    private let started = DispatchTime.now().uptimeNanoseconds
    /// Whether the final line is out; held while the line is written, so writes never interleave.
    private let finished = Mutex(false)

    private init(unit: String, total: Int?, showsAlerts: Bool) {
        self.unit = unit
        self.total = Atomic(total ?? -1)
        self.showsAlerts = showsAlerts
    }

    /// A display counting `unit` (`scans`, `records`, `rows`) out of `total` when known, with alerts when the
    /// command has them, redrawn until `finish()`; nil when stderr is not a terminal, or when
    /// `resultsOnStdout` and stdout is a terminal.
    static func start(unit: String, total: Int? = nil, alerts: Bool, resultsOnStdout: Bool = false)
        -> ProgressDisplay?
    {
        guard isatty(STDERR_FILENO) == 1, !(resultsOnStdout && isatty(STDOUT_FILENO) == 1) else { return nil }
        let display = ProgressDisplay(unit: unit, total: total, showsAlerts: alerts)
        Thread { display.redrawUntilFinished() }.start()
        return display
    }

    /// Counts `count` more done, `newAlerts` of them alerts.
    func add(_ count: Int = 1, alerts newAlerts: Int = 0) {
        done.add(count, ordering: .relaxed)
        if newAlerts > 0 { alerts.add(newAlerts, ordering: .relaxed) }
    }

    /// Counts one result done, and an alert when its level is alert.
    func add(_ result: ScanResult) {
        add(1, alerts: result.risk?.level == .alert ? 1 : 0)
    }

    /// Sets the total once it is known.
    func setTotal(_ count: Int) {
        total.store(count, ordering: .relaxed)
    }

    /// Writes `message` on stderr as `docguard: MESSAGE`, on a line of its own above the progress line when one
    /// is shown.
    static func warn(_ message: String, above progress: ProgressDisplay? = nil) {
        if let progress { return progress.note("docguard: \(message)") }
        FileHandle.standardError.write(Data("docguard: \(message)\n".utf8))
    }

    /// Writes `line` (a warning) on a line of its own; the bar comes back at the next redraw.
    func note(_ line: String) {
        finished.withLock { _ in Self.write("\r\u{1B}[K\(line)\n") }
    }

    /// Draws the final counts and ends the line; later calls do nothing.
    func finish() {
        finished.withLock { finished in
            guard !finished else { return }
            finished = true
            Self.write("\r" + currentLine() + "\u{1B}[K\n")
        }
    }

    /// The progress line for `done` of `total` (nil: unknown) after `seconds`, with `alerts` when not nil.
    static func line(done: Int, total: Int?, alerts: Int?, seconds: Double, unit: String) -> String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var parts: [String] = []
        if let total {
            let filled = total > 0 ? barWidth * min(done, total) / total : barWidth
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
            parts.append("[\(bar)] \(done)/\(total) \(unit)")
        } else {
            parts.append("\(done) \(unit)")
        }
        parts.append(String(format: "%.1f/s", rate))
        if let total {
            let left = max(0, total - done)
            parts.append(left == 0 ? "ETA 0m00s" : rate > 0 ? "ETA " + duration(Double(left) / rate) : "ETA --")
        }
        if let alerts { parts.append("alerts \(alerts)") }
        return parts.joined(separator: "  ")
    }

    /// `4m05s`, or `2h07m` from an hour on.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if whole >= 3600 { return "\(whole / 3600)h\(twoDigits(whole % 3600 / 60))m" }
        return "\(whole / 60)m\(twoDigits(whole % 60))s"
    }

    private func redrawUntilFinished() {
        while true {
            usleep(Self.redrawMicroseconds)
            let going = finished.withLock { finished in
                if !finished { Self.write("\r" + currentLine() + "\u{1B}[K") }
                return !finished
            }
            guard going else { return }
        }
    }

    private func currentLine() -> String {
        let count = total.load(ordering: .relaxed)
        return Self.line(
            done: done.load(ordering: .relaxed), total: count < 0 ? nil : count,
            alerts: showsAlerts ? alerts.load(ordering: .relaxed) : nil,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, unit: unit)
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A run's results counted as they are written (its writers finish it).
extension ProgressDisplay: ResultWriter {
    func write(_ result: ScanResult) { add(result) }
}
