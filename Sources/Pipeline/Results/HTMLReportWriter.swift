import OCR

/// What a report says about the run as a whole.
public struct ReportContext: Sendable {
    /// The heading.
    public var title: String
    /// The day expiry was judged against.
    public var asOf: String
    /// The risk policy version.
    public var policyVersion: String
    /// The list version checked against; nil when no list was checked.
    public var listVersion: String?

    /// A context.
    public init(title: String, asOf: String, policyVersion: String, listVersion: String?) {
        self.title = title
        self.asOf = asOf
        self.policyVersion = policyVersion
        self.listVersion = listVersion
    }
}

/// The static HTML report: one self-contained page (no scripts, fonts or images from elsewhere) that reads
/// on a phone. Counts by level and reason first, then every alert and review with its reasons, the document
/// read, the MRZ as read, the printed page against it and (when the scan was read in this run) the band and the
/// document as pictures, then the cleared scans. No clock in it: the same results give the same bytes.
public final class HTMLReportWriter: ResultWriter {
    private let output: OutputFile
    private let context: ReportContext
    private var counts: [RiskLevel: Int] = [:]
    private var reasonCounts: [ReasonCode: Int] = [:]
    private var needsLook: [ReportCard] = []
    private var cleared: [String] = []
    private var total = 0
    /// Results that are API traveller documents.
    private var documents = 0
    /// Results that need a look and keep their pictures: alerts first, then reviews as they come, so a night of
    /// thousands of reviews (a run without lists) keeps the report and the memory it takes small.
    public var pictureBudget = 300
    private var withPictures = 0

    /// A report written to `output` when finished.
    public init(_ output: OutputFile, context: ReportContext) {
        self.output = output
        self.context = context
    }

    public func write(_ result: ScanResult) throws {
        total += 1
        if result.api != nil { documents += 1 }
        let level = result.risk?.level ?? .review
        counts[level, default: 0] += 1
        for code in Set(result.risk?.reasons.map(\.code) ?? []) { reasonCounts[code, default: 0] += 1 }
        if level == .clear {
            cleared.append(HTMLReportPage.source(of: result))
            return
        }
        var card = ReportCard(result: result)
        if card.pictures != nil {
            if withPictures < pictureBudget {
                withPictures += 1
            } else if level == .alert, let index = needsLook.lastIndex(where: { $0.pictures != nil && !$0.isAlert }) {
                // An alert takes the pictures of the latest review that has them.
                needsLook[index].pictures = nil
                needsLook[index].picturesLeftOut = true
            } else {
                card.pictures = nil
                card.picturesLeftOut = true
            }
        }
        needsLook.append(card)
    }

    public func finish() throws {
        // Alerts before reviews, highest score first, then in output order (already by path).
        let ordered = needsLook.enumerated().sorted { first, second in
            let a = first.element.result.risk
            let b = second.element.result.risk
            return ((b?.level ?? .review), (b?.score ?? 0), first.offset) < (
                (a?.level ?? .review), (a?.score ?? 0), second.offset
            )
        }.map(\.element)
        let page = HTMLReportPage(
            context: context, total: total, counts: counts, reasonCounts: reasonCounts, needsLook: ordered,
            cleared: cleared, unit: total > 0 && documents == total ? "document" : "scan")
        output.write(text: page.render())
        try output.finish()
    }
}
