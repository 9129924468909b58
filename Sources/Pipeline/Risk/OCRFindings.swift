/// Risk reasons in how a scan was read: low OCR confidence, characters put right by repair, other documents on
/// the scan that this result does not screen.
enum OCRFindings {
    /// Adds every reason `ocr` gives to `found`.
    static func collect(_ ocr: OCRSummary, policy: RiskPolicy, into found: inout [RiskScorer.Finding]) {
        if ocr.confidence < policy.lowConfidenceBelow {
            found.append(
                (
                    .lowConfidence,
                    "mean OCR confidence \(percent(ocr.confidence)) is below \(percent(policy.lowConfidenceBelow))"
                ))
        }
        let changed = ocr.corrected.count
        if changed > 0 {
            let many = changed >= policy.repairedManyCharacters
            let what = changed == 1 ? "1 character" : "\(changed) characters"
            found.append(
                (
                    many ? .repairedMany : .repaired,
                    "check-digit repair changed \(what) of the read (\(ocr.corrected.joined(separator: ", ")))"
                        + (many ? "; compare the MRZ with the document" : "")
                ))
        }
        if ocr.otherDocuments > 0 {
            let what = ocr.otherDocuments == 1 ? "1 more document" : "\(ocr.otherDocuments) more documents"
            found.append(
                (
                    .severalDocuments,
                    "the scan shows \(what) with a machine readable zone, not screened by this result; "
                        + "scan each document on its own"
                ))
        }
    }

    private static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded())) %" }
}
