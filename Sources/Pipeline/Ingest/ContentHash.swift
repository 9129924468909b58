import Crypto
import Foundation

/// A scan's content hash as results carry it (`sha256`): SHA-256, lowercase hex. Batch resume and watch
/// recovery recognise a scan by it, so all of them must spell it the same way.
enum ContentHash {
    /// The hash of `bytes`.
    static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The hash of the regular file at `path`, read in pieces; nil when it is not a regular file or cannot
    /// be read (a FIFO is never waited on).
    static func sha256(ofFileAt path: String) -> String? {
        ScanFile.sha256(path)
    }

    /// A hash fed piece by piece, for files read in pieces.
    struct Hasher {
        private var state = SHA256()

        mutating func update(_ bytes: some DataProtocol) { state.update(data: bytes) }

        /// The hash, spelled as results spell it.
        func finish() -> String { hex(state.finalize()) }
    }

    /// Lowercase hex by table, not `String(format:)`: this runs on every scan, on every worker thread, and
    /// Foundation's formatting is both slower and more machinery than two table lookups per byte.
    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
