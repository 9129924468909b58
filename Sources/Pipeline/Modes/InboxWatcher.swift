import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches an inbox folder for scans that scanners have finished writing: a file is ready once its size
/// and modification time have not changed for `settle` seconds. Dotfiles and `*.part` files are never
/// taken (scanners write under such names and rename at the end). inotify wakes the watcher as soon as
/// something changes; without it (or on a file system that does not report changes) it looks every
/// quarter second.
public final class InboxWatcher {
    /// One entry of the inbox that is ready.
    public struct Ready: Equatable, Sendable {
        /// The name in the inbox, rendered (`FileName`: a name that is not UTF-8 has `\xNN` escapes).
        public var name: String
        /// False for anything but a regular file (a symbolic link is never followed).
        public var isRegularFile: Bool
        /// The name's bytes, as the file system holds it.
        public var bytes: [UInt8]
    }

    private let inbox: String
    private let settle: Double
    private var notify: Int32 = -1
    private var seen: [String: (size: Int64, modified: timespec, since: Double)] = [:]
    private var listingFailed = false

    /// A watcher over `inbox`.
    public init(inbox: String, settle: Double) {
        self.inbox = inbox
        self.settle = settle
        #if canImport(Glibc)
            notify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if notify >= 0 {
                let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB)
                if inotify_add_watch(notify, inbox, mask) < 0 {
                    close(notify)
                    notify = -1
                }
            }
        #endif
    }

    deinit { if notify >= 0 { close(notify) } }

    /// Whether inotify is in use (else the inbox is polled).
    public var usesNotifications: Bool { notify >= 0 }

    /// Waits until something changes in the inbox or `seconds` pass.
    public func wait(seconds: Double) {
        guard notify >= 0 else {
            usleep(UInt32(max(0, min(seconds, 0.25)) * 1_000_000))
            return
        }
        var descriptor = pollfd(fd: notify, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, Int32(seconds * 1000))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(notify, &buffer, buffer.count) > 0 {}  // what changed does not matter: the folder is listed
    }

    /// The entries that have stayed unchanged for the settle time, by name; `now` is a monotonic clock in
    /// seconds. Entries seen for the first time or changed since start their wait again. An inbox that
    /// cannot be listed is one warning on stderr (and one more once it can be again), not a silent stop.
    public func ready(now: Double) -> [Ready] {
        let entries: [FolderListing.Entry]
        do {
            entries = try FolderListing.entries(Array(inbox.utf8))
            if listingFailed { ScanInputs.warnOnStandardError("\(inbox): the inbox can be listed again") }
            listingFailed = false
        } catch {
            if !listingFailed {
                ScanInputs.warnOnStandardError("\(inbox): cannot list the inbox (\(error.description)); waiting")
            }
            listingFailed = true
            return []
        }
        var ready: [Ready] = []
        var present = Set<String>()
        for entry in entries where entry.type != 0 && entry.name.first != UInt8(ascii: ".") {
            let name = entry.rendered
            guard !name.hasSuffix(".part") else { continue }
            present.insert(name)
            let isRegular = entry.type == S_IFREG
            let item = Ready(name: name, isRegularFile: isRegular, bytes: entry.name)
            if let earlier = seen[name], earlier.size == entry.size, earlier.modified.tv_sec == entry.modified.tv_sec,
                earlier.modified.tv_nsec == entry.modified.tv_nsec
            {
                if now - earlier.since >= settle || !isRegular { ready.append(item) }
            } else {
                seen[name] = (entry.size, entry.modified, now)
                if !isRegular { ready.append(item) }
            }
        }
        seen = seen.filter { present.contains($0.key) }
        return ready.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Forgets `name` (it has been taken).
    public func taken(_ name: String) { seen[name] = nil }
}
