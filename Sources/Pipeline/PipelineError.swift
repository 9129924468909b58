/// Operational failures of the pipeline; each description tells a person what to do.
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    /// A path given to scan does not exist.
    case inputNotFound(String)
    /// A file could not be written.
    case cannotWrite(String, String)
    /// A line of a `truth.jsonl` manifest is not a row (`file`, `mrz`, optional `format` and `kind`).
    case badManifest(file: String, line: Int)

    public var description: String {
        switch self {
        case .inputNotFound(let path): return "\(path): no such file or folder"
        case .cannotWrite(let path, let why): return "\(path): cannot write (\(why))"
        case .badManifest(let file, let line):
            return "\(file):\(line): not a truth row (needs \"file\" and \"mrz\", an array of lines)"
        }
    }
}
