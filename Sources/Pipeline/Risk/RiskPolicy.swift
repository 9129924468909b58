import MRZ

/// Weights and thresholds of the risk stage, as a versioned policy file (`Models/risk.yaml`) gives them.
public struct RiskPolicy: Sendable, Equatable {
    /// The policy's version label, written into every `risk` object.
    public var version: String
    /// Score from which a result is `review`.
    public var reviewFrom: Int
    /// Score from which a result is `alert`.
    public var alertFrom: Int
    /// Points per rule; every rule has a weight.
    public var points: [RiskRule: Int]
    /// OCR mean confidence under which a read is LOW_CONFIDENCE.
    public var lowConfidenceBelow: Double
    /// Characters changed by repair from which REPAIRED_MANY replaces REPAIRED.
    public var repairedManyCharacters: Int
    /// Holder ages above this are implausible.
    public var maxAgeYears: Int
    /// What marks a specimen document.
    public var specimens: SpecimenMarkers

    /// A policy; `points` must weigh every rule.
    public init(
        version: String, reviewFrom: Int, alertFrom: Int, points: [RiskRule: Int], lowConfidenceBelow: Double,
        repairedManyCharacters: Int, maxAgeYears: Int, specimens: SpecimenMarkers
    ) {
        self.version = version
        self.reviewFrom = reviewFrom
        self.alertFrom = alertFrom
        self.points = points
        self.lowConfidenceBelow = lowConfidenceBelow
        self.repairedManyCharacters = repairedManyCharacters
        self.maxAgeYears = maxAgeYears
        self.specimens = specimens
    }

    /// The level a score reaches by the thresholds alone.
    public func level(forScore score: Int) -> RiskLevel {
        score >= alertFrom ? .alert : score >= reviewFrom ? .review : .clear
    }
}

/// Marks of specimen (sample) documents: the ICAO 9303 specimens are issued by `UTO` (Utopia) to Anna Maria
/// Eriksson; national specimens use names such as Erika Mustermann and numbers printed in the standards.
public struct SpecimenMarkers: Sendable, Equatable {
    /// Issuing states that only specimens carry.
    public let states: Set<String>
    /// Whole names (`SURNAME GIVEN NAMES`, as in the `mrz` object) of specimen holders.
    public let names: Set<String>
    /// Words that mark a specimen wherever they stand in the name (`SPECIMEN`, `MUSTER`).
    public let nameWords: Set<String>
    /// Document numbers printed on specimens.
    public let numbers: Set<String>
    /// The UTF-8 lengths of `names` and of `nameWords`, one bit each (63 for any longer): this runs for every
    /// document of a screening run, and a length that no marker has needs no comparing.
    private let nameLengths: UInt64, wordLengths: UInt64

    /// Markers.
    public init(states: Set<String>, names: Set<String>, nameWords: Set<String>, numbers: Set<String>) {
        self.states = states
        self.names = names
        self.nameWords = nameWords
        self.numbers = numbers
        nameLengths = Self.lengthBits(names)
        wordLengths = Self.lengthBits(nameWords)
    }

    /// What marks `document` as a specimen, in words; nil when nothing does.
    public func mark(of document: MRZDocument) -> String? {
        if let state = document.issuingState, states.contains(state) {
            return "issued by \(state), a state only specimen documents carry"
        }
        if let number = document.documentNumber, numbers.contains(number) {
            return "the document number is one printed on specimen documents"
        }
        let surname = document.surname ?? ""
        let givenNames = document.givenNames ?? ""
        let length = surname.utf8.count + (givenNames.isEmpty ? 0 : 1 + givenNames.utf8.count)
        if Self.has(length, in: nameLengths), names.contains(givenNames.isEmpty ? surname : surname + " " + givenNames)
        {
            return "the holder's name is a specimen name"
        }
        if wordLengths != 0, hasWord(in: surname) || hasWord(in: givenNames) {
            return "the name contains a specimen word"
        }
        return nil
    }

    /// Whether a space-separated word of `name` is one of `nameWords`.
    private func hasWord(in name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: " ") {
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if Self.has(word.count, in: wordLengths), nameWords.contains(where: { $0.utf8.elementsEqual(word) }) {
                    return true
                }
                start = end + 1
            }
            return false
        }
    }

    private static func lengthBits(_ texts: Set<String>) -> UInt64 {
        texts.reduce(0) { $0 | 1 << min(63, $1.utf8.count) }
    }

    private static func has(_ length: Int, in bits: UInt64) -> Bool { bits & 1 << min(63, length) != 0 }
}
