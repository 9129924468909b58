import Lists

extension ListVerdict: JSONWritable {
    /// The `list` object of SPEC.md: `hit`, `match` (`exact`, `range`, `fuzzy` or null), `records` (each
    /// with how it matched and the listed number, so a fuzzy hit names it), plus `checked`, the list's
    /// `version` and `generation`, and `error` when the store could not be consulted.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("checked")
        writer.bool(checked)
        writer.key("error")
        writer.string(unavailable)
        writer.key("generation")
        if let listGeneration { writer.int(listGeneration) } else { writer.null() }
        writer.key("hit")
        writer.bool(hit)
        writer.key("match")
        writer.string(match?.rawValue)
        writer.key("records")
        writer.beginArray()
        for hit in hits {
            writer.element()
            hit.write(to: &writer)
        }
        writer.endArray()
        writer.key("version")
        writer.string(listVersion)
        writer.endObject()
    }
}

extension ListHit: JSONWritable {
    /// One matched record: the record's keys plus how it matched.
    public func write(to writer: inout JSONWriter) {
        record.write(to: &writer, match: kind)
    }
}

extension ListRecord: JSONWritable {
    /// A stored record as `lists lookup` prints it (the list file's keys).
    public func write(to writer: inout JSONWriter) { write(to: &writer, match: nil) }

    /// The record's keys, with `match` among them when given.
    fileprivate func write(to writer: inout JSONWriter, match: ListMatchKind?) {
        writer.beginObject()
        writer.key("document_number")
        writer.string(documentNumber)
        writer.key("document_type")
        writer.string(documentType)
        writer.key("issuing_state")
        writer.string(issuingState)
        if let match {
            writer.key("match")
            writer.string(match.rawValue)
        }
        writer.key("number_to")
        writer.string(numberTo)
        writer.key("record_id")
        writer.string(recordID)
        writer.key("reported_on")
        writer.string(reportedOn)
        writer.key("status")
        writer.string(status.rawValue)
        writer.endObject()
    }
}
