/// The Levenshtein distance between two byte strings: insertions, deletions and substitutions, each costing one.
/// For telling a slip (one character off) from another value.
public enum EditDistance {
    /// The distance between `a` and `b`.
    public static func between(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The distance between the UTF-8 bytes of `a` and `b`.
    public static func between(_ a: String, _ b: String) -> Int { between(Array(a.utf8), Array(b.utf8)) }
}
