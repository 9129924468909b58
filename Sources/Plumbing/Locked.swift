import Foundation

/// A value that several worker threads update, one at a time, under a lock.
///
/// Inlinable, so that callers in other targets get it specialised for their value as they did when it
/// lived beside them (workers take it once per result or slice).
public final class Locked<Value>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var value: Value

    /// Wraps `value`.
    @inlinable
    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    @inlinable
    @discardableResult
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
