#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a run may write: never over one of its inputs (`scan x.jpg --out x.jpg` would truncate the scan
/// before reading it; a pipeline's `results:` naming a scan would append JSON into it), never inside an
/// input folder or the inbox (the next walk would take the outputs for scans, or eat them), and never two
/// outputs on one file. Paths are compared after resolving symbolic links and `..`, and by device and inode
/// wherever the file or folder exists, so a second name (a hard link, a bind mount) is seen through too.
public enum OutputPlacement {
    /// One output: what names it (`--out`, `night.yaml: results`) and its path.
    public typealias Output = (label: String, path: String)

    /// Refuses the first output of `outputs` that is one of `inputs` (files or folders), lies inside an
    /// input folder, or is also another output. Checks only: nothing is created or opened for writing.
    public static func check(outputs: [Output], inputs: [String]) throws {
        let inputPlaces = inputs.map { (path: $0, place: Place($0)) }
        var earlier: [(label: String, place: Place)] = []
        for output in outputs {
            let place = Place(output.path)
            for input in inputPlaces {
                if place.isSame(as: input.place) {
                    throw OutputPlacementError(output: output, problem: "is one of the inputs (\(input.path))")
                }
                if input.place.isFolder, place.lies(inside: input.place) {
                    throw OutputPlacementError(output: output, problem: "lies inside the input folder \(input.path)")
                }
            }
            if let other = earlier.first(where: { place.isSame(as: $0.place) }) {
                throw OutputPlacementError(output: output, problem: "is also \(other.label)")
            }
            earlier.append((output.label, place))
        }
    }

    /// A path as the file system sees it: resolved through symbolic links as far as it exists, with the
    /// identity (device, inode) of the file itself if it exists and of every existing folder above it.
    struct Place {
        /// The path with its existing part resolved (realpath) and the rest appended as written.
        let resolved: String
        /// Device and inode of the file or folder itself, when it exists.
        let identity: Identity?
        /// Whether it is an existing folder.
        let isFolder: Bool
        /// Device and inode of every existing folder above it, nearest first.
        let ancestors: [Identity]

        struct Identity: Equatable {
            let device: UInt64
            let inode: UInt64
        }

        init(_ path: String) {
            resolved = Self.resolve(path.isEmpty ? "." : path)
            var info = stat()
            let exists = stat(resolved, &info) == 0
            identity = exists ? Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) : nil
            isFolder = exists && (info.st_mode & S_IFMT) == S_IFDIR
            var ancestors: [Identity] = []
            var folder = Self.parent(of: resolved)
            while let current = folder {
                if stat(current, &info) == 0 {
                    ancestors.append(Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
                }
                folder = Self.parent(of: current)
            }
            self.ancestors = ancestors
        }

        func isSame(as other: Place) -> Bool {
            if let identity, let otherIdentity = other.identity { return identity == otherIdentity }
            return resolved == other.resolved
        }

        /// Whether this lies somewhere below `folder`.
        func lies(inside folder: Place) -> Bool {
            if let identity = folder.identity, ancestors.contains(identity) { return true }
            return resolved.hasPrefix(folder.resolved == "/" ? "/" : folder.resolved + "/")
        }

        /// `path` made absolute, its longest existing prefix resolved by realpath(3), the rest appended.
        static func resolve(_ path: String) -> String {
            if let real = realpath(path, nil) {
                defer { free(real) }
                return String(cString: real)
            }
            guard let slash = path.lastIndex(of: "/") else { return resolve(".") + "/" + path }
            let head = slash == path.startIndex ? "/" : String(path[..<slash])
            let tail = String(path[path.index(after: slash)...])
            let base = resolve(head)
            switch tail {
            case "", ".": return base
            case "..": return parent(of: base) ?? "/"
            default: return base == "/" ? "/" + tail : base + "/" + tail
            }
        }

        /// The folder above an absolute path; nil for `/`.
        static func parent(of path: String) -> String? {
            guard path != "/", let slash = path.lastIndex(of: "/") else { return nil }
            return slash == path.startIndex ? "/" : String(path[..<slash])
        }
    }
}

/// An output that would overwrite or land among the inputs, or on another output.
public struct OutputPlacementError: Error, CustomStringConvertible, Sendable {
    /// What names the output.
    public let label: String
    /// The output's path as given.
    public let path: String
    /// What is wrong with it.
    public let problem: String

    init(output: OutputPlacement.Output, problem: String) {
        label = output.label
        path = output.path
        self.problem = problem
    }

    public var description: String {
        "\(label) \(path) \(problem): refused, so no scan is overwritten or mixed with outputs (nothing was written)"
    }
}
