import Foundation
import GroundTruth
import MRZ

/// A ground-truth file as synth writes it: `docguard.truth/1` (`ScanTruth`, whose `lines` are the primary
/// document's MRZ) and, for a scan holding more than one document, `otherDocuments`. The key is additive:
/// readers of `ScanTruth` skip it, and a file without it reads as having no other documents.
public struct TruthFile: Codable, Sendable, Equatable {
    /// The scan's truth; its MRZ is that of the primary document.
    public var truth: ScanTruth
    /// The other documents on the scan, in the order they lie (left to right, top to bottom, before any turn).
    public var otherDocuments: [TruthDocument]

    /// A truth file for `truth` and `otherDocuments`.
    public init(_ truth: ScanTruth, otherDocuments: [TruthDocument] = []) {
        self.truth = truth
        self.otherDocuments = otherDocuments
    }

    private enum CodingKeys: String, CodingKey {
        case otherDocuments
    }

    /// Reads `ScanTruth`'s keys and `otherDocuments` from the same object.
    public init(from decoder: any Decoder) throws {
        truth = try ScanTruth(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        otherDocuments = try container.decodeIfPresent([TruthDocument].self, forKey: .otherDocuments) ?? []
    }

    /// Writes `ScanTruth`'s keys, and `otherDocuments` beside them when there are any (so a one-document file
    /// is exactly what `ScanTruth` writes).
    public func encode(to encoder: any Encoder) throws {
        try truth.encode(to: encoder)
        guard !otherDocuments.isEmpty else { return }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(otherDocuments, forKey: .otherDocuments)
    }

    /// Canonical bytes, as `ScanTruth.encoded()`: sorted keys, one line, newline-terminated.
    public func encoded() throws -> Data { try ScanTruth.canonicalJSON(self) }

    /// Reads a truth file's bytes, with or without `otherDocuments`.
    public static func decode(_ data: Data) throws -> TruthFile {
        try JSONDecoder().decode(TruthFile.self, from: data)
    }
}

/// Another document on a scan: its format and MRZ lines as printed.
public struct TruthDocument: Codable, Sendable, Equatable {
    /// `TD1`, `TD2`, `TD3`, `MRVA` or `MRVB`.
    public var format: String
    /// The MRZ lines exactly as printed.
    public var lines: [String]

    /// The document of `format` printed with `lines`.
    public init(format: String, lines: [String]) {
        self.format = format
        self.lines = lines
    }
}
