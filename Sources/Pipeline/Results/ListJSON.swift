import Lists

extension ListVerdict {
    /// The `list` object of SPEC.md: `hit`, `match` (`exact`, `range`, `fuzzy` or null), `records` (each
    /// with how it matched and the listed number, so a fuzzy hit names it), plus `checked` and the list's
    /// `version`, and `error` when the store could not be consulted.
    public var json: JSONValue {
        .object([
            "checked": .bool(checked),
            "error": .string(unavailable),
            "hit": .bool(hit),
            "match": .string(match?.rawValue),
            "records": .array(hits.map(\.json)),
            "version": .string(listVersion),
        ])
    }
}

extension ListHit {
    /// One matched record: the record's keys plus how it matched.
    public var json: JSONValue {
        var members = record.jsonMembers
        members["match"] = .string(kind.rawValue)
        return .object(members)
    }
}

extension ListRecord {
    /// A stored record as `lists lookup` prints it (the list file's keys).
    public var json: JSONValue { .object(jsonMembers) }

    fileprivate var jsonMembers: JSONObject {
        [
            "document_number": .string(documentNumber),
            "document_type": .string(documentType),
            "issuing_state": .string(issuingState),
            "number_to": .string(numberTo),
            "record_id": .string(recordID),
            "reported_on": .string(reportedOn),
            "status": .string(status.rawValue),
        ]
    }
}
