import GroundTruth

/// One rendered scan and its ground truth.
public struct SyntheticScan: Sendable {
    /// Path below the output folder, e.g. `td3/0007.png`.
    public var relativePath: String
    /// The encoded image (PNG or JPEG).
    public var imageBytes: [UInt8]
    /// What the scan shows and how it was made; for two documents, the MRZ of the primary one.
    public var truth: ScanTruth
    /// The other documents on the scan (`two_documents`); empty for one.
    public var otherDocuments: [TruthDocument] = []

    /// The truth file written beside the image.
    public var truthFile: TruthFile { TruthFile(truth, otherDocuments: otherDocuments) }

    /// Path of the truth file below the output folder: the image path with `.json`.
    public var truthPath: String {
        guard let dot = relativePath.lastIndex(of: ".") else { return relativePath + ".json" }
        return String(relativePath[..<dot]) + ".json"
    }
}
