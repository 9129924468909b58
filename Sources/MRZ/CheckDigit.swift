/// The ICAO 9303 check digit: weights 7-3-1 repeated, modulus 10 (ICAO 9303-3 §4.9).
public enum CheckDigit {
    /// The check digit (0–9) of `bytes`, or nil when a byte is not an MRZ character.
    public static func compute<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
        var accumulator = WeightedSum()
        for byte in bytes where !accumulator.add(byte) { return nil }
        return accumulator.digit
    }

    /// The check digit over several separate ranges of one line set, weighted as one run.
    /// Composite check digits are computed this way (e.g. ICAO 9303-4 §4.2.4).
    public static func compute(over spans: [MRZSpan], in lines: [[UInt8]]) -> Int? {
        var accumulator = WeightedSum()
        for span in spans {
            guard span.line < lines.count, span.upperBound <= lines[span.line].count else { return nil }
            let complete = lines[span.line].withUnsafeBufferPointer { line in
                for index in span.range where !accumulator.add(line[index]) { return false }
                return true
            }
            guard complete else { return nil }
        }
        return accumulator.digit
    }

    /// The digit a check-digit character stands for, or nil when it is not `0`–`9`.
    public static func value(of byte: UInt8) -> Int? {
        MRZCharacter.isDigit(byte) ? Int(byte &- 0x30) : nil
    }

    /// A running 7-3-1 weighted sum.
    public struct WeightedSum {
        var sum = 0
        var position = 0

        /// An empty sum.
        public init() {}

        /// Adds one character; false when it has no check-digit value.
        @inline(__always)
        public mutating func add(_ byte: UInt8) -> Bool {
            let value = MRZCharacter.checkValue(byte)
            if value == MRZCharacter.invalidValue { return false }
            let weight: Int
            switch position {
            case 0: weight = 7
            case 1: weight = 3
            default: weight = 1
            }
            position = position == 2 ? 0 : position + 1
            sum &+= Int(value) &* weight
            return true
        }

        /// The check digit of what was added.
        public var digit: Int { sum % 10 }
    }
}
