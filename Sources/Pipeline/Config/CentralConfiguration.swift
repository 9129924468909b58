import Foundation

/// Forwarding a post's results to the central database (`forward:`, `post_id:`, `forward_levels:`).
public struct ForwardConfiguration: Sendable, Equatable {
    /// The central database (`postgres://USER@HOST/DB`, password from `password_file` or `PGPASSWORD`).
    public var central: String
    /// The post's name at the centre (`post_id`).
    public var postID: String
    /// The risk levels whose results are sent; nil for every result line.
    public var levels: Set<String>?

    /// Forwarding to `central` as `postID`; `levels` nil for every line.
    public init(central: String, postID: String, levels: Set<String>? = nil) {
        self.central = central
        self.postID = postID
        self.levels = levels
    }
}

/// Keeping the post's SQLite list in step with the central list during a watch run (`sync_from:`,
/// `sync_minutes:`).
public struct PeriodicSyncConfiguration: Sendable, Equatable {
    /// The central list (`postgres://...`).
    public var central: String
    /// Minutes between syncs (one runs at start); fractions allowed.
    public var minutes: Double

    /// A sync from `central` every `minutes`.
    public init(central: String, minutes: Double) {
        self.central = central
        self.minutes = minutes
    }
}

extension RunConfiguration {
    /// The keys of forwarding and syncing.
    static let centralKeys: Set<String> = [
        "forward", "post_id", "forward_levels", "sync_from", "sync_minutes", "password_file",
    ]

    /// Reads `forward`, `post_id`, `forward_levels`, `sync_from`, `sync_minutes` and `password_file`; each
    /// refusal is one `ConfigError`. `password_file` goes into every postgres:// URL of the file that has no
    /// password, as its `password_file=` parameter; a password written in `forward` or `sync_from` is refused
    /// (pipeline files are copied about; the password belongs in a file only its owner reads, or `PGPASSWORD`).
    static func central(
        _ fields: [String: ConfigValue], root: ConfigValue, mode: String, lists: String?, folder: String
    ) throws -> (forward: ForwardConfiguration?, sync: PeriodicSyncConfiguration?, lists: String?) {
        let passwordFile = try fields["password_file"].map { value -> String in
            let path = try value.string()
            return path.hasPrefix("/") ? path : joined(folder, path)
        }
        func url(_ key: String) throws -> String? {
            guard let value = fields[key], !value.isNull else { return nil }
            let url = try value.string()
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"),
                let components = URLComponents(string: url), components.host?.isEmpty == false,
                components.user?.isEmpty == false
            else { throw value.error("must be a postgres://USER@HOST[:PORT]/DATABASE URL") }
            guard components.password == nil, !(components.queryItems ?? []).contains(where: { $0.name == "password" })
            else {
                throw value.error(
                    "holds a password; put it in a file only docguard's user may read (password_file:) or in "
                        + "PGPASSWORD, never in the pipeline file")
            }
            return withPasswordFile(url, passwordFile)
        }
        var forward: ForwardConfiguration?
        if let central = try url("forward") {
            guard let postValue = fields["post_id"], !postValue.isNull else {
                throw ConfigError(
                    file: root.file, line: fields["forward"]!.line, key: "post_id",
                    problem: "missing; forward needs the post's name at the centre")
            }
            let postID = try postValue.string()
            if let problem = postIDProblem(postID) { throw postValue.error(problem) }
            forward = ForwardConfiguration(
                central: central, postID: postID, levels: try fields["forward_levels"].flatMap(forwardLevels))
        } else {
            for key in ["post_id", "forward_levels"] where fields[key] != nil {
                throw fields[key]!.error("given without forward; name the central database in forward:")
            }
        }
        var sync: PeriodicSyncConfiguration?
        if let central = try url("sync_from") {
            guard mode == "watch" else { throw fields["sync_from"]!.error("only for watch mode") }
            guard let lists, !lists.hasPrefix("postgres://"), !lists.hasPrefix("postgresql://") else {
                throw fields["sync_from"]!.error("needs lists: to name the post's SQLite store, which it keeps in step")
            }
            sync = PeriodicSyncConfiguration(
                central: central, minutes: try fields["sync_minutes"].map { try $0.double(in: 0.01...10_080) } ?? 15)
        } else if let minutes = fields["sync_minutes"] {
            throw minutes.error("given without sync_from; name the central list in sync_from:")
        }
        let store = lists.map { location in
            location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
                ? withPasswordFile(location, passwordFile) : location
        }
        return (forward, sync, store)
    }

    /// `forward_levels`: `all` (nil), or a list of `alert`, `review`, `clear`.
    private static func forwardLevels(_ value: ConfigValue) throws -> Set<String>? {
        if value.isNull { return nil }
        let levels = try value.strings()
        if levels == ["all"] { return nil }
        let known: Set<String> = ["alert", "review", "clear"]
        guard !levels.isEmpty, levels.allSatisfy(known.contains) else {
            throw value.error("must be all, or a list of alert, review, clear (e.g. [alert, review])")
        }
        return Set(levels)
    }

    /// Why `name` cannot be a post id, or nil: 1–64 letters, digits, `-`, `_` or `.`.
    static func postIDProblem(_ name: String) -> String? {
        let allowed = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_.".utf8.contains(byte)
        }
        guard (1...64).contains(name.utf8.count), name.utf8.allSatisfy(allowed) else {
            return "must be 1–64 letters, digits, -, _ or . (the post's name at the centre)"
        }
        return nil
    }

    /// `url` with `password_file=path` added, unless it has a password (or no file is given).
    static func withPasswordFile(_ url: String, _ passwordFile: String?) -> String {
        guard let passwordFile, var components = URLComponents(string: url), components.password == nil else {
            return url
        }
        var items = components.queryItems ?? []
        guard !items.contains(where: { $0.name == "password" || $0.name == "password_file" }) else { return url }
        items.append(URLQueryItem(name: "password_file", value: passwordFile))
        components.queryItems = items
        return components.string ?? url
    }
}
