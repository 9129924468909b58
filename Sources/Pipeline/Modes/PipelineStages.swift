import Foundation
import Lists
import MRZ
import OCR

/// The stages a pipeline file names, made ready: the scanner (model, lists, workers) and the risk stage
/// (policy, as-of day, and the documents of earlier results — the pipeline's own result file among them —
/// for clone checks). Shared by batch and watch mode.
struct PipelineStages {
    var batch: BatchScanner
    var risk: RiskStage

    /// The stages of `definition`, judging dates as of its `as_of`, else `today`.
    init(_ definition: PipelineDefinition, today: MRZDate) throws {
        let earlier = FileManager.default.fileExists(atPath: definition.results) ? [definition.results] : []
        risk = try RiskStage.load(
            policyPath: definition.risk, asOf: definition.asOf ?? today, history: definition.history + earlier)
        batch = BatchScanner(
            model: try OCRModel.locate(definition.model), jobs: definition.jobs, currentYear: risk.scorer.asOf.year,
            matcher: try definition.lists.map { try ListMatcher(store: try ListStores.open($0)) })
        batch.maxFileBytes = definition.maxFileBytes
    }
}
