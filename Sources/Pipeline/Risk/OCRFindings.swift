/// Risk reasons in how a scan was read: low OCR confidence, characters put right by repair.
enum OCRFindings {
    /// Adds every reason `ocr` gives to `found`.
    static func collect(_ ocr: OCRSummary, policy: RiskPolicy, into found: inout [RiskScorer.Finding]) {
        if ocr.confidence < policy.lowConfidenceBelow {
            found.append((.lowConfidence, "mean OCR confidence \(percent(ocr.confidence)) is below \(percent(policy.lowConfidenceBelow))"))
        }
        let changed = ocr.corrected.count
        if changed > 0 {
            let many = changed >= policy.repairedManyCharacters
            let what = changed == 1 ? "1 character" : "\(changed) characters"
            found.append((many ? .repairedMany : .repaired,
                          "check-digit repair changed \(what) of the read (\(ocr.corrected.joined(separator: ", ")))"
                              + (many ? "; compare the MRZ with the document" : "")))
        }
    }

    private static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded())) %" }
}
