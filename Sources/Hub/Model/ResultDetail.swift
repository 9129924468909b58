import Pipeline

/// One forwarded result in full: its summary and the result line exactly as the post wrote it.
struct ResultDetail: Sendable {
    var summary: ResultSummary
    /// The line, byte for byte.
    var line: String

    /// The line read back into a result, for the page; a line this hub cannot read in full (a post on a newer
    /// version, a damaged line) is shown raw, with why.
    var result: Result<ScanResult, ResultLine.Malformed> {
        Result { () throws(ResultLine.Malformed) -> ScanResult in
            try ResultLineReader.result(of: ResultLine(parsing: Array(line.utf8)))
        }
    }

    /// The line's members as read; nil when it is not a result line.
    var fields: JSONObject? { (try? ResultLine(parsing: Array(line.utf8)))?.fields }

    /// The JSON view's form: the summary, the line as written (`line`) and as JSON (`result`; null when it is not
    /// a result line).
    var json: JSONObject {
        var object = summary.json
        object["line"] = .string(line)
        object["result"] = fields.map(JSONValue.object) ?? .null
        return object
    }
}
