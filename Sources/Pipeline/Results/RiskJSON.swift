extension RiskAssessment: JSONWritable {
    /// The `risk` object of SPEC.md: `score`, `level`, `reasons` (each `code`, `points`, `detail`), and the
    /// `policy` version that weighed them.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("level")
        writer.string(level.rawValue)
        writer.key("policy")
        writer.string(policyVersion)
        writer.key("reasons")
        writer.beginArray()
        for reason in reasons {
            writer.element()
            writer.beginObject()
            writer.key("code")
            writer.string(reason.code.rawValue)
            writer.key("detail")
            writer.string(reason.detail)
            writer.key("points")
            writer.int(reason.points)
            writer.endObject()
        }
        writer.endArray()
        writer.key("score")
        writer.int(score)
        writer.endObject()
    }
}
