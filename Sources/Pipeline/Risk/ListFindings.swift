import Lists

extension ListVerdict {
    /// The verdict of a read document that no list was consulted for: the run was started without lists
    /// (`--no-lists`, `lists: none`), or a stage forgot to consult them. Such a document is never cleared
    /// (`LIST_UNCHECKED`), and its result says why.
    public static let notConsulted = ListVerdict(
        checked: false, hits: [], listVersion: nil,
        unavailable: "docguard was run without lists")
}

/// Risk reasons from the list verdict: one per kind of listing, naming the records.
enum ListFindings {
    /// Adds every reason `verdict` gives to `found`.
    static func collect(_ verdict: ListVerdict, into found: inout [RiskScorer.Finding]) {
        if !verdict.checked {
            // Nothing to look up when there is no reason given: FORMAT says why.
            if let why = verdict.unavailable {
                found.append((.listUnchecked, "not checked against the stolen/lost lists: \(why)"))
            }
            return
        }
        guard verdict.hit else { return }
        var details: [RiskRule: [String]] = [:]
        for hit in verdict.hits {
            let rule = rule(for: hit)
            let record = hit.record
            let text: String
            switch hit.kind {
            case .exact:
                text = "listed \(status(record.status)) (record \(record.recordID))"
            case .range:
                text =
                    "inside the listed range \(record.documentNumber)–\(record.numberTo ?? "") of \(status(record.status)) (record \(record.recordID))"
            case .fuzzy:
                text =
                    "equals the listed number \(record.documentNumber) (\(status(record.status)), record \(record.recordID)) only when O/0, I/1, B/8, S/5, Z/2, G/6 are taken as equal: compare the document"
            }
            details[rule, default: []].append(text)
        }
        for rule in RiskRule.allCases {
            if let texts = details[rule] { found.append((rule, texts.joined(separator: "; "))) }
        }
    }

    private static func rule(for hit: ListHit) -> RiskRule {
        if hit.kind == .fuzzy { return .listFuzzy }
        switch hit.record.status {
        case .stolen, .stolenBlank: return .listStolen
        case .lost: return .listLost
        case .revoked, .invalidated, .withdrawn: return .listRevoked
        }
    }

    private static func status(_ status: ListStatus) -> String {
        status == .stolenBlank ? "stolen blank documents" : status.rawValue
    }
}
