extension RunConfiguration {
    /// The files a run writes, each named by its pipeline file and key (or its flag, for a command): the
    /// results, and in batch mode the CSV and the report.
    var outputs: [OutputPlacement.Output] {
        let named: [(String, String?)]
        switch mode {
        case .batch(let batch): named = [("results", batch.results), ("csv", batch.csv), ("report", batch.report)]
        case .watch(let watch): named = [("results", watch.results)]
        case .screen(let screen): named = [("results", screen.results)]
        }
        return named.compactMap { key, path in path.map { ("\(file ?? "docguard"): \(key):", $0) } }
    }

    /// Refuses, before anything is opened, an output that is an input or lies inside an input folder (batch:
    /// every input, globs expanded) or the inbox (watch), that is a file the run reads (earlier results other
    /// than its own, the policy, the list store), or that names another output's file.
    public func checkOutputPlacement() throws {
        let scans: [String]
        switch mode {
        case .batch(let batch): scans = batch.expandsPatterns ? try BatchMode.expand(batch.inputs) : batch.inputs
        case .watch(let watch): scans = [watch.inbox]
        case .screen(let screen): scans = [screen.input]
        }
        let read =
            stages.history.filter { $0 != appendedResults } + [stages.riskPolicy, stages.lists].compactMap { $0 }
        try OutputPlacement.check(outputs: outputs, inputs: scans + read)
    }
}
