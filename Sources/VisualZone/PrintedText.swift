/// A rectangle on the image the printed text was read from, in its pixels.
public struct PrintedBox: Sendable, Hashable {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width.
    public var width: Int
    /// Height.
    public var height: Int

    /// A box from its left, top, width and height.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Right edge (exclusive).
    public var right: Int { x + width }
    /// Bottom edge (exclusive).
    public var bottom: Int { y + height }

    /// The smallest box holding both.
    public func union(_ other: PrintedBox) -> PrintedBox {
        let left = min(x, other.x)
        let top = min(y, other.y)
        return PrintedBox(
            x: left, y: top, width: max(right, other.right) - left, height: max(bottom, other.bottom) - top)
    }
}

/// One word as the engine read it on the printed page.
public struct PrintedWord: Sendable, Hashable {
    /// The text as read (any script the engine's model has).
    public var text: String
    /// The engine's confidence in the word, 0…1.
    public var confidence: Double
    /// Where it stands.
    public var box: PrintedBox
    /// The engine's confidence in each of `text`'s characters, 0…1; empty when it gave none (docguard's page-text
    /// engine gives them for words with a digit). A word's confidence falls with its least sure character, so a
    /// number read surely but for one glyph scores low whole.
    public var characterConfidences: [Double]

    /// A word with its confidence, box and (when the engine gives them) its characters' confidences.
    public init(text: String, confidence: Double, box: PrintedBox, characterConfidences: [Double] = []) {
        self.text = text
        self.confidence = confidence
        self.box = box
        self.characterConfidences = characterConfidences.count == text.count ? characterConfidences : []
    }
}

/// One text line of the printed page: its words left to right.
public struct PrintedLine: Sendable, Hashable {
    /// The words, left to right.
    public var words: [PrintedWord]

    /// A line of `words`.
    public init(words: [PrintedWord]) { self.words = words }

    /// The box around every word.
    public var box: PrintedBox? {
        words.dropFirst().reduce(words.first?.box) { $0?.union($1.box) }
    }
}

/// What the engine read on the printed page around one MRZ (the visual inspection zone, ICAO 9303-3 §2): its
/// text lines top to bottom, in the pixels of the upright view it was read from.
public struct PrintedPage: Sendable, Hashable {
    /// Lines, top to bottom.
    public var lines: [PrintedLine]

    /// A page of `lines`.
    public init(lines: [PrintedLine]) { self.lines = lines }

    /// Every word, line by line.
    public var words: [PrintedWord] { lines.flatMap(\.words) }
}
