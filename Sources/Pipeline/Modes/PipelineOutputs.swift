extension PipelineDefinition {
    /// The files a run of this pipeline writes, each named by its file and key: the results, and in batch mode
    /// the CSV and the report.
    var outputs: [OutputPlacement.Output] {
        [("results", results), ("csv", csv), ("report", report)].compactMap { key, path in
            path.map { ("\(file): \(key):", $0) }
        }
    }

    /// Refuses, before anything is opened, an output that is an input or lies inside an input folder (batch:
    /// every input, globs expanded) or the inbox (watch), that is a file the run reads (earlier results other
    /// than its own, the policy, the list store), or that names another output's file.
    public func checkOutputPlacement() throws {
        let scans = mode == .watch ? [inbox].compactMap { $0 } : try BatchMode.expand(self.inputs)
        let read = history.filter { $0 != results } + [risk, lists].compactMap { $0 }
        try OutputPlacement.check(outputs: outputs, inputs: scans + read)
    }
}
