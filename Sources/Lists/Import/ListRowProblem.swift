/// A row of an import file that was skipped, with where it is and why. The reason names the field, never
/// its value (list contents are personal data).
public struct ListRowProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file as given.
    public var file: String
    /// 1-based line number in the file.
    public var line: Int
    /// What is wrong with the row.
    public var reason: String

    public var description: String { "\(file):\(line): \(reason)" }
}
