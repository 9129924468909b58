import MRZ

/// The assess stage as a run uses it: the scorer and the run's clone register together. Results are noted
/// with their place in the output, then assessed; `assessInOrder` does both for one thread going through
/// results in output order, while screening workers note a whole chunk before assessing any of it.
struct RiskStage: Sendable {
    /// Weighs each result.
    let scorer: RiskScorer
    /// Documents seen so far in this run and in earlier results.
    let clones: CloneRegister

    /// A stage over `scorer`, with `clones` (earlier results already remembered, if any).
    init(scorer: RiskScorer, clones: CloneRegister = CloneRegister()) {
        self.scorer = scorer
        self.clones = clones
    }

    /// The stage a run uses: the policy at `policyPath` (nil: the shipped `risk.yaml`), dates judged as of
    /// `asOf`, and the documents of `history` (earlier result files) remembered for clone checks.
    static func load(policyPath: String?, asOf: MRZDate, history: [String]) throws -> RiskStage {
        let policy = try RiskPolicyFile.load(try policyPath ?? RiskPolicyFile.locateDefault())
        let clones = CloneRegister()
        for file in history { try clones.remember(resultsAt: file) }
        return RiskStage(scorer: RiskScorer(policy: policy, asOf: asOf), clones: clones)
    }

    /// Notes `reading`'s document at place `order` (for a screened record, its record number); says whose
    /// clone checks this makes necessary.
    @discardableResult
    func note(_ reading: ScanReading, order: Int) -> CloneNote {
        guard let document = reading.document else { return CloneNote() }
        return clones.note(document, order: order, source: reading.file)
    }

    /// Starts loading what `note` will look at for `document` (see `CloneRegister.prefetch`).
    func prefetchNote(_ document: MRZDocument?) {
        if let document { clones.prefetch(document) }
    }

    /// The assessment of `reading`, a clone when a sighting before place `order` had another holder.
    /// `checkClone` false skips the register, for a reading whose notes showed nothing came before it.
    func assess(_ reading: ScanReading, order: Int, checkClone: Bool = true) -> RiskAssessment {
        let clone = checkClone ? reading.document.flatMap { clones.sighting(for: $0, order: order) } : nil
        return scorer.assess(reading, clone: clone)
    }

    /// `note` then `assess`: the result of `reading` at place `order`, for one thread going through readings in
    /// output order.
    func assessInOrder(_ reading: ScanReading, order: Int) -> ScanResult {
        let noted = note(reading, order: order)
        return ScanResult(reading, risk: assess(reading, order: order, checkClone: noted.seenEarlier))
    }
}
