import ArgumentParser
import MRZ
import Pipeline

/// The options of the risk stage, shared by `scan` and `screen`.
struct RiskOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Judge expiry and age as of this day, YYYY-MM-DD (default: today, UTC).")
    var asOf: String?

    @Option(name: .long, help: "Risk policy file (default: Models/risk.yaml).")
    var risk: String?

    @Option(name: .long, help: "An earlier result file (JSON Lines) whose documents count for CLONE; repeatable.")
    var history: [String] = []

    func validate() throws {
        if let asOf, MRZDate(iso: asOf) == nil {
            throw ValidationError("--as-of must be a real date written YYYY-MM-DD, got \(QuotedValue.quoted(asOf))")
        }
    }

    /// The "as of" date given; nil for the day the run starts.
    var asOfDate: MRZDate? { asOf.flatMap(MRZDate.init(iso:)) }
}

extension StageConfiguration {
    /// The stages the list and risk options of `scan` and `screen` name.
    init(_ lists: ListOptions, _ risk: RiskOptions, model: String? = nil, jobs: Int, debugDirectory: String? = nil) {
        self.init(
            lists: lists.lists, model: model, riskPolicy: risk.risk, history: risk.history, asOf: risk.asOfDate,
            jobs: jobs, debugDirectory: debugDirectory)
    }
}
