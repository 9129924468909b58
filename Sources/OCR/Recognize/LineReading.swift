import MRZ

/// One character as the engine read it, with its confidence and the engine's own runner-up choices.
public struct RecognizedCharacter: Sendable, Equatable {
    /// The character read (one byte of `A–Z0–9<`).
    public var byte: UInt8
    /// The engine's confidence in it, 0…1.
    public var confidence: Double
    /// Left and right edge in the line image, in pixels.
    public var left: Int, right: Int
    /// Other characters the engine considered here, best first (never `byte` itself).
    public var alternatives: [UInt8]

    /// A character with all its properties.
    public init(byte: UInt8, confidence: Double, left: Int, right: Int, alternatives: [UInt8]) {
        self.byte = byte
        self.confidence = confidence
        self.left = left
        self.right = right
        self.alternatives = alternatives
    }

    /// Horizontal centre in the line image.
    public var center: Double { Double(left + right) / 2 }
}

/// What the engine read on one MRZ line image.
public struct LineReading: Sendable, Equatable {
    /// The characters left to right.
    public var characters: [RecognizedCharacter]

    /// A reading made of these characters.
    public init(characters: [RecognizedCharacter]) { self.characters = characters }

    /// The text as bytes.
    public var bytes: [UInt8] { characters.map(\.byte) }
    /// The text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// This reading with `other`'s fillers kept, for a second engine's reading checked against the first's (`other`,
    /// of the same image): a character stands only where `other` read a character that is not a filler, within a
    /// glyph's width of it; anywhere else (across `other`'s `<`, or where `other` read nothing) it becomes `<`. A stock
    /// model reads OCR-B's filler as K, X or C (`OCRConfusion.fillerReadings`) and on glare as other letters (`S` in
    /// a photographed name field), while a model trained on MRZ print seldom reads a character as a filler: the
    /// second engine may put a letter or digit right, never add one.
    public func fillersRestored(from other: LineReading) -> LineReading {
        var restored = self
        for index in restored.characters.indices where restored.characters[index].byte != MRZCharacter.filler {
            let center = restored.characters[index].center
            let nearest = other.characters.min { abs($0.center - center) < abs($1.center - center) }
            if let nearest, nearest.byte != MRZCharacter.filler,
                abs(nearest.center - center) <= Double(nearest.right - nearest.left + 1)
            {
                continue
            }
            restored.characters[index].byte = MRZCharacter.filler
        }
        return restored
    }

    /// Mean character confidence, 0 for an empty line.
    public var meanConfidence: Double {
        characters.isEmpty ? 0 : characters.map(\.confidence).reduce(0, +) / Double(characters.count)
    }
}

/// Reads one MRZ line image; the Tesseract engine is the real one, tests of the logic above may fake it.
public protocol LineRecognizer: AnyObject {
    /// Reads the text on a single-line greyscale image.
    func read(line image: GrayImage) -> LineReading
}

/// A line recogniser made on its first read, not before: an engine a worker seldom needs (the second opinion) costs
/// no memory on a run that never asks it. When making it fails, every read is empty (a read that ranks last).
public final class LazyLineRecognizer: LineRecognizer {
    private let make: () throws -> any LineRecognizer
    private var made: (any LineRecognizer)?
    private var failed = false

    /// A recogniser that `make` makes on the first read.
    public init(_ make: @escaping () throws -> any LineRecognizer) { self.make = make }

    /// Whether the recogniser has been made.
    public var isMade: Bool { made != nil }

    /// Reads one line with the recogniser, made now if this is the first read.
    public func read(line image: GrayImage) -> LineReading {
        if made == nil, !failed {
            do { made = try make() } catch { failed = true }
        }
        return made?.read(line: image) ?? LineReading(characters: [])
    }
}
