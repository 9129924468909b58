/// Characters OCR engines mistake for one another on OCR-B MRZ print, and the engine's own second
/// choices: the candidates a repair may try at one position.
public enum OCRConfusion {
    /// Groups of characters that read as one another.
    static let groups: [[UInt8]] = [
        "0OQD", "1IL", "2Z", "4A", "5S", "6G", "7T", "8B",
    ].map { Array($0.utf8) }

    /// Letters that Tesseract's stock models read for runs of the filler `<` (measured here).
    static let fillerReadings: [UInt8] = Array("KXC".utf8)

    /// For each byte, the bytes it may stand for, most likely first.
    static let table: [[UInt8]] = {
        var table = [[UInt8]](repeating: [], count: 256)
        for group in groups {
            for byte in group { table[Int(byte)] = group.filter { $0 != byte } }
        }
        for byte in fillerReadings { table[Int(byte)].append(MRZCharacter.filler) }
        return table
    }()

    /// What `byte` may have been, most likely first.
    public static func alternatives(for byte: UInt8) -> [UInt8] { table[Int(byte)] }
}

/// The OCR engine's alternative characters for each position, best first: line, position, choices.
public struct CharacterAlternatives: Sendable, Hashable {
    /// Choices by line and position.
    public var choices: [[[UInt8]]]

    /// Alternatives as the engine gave them.
    public init(_ choices: [[[UInt8]]]) { self.choices = choices }

    /// No alternatives: the repair falls back on known confusions alone.
    public static let none = CharacterAlternatives([])

    /// The engine's alternatives at `position`, best first.
    public func at(_ position: MRZPosition) -> [UInt8] {
        guard position.line < choices.count, position.index < choices[position.line].count else { return [] }
        return choices[position.line][position.index]
    }
}

/// One character the repair changed.
public struct MRZCorrection: Sendable, Hashable, CustomStringConvertible {
    /// Where.
    public let position: MRZPosition
    /// The character as read.
    public let from: UInt8
    /// The character it became.
    public let to: UInt8

    /// A correction at `position` from one byte to another.
    public init(position: MRZPosition, from: UInt8, to: UInt8) {
        self.position = position
        self.from = from
        self.to = to
    }

    /// `line2[5]: O->0`, line and position counted from 1 as ICAO 9303 numbers them.
    public var description: String {
        "line\(position.line + 1)[\(position.index + 1)]: \(Character(Unicode.Scalar(from)))->\(Character(Unicode.Scalar(to)))"
    }
}
