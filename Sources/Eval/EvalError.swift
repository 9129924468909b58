/// Why a folder could not be scored; each description tells a person what to fix.
public enum EvalError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A line of a `truth.jsonl` manifest is not a row (`file`, `mrz`, optional `format` and `kind`).
    case badManifest(file: String, line: Int)

    public var description: String {
        switch self {
        case .badManifest(let file, let line):
            "\(file):\(line): not a truth row (needs \"file\" and \"mrz\", an array of lines)"
        }
    }
}
