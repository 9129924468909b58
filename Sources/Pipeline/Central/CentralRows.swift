import Lists

extension CentralResultRow {
    /// The row of result line `line` (the `sequence`th of its file): the key and the columns the hub shows,
    /// copied out of the line, and the line itself. Nil when the line is not a result line. `list_generation`
    /// is the generation of the list the document was checked against, -1 when none was (`list.checked`).
    init?(line bytes: ArraySlice<UInt8>, sequence: Int) {
        guard let line = try? ResultLine(parsing: bytes) else { return nil }
        let fields = JSONFields(line.fields)
        let list = try? fields.object("list")
        let risk = try? fields.object("risk")
        let reasons = ((try? risk?.objects("reasons")) ?? []).compactMap { try? $0.string("code") }
        // -1 unless the document was looked up: a result no list judged is the same whichever list was loaded.
        let checked = (try? list?.bool("checked")) == true
        let generation = checked ? ((try? list?.int("generation")) ?? nil) ?? -1 : -1
        self.init(
            sha256: line.sha256 ?? "", listGeneration: generation,
            record: line.record ?? 0, postSequence: sequence, status: line.status.rawValue,
            level: (try? risk?.string("level")) ?? nil, score: (try? risk?.int("score")) ?? nil,
            reasons: reasons.joined(separator: ","), documentNumber: line.mrz?.documentNumber,
            issuingState: line.mrz?.issuingState, listVersion: (try? list?.string("version")) ?? nil, file: line.file,
            line: String(decoding: bytes, as: UTF8.self))
    }
}
