import Foundation

/// Hands items from one producing thread to one consuming thread, in order, holding at most `capacity`
/// so memory stays flat: list import parses the next rows while the store writes, and screening reads the
/// next records while the workers screen.
public final class BoundedPipe<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var queue: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    /// An empty pipe holding at most `capacity` items.
    public init(capacity: Int = 2) { self.capacity = max(1, capacity) }

    /// Producer: queues an item, waiting while the pipe is full; false once the consumer has cancelled.
    public func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(item)
        condition.broadcast()
        return true
    }

    /// Producer: no more items; `error` when producing failed.
    public func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next item; nil when all were taken; throws the producer's error.
    public func next() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: stops taking items; the producer's next `put` returns false.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
