import Dispatch
import Foundation
import Plumbing

/// Tells a person at the post about each alert (and review, when asked): runs the `on_alert` command once per
/// such result, the result line on its standard input, on a thread of its own, so a slow, hanging or failing
/// command never slows or stops scanning. It follows the result file (the record of truth, read as the forwarder reads it: `ResultFileTail`) from the
/// position in its journal (`AlertDeliveryJournal`), so an alert written just before a kill -9 is still sent after the
/// restart; each attempt is journalled, failed ones are tried again with growing waits, and a run that outlives
/// its timeout has its process group killed. A delivery cut short by a kill -9 is sent again: at least once.
/// Messages name result lines and exit statuses, never what a result holds.
public final class AlertNotifier: @unchecked Sendable {
    private let command: AlertCommand
    private let results: String
    /// Where each delivery stands.
    public let journal: AlertDeliveryJournal
    private let report: @Sendable (String) -> Void
    private let wakeUp = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let stopping = Locked(false)
    private var started = false

    /// A notifier of `command` for the result file `results` (journal `RESULTS.alerts.journal`). `report` hears
    /// one line for each failed attempt and each error (standard error by default).
    public init(
        _ command: AlertCommand, results: String,
        report: @escaping @Sendable (String) -> Void = { AlertNotifier.standardError($0) }
    ) throws {
        self.command = command
        self.results = results
        self.report = report
        journal = try AlertDeliveryJournal(path: results + ".alerts.journal") {
            let (lines, end) = ResultFileTail.countLines(results, from: 0)
            return AlertDeliveryJournal.Position(offset: end, line: Int64(lines))
        }
    }

    /// Starts the notifier's thread: it catches up with the result file first.
    public func start() {
        guard !started else { return }
        started = true
        let thread = Thread { [self] in
            loop()
            stopped.signal()
        }
        thread.start()
    }

    /// Tells the notifier a result was written (it also looks every second on its own).
    public func wake() { wakeUp.signal() }

    /// Stops the thread after the delivery in flight (at most its timeout); pending ones wait in the journal.
    public func stop() {
        guard started else { return }
        stopping.withLock { $0 = true }
        wakeUp.signal()
        stopped.wait()
        started = false
    }

    /// Reads what is new in the result file, then runs every delivery that is due. Returns the seconds until
    /// the next one falls due, if any is pending.
    @discardableResult
    public func pass() throws -> Double? {
        try takeNewResults()
        while !stopping.withLock({ $0 }) {
            let (due, next) = try journal.nextDue(now: Self.wallSeconds())
            guard let due else { return next.map { max(0, $0 - Self.wallSeconds()) } }
            try deliver(due)
        }
        return nil
    }

    private func loop() {
        var lastProblem: String?
        while !stopping.withLock({ $0 }) {
            var wait = 1.0
            do {
                if let next = try pass() { wait = min(wait, max(0.01, next)) }
                lastProblem = nil
            } catch {
                let problem = "on_alert: \(error)"
                if problem != lastProblem { report(problem) }  // once, not every second
                lastProblem = problem
                wait = 5
            }
            _ = wakeUp.wait(timeout: .now() + wait)
        }
    }

    /// Records a delivery for each new alert (and review) line, and the position after the lines read. A result
    /// file shorter than the position was replaced (rotated): it is followed from its start.
    private func takeNewResults() throws {
        var position = try journal.position()
        while true {
            let tail: ResultFileTail
            do {
                tail = try ResultFileTail.read(results, from: position.offset, maxLines: 1_000)
            } catch PipelineError.resultsShrank {
                report("on_alert: \(results) is shorter than before (replaced?); following it from its start")
                position = .start
                try journal.record([], upTo: position)
                continue
            }
            guard !tail.lines.isEmpty else { return }
            var owed: [(line: Int64, level: String, result: String)] = []
            for (index, bytes) in tail.lines.enumerated() {
                guard let level = Self.level(of: bytes), command.sends(level: level) else { continue }
                owed.append((position.line + Int64(index) + 1, level, String(decoding: bytes, as: UTF8.self)))
            }
            position = AlertDeliveryJournal.Position(offset: tail.end, line: position.line + Int64(tail.lines.count))
            try journal.record(owed, upTo: position)
        }
    }

    /// One attempt at a delivery, journalled.
    private func deliver(_ delivery: AlertDeliveryJournal.Delivery) throws {
        let started = Self.wallSeconds()
        var outcome: ChildProcess.Outcome?
        var failure = ""
        do {
            var environment = ProcessInfo.processInfo.environment
            environment["DOCGUARD_RESULT_LEVEL"] = delivery.level
            environment["DOCGUARD_RESULT_LINE"] = String(delivery.line)
            environment["DOCGUARD_RESULTS"] = results
            let child = try ChildProcess(
                "/bin/sh", ["-c", command.command], environment: environment, stdin: .pipe, stderr: .pipe,
                ownProcessGroup: true)
            outcome = child.finish(input: Data((delivery.result + "\n").utf8), timeout: command.timeoutSeconds)
        } catch {
            failure = "could not start /bin/sh (\(error))"
        }
        let attempt = delivery.attempts + 1
        let took = outcome?.timedOut == true ? "timed out after \(Self.seconds(command.timeoutSeconds))" : nil
        let succeeded = outcome.map { $0.status == 0 && !$0.signalled && !$0.timedOut } ?? false
        if let outcome, !succeeded {
            failure =
                took ?? (outcome.signalled ? "ended by signal \(outcome.status)" : "exit status \(outcome.status)")
        }
        let state: AlertDeliveryJournal.State
        var due = started
        if succeeded {
            state = .delivered
        } else if attempt > command.retries {
            state = .failed
            report(
                "on_alert: gave up on result line \(delivery.line) (\(delivery.level)) after \(attempt) attempts "
                    + "(\(failure)); recorded in \(results).alerts.journal")
        } else {
            state = .pending
            due = Self.wallSeconds() + command.wait(afterAttempt: attempt)
            report(
                "on_alert: the command failed for result line \(delivery.line) (\(delivery.level)): \(failure); "
                    + "trying again in \(Self.seconds(command.wait(afterAttempt: attempt)))")
        }
        let errors = String(decoding: (outcome?.stderr ?? Data(failure.utf8)).suffix(500), as: UTF8.self)
        try journal.recordAttempt(
            line: delivery.line, started: Self.iso(started), seconds: Self.wallSeconds() - started,
            exitStatus: outcome.flatMap { $0.signalled || $0.timedOut ? nil : $0.status },
            timedOut: outcome?.timedOut ?? false, errors: errors, state: state, due: due)
    }

    /// The `risk.level` of a result line; nil for a line that has none.
    static func level(of line: ArraySlice<UInt8>) -> String? {
        guard case .object(let result)? = try? JSONParser.parse(line), case .object(let risk)? = result["risk"],
            case .string(let level)? = risk["level"]
        else { return nil }
        return level
    }

    /// Writes `line` to standard error as a docguard message.
    public static func standardError(_ line: String) {
        FileHandle.standardError.write(Data("docguard: \(line)\n".utf8))
    }

    private static func wallSeconds() -> Double { Date().timeIntervalSince1970 }

    private static func iso(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
