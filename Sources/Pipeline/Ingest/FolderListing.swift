#if canImport(Glibc)
    import Glibc
#endif

/// The entries of a folder as the file system names them (bytes, see `FileName`), each with its type, read
/// with readdir(3): Foundation's listing drops or mangles a name that is not UTF-8, and such a scan would
/// never get a result.
enum FolderListing {
    /// One entry (never `.` or `..`).
    struct Entry {
        /// The name's bytes.
        var name: [UInt8]
        /// `S_IFREG`, `S_IFDIR`, … as the folder says (else from lstat(2)): a symbolic link is itself, never
        /// its target; 0 when the entry vanished before it could be looked at.
        var type: mode_t
        /// Size in bytes and modification time (lstat; 0 when lstat fails, as for a path too long for it).
        var size: Int64
        var modified: timespec

        /// The name for results and messages.
        var rendered: String { FileName.render(name) }
    }

    /// The entries of the folder whose path is `folder` (bytes); throws the system's reason when it cannot
    /// be listed.
    static func entries(_ folder: [UInt8]) throws(ListingError) -> [Entry] {
        guard let handle = opendir(FileName.cPath(folder)) else { throw ListingError(reason: errno) }
        defer { closedir(handle) }
        var entries: [Entry] = []
        while let item = readdir(handle) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            var info = stat()
            let found = lstat(FileName.cPath(folder + [UInt8(ascii: "/")] + name), &info) == 0
            // DTTOIF: the folder's own type byte, so a folder whose path is too long for lstat is still seen.
            let listed = mode_t(item.pointee.d_type) << 12
            entries.append(
                Entry(
                    name: name, type: listed != 0 ? listed : (found ? info.st_mode & S_IFMT : 0),
                    size: found ? Int64(info.st_size) : 0, modified: found ? info.st_mtim : timespec()))
        }
        return entries
    }

    /// Why a folder could not be listed.
    struct ListingError: Error {
        /// errno.
        var reason: Int32

        var description: String { String(cString: strerror(reason)) }
    }
}
