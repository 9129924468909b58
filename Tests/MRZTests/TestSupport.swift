import MRZ

/// The year the tests judge birth-date centuries against, fixed so results do not move with the clock.
let testYear = 2026

/// Lines as bytes.
func bytes(_ lines: [String]) -> [[UInt8]] { lines.map { Array($0.utf8) } }

/// `text` padded with fillers to `length`.
func padded(_ text: String, _ length: Int) -> String { text + String(repeating: "<", count: length - text.count) }

/// Parses text lines with the fixed test year.
func parse(_ lines: [String]) -> MRZDocument { MRZParser.parse(bytes(lines), currentYear: testYear) }

/// `lines` with the character at `line`/`index` replaced.
func replacing(_ lines: [[UInt8]], line: Int, index: Int, with byte: UInt8) -> [[UInt8]] {
    var copy = lines
    copy[line][index] = byte
    return copy
}
