import Foundation
import Plumbing

/// What a sync did, and the post's list as it stands after it.
public struct ListSyncReport: Sendable, Equatable {
    /// How the post was brought up to the central list.
    public enum Kind: String, Sendable {
        /// The post held the central list's generation already: nothing changed.
        case none
        /// The records changed since the post's generation were applied.
        case delta
        /// The whole list was copied (the post's list was replaced).
        case full
    }

    /// How the post was brought up to date.
    public var kind: Kind
    /// Why a full copy was made instead of a delta; nil otherwise.
    public var reason: String?
    /// The post's generation before the sync (nil when it held no list).
    public var fromGeneration: Int?
    /// Records added or changed at the post.
    public var upserted = 0
    /// Records withdrawn at the post.
    public var withdrawn = 0
    /// The post's list after the sync: the central list's version, import time, records and generation.
    public var info: ListInfo
}

/// Brings a border post's store up to the central list (`docguard lists sync`): by the records changed since
/// the post's generation, or by a full copy when the post holds no list, a list from elsewhere, or one the
/// central log no longer reaches back to (`ListChangeLog`). Atomic as an import is: a delta is one transaction
/// in the post's store, a full copy is built beside it and swapped in (`SQLiteListStore`), so the post screens
/// against its old list until the new one is complete, whatever stops the sync. The post's list takes the
/// central list's info (version, import time, generation) and id, so every result names the central version.
public enum ListSync {
    /// Changes fetched from the central store at a time.
    public static let defaultBatchSize = 50_000
    /// How long the central server may take to answer one statement before the sync fails (a link that drops
    /// silently would otherwise hold the sync for good).
    public static let defaultTimeout = Duration.seconds(120)

    /// Syncs `post` from `central`. `rowsApplied` hears, after each batch is written at the post (not yet
    /// committed), how many changes it held; a throw from it stops the sync as any failure does.
    public static func run(
        from central: PostgresListStore, into post: any ListStore, batchSize: Int = defaultBatchSize,
        timeout: Duration = defaultTimeout, rowsApplied: (Int) throws -> Void = { _ in }
    ) throws -> ListSyncReport {
        var diverged: String?
        do {
            return try attempt(
                from: central, into: post, batchSize: batchSize, timeout: timeout, full: nil, diverged: &diverged,
                rowsApplied: rowsApplied)
        } catch {
            // A delta that diverged was rolled back: the post's list is as it was, and a full copy puts it right.
            guard let reason = diverged else { throw error }
            return try attempt(
                from: central, into: post, batchSize: batchSize, timeout: timeout, full: reason, diverged: &diverged,
                rowsApplied: rowsApplied)
        }
    }

    /// What to send a post whose list is `post`: the rules of `ListChangeLog`.
    static func plan(post: ListInfo?, central: CentralListState) -> ListSyncPlan {
        guard let post, post.records > 0 else { return .everything(reason: "the post holds no list") }
        guard post.source == central.info.source else {
            return .everything(reason: "the post's list was not synced from this central list")
        }
        if post.generation == central.info.generation { return .nothing }
        if post.generation > central.info.generation {
            return .everything(reason: "the post's generation is ahead of the central list's")
        }
        if post.generation < central.completeAfter {
            return .everything(
                reason: "the central list keeps changes only since generation \(central.completeAfter)")
        }
        if central.loggedThrough != central.info.generation {
            return .everything(reason: "the central change log stops at generation \(central.loggedThrough)")
        }
        return .changes(since: post.generation)
    }

    /// One sync: reads the central snapshot on a thread of its own while the post writes. `full`: a full copy
    /// for this reason whatever the plan says.
    private static func attempt(
        from central: PostgresListStore, into post: any ListStore, batchSize: Int, timeout: Duration, full: String?,
        diverged: inout String?, rowsApplied: (Int) throws -> Void
    ) throws -> ListSyncReport {
        let before = try post.info()
        let pipe = BoundedPipe<Piece>(capacity: 2)
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            defer { done.signal() }
            do {
                try central.readForSync(batchSize: batchSize, timeout: timeout) { state in
                    var chosen = state.map { plan(post: before, central: $0) } ?? .nothing
                    if let full, state != nil { chosen = .everything(reason: full) }
                    guard pipe.put(.start(state, chosen)) else { throw CancellationError() }
                    return chosen
                } rows: { changes in
                    pipe.put(.rows(changes))
                }
                pipe.finish(nil)
            } catch {
                pipe.finish(error)
            }
        }
        reader.stackSize = 1 << 22
        reader.start()
        defer {
            pipe.cancel()  // stops the reader when the post fails
            done.wait()  // no thread outlives the sync
        }
        guard case .start(let state, let chosen) = try pipe.next() else {
            throw ListError.database(operation: "sync", reason: "the central store sent no list state")
        }
        guard let state else { throw ListError.noList(store: central.displayName) }
        var report = ListSyncReport(kind: .none, fromGeneration: before?.generation, info: state.info)
        let replace: Bool
        switch chosen {
        case .nothing: return report
        case .changes:
            report.kind = .delta
            replace = false
        case .everything(let reason):
            report.kind = .full
            report.reason = reason
            replace = true
        }
        let counts = try post.withImport(replace: replace) { writer in
            var line = 0
            while let piece = try pipe.next() {
                guard case .rows(let changes) = piece else { continue }
                let rows = changes.map { change in
                    line += 1
                    return ListImportRow(change: change, file: 0, line: line)
                }
                try writer.apply(rows)
                try rowsApplied(rows.count)
            }
            let counts = try writer.counts()
            let records = try writer.recordCount()
            guard records == state.info.records else {
                // Only a delta can end here (a copy holds what was sent): the post's list was not the central
                // list of its generation. The store wraps the error; `diverged` tells it.
                let reason =
                    "the post's list differed from the central list of its generation "
                    + "(\(records) records after the delta, \(state.info.records) at the centre)"
                if !replace { diverged = reason }
                throw ListError.database(operation: "sync", reason: reason)
            }
            try ListImporter.seal(writer, store: post, info: state.info)
            return counts
        }
        report.upserted = counts.upserted
        report.withdrawn = counts.withdrawn
        return report
    }

    /// What the reader hands the post: first the central list's state and the plan, then the changes.
    private enum Piece {
        case start(CentralListState?, ListSyncPlan)
        case rows([ListChange])
    }
}
