/// A post's `on_alert` command (pipeline keys `on_alert`, `on_alert_reviews`, `on_alert_timeout_seconds`,
/// `on_alert_retries`): run through `/bin/sh -c` once per alert (and review, when asked), the result line on
/// its standard input.
public struct AlertCommand: Sendable, Equatable {
    /// The shell command.
    public var command: String
    /// Whether reviews are sent too, not only alerts.
    public var includesReviews: Bool
    /// Seconds one run may take before its process group is killed (the attempt then failed).
    public var timeoutSeconds: Double
    /// Further attempts after a failed one (exit status other than 0, or timed out).
    public var retries: Int

    /// Default seconds per run.
    public static let defaultTimeoutSeconds = 30.0
    /// Default further attempts.
    public static let defaultRetries = 3
    /// The longest wait between two attempts, in seconds (the waits double from one second up to it).
    public static let longestRetryWait = 300.0

    /// `command` for alerts (and reviews, with `includesReviews`).
    public init(
        command: String, includesReviews: Bool = false, timeoutSeconds: Double = defaultTimeoutSeconds,
        retries: Int = defaultRetries
    ) {
        self.command = command
        self.includesReviews = includesReviews
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
    }

    /// Whether a result of risk level `level` is sent.
    public func sends(level: String) -> Bool {
        level == "alert" || (includesReviews && level == "review")
    }

    /// Seconds to wait after failed attempt number `attempt` (1-based) before the next.
    public func wait(afterAttempt attempt: Int) -> Double {
        min(Self.longestRetryWait, Double(1 << min(attempt - 1, 20)))
    }
}
