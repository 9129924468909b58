import Crypto
import Foundation

/// A scan's content hash as results carry it (`sha256`): SHA-256, lowercase hex. Batch resume and watch
/// recovery recognise a scan by it, so all of them must spell it the same way.
enum ContentHash {
    /// The hash of `bytes`.
    static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The hash of the file at `path`; nil when it cannot be read.
    static func sha256(ofFileAt path: String) -> String? {
        FileManager.default.contents(atPath: path).map { sha256($0) }
    }
}
