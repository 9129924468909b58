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
    public init(version: String, reviewFrom: Int, alertFrom: Int, points: [RiskRule: Int], lowConfidenceBelow: Double,
                repairedManyCharacters: Int, maxAgeYears: Int, specimens: SpecimenMarkers) {
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
    public var states: Set<String>
    /// Whole names (`SURNAME GIVEN NAMES`, as in the `mrz` object) of specimen holders.
    public var names: Set<String>
    /// Words that mark a specimen wherever they stand in the name (`SPECIMEN`, `MUSTER`).
    public var nameWords: Set<String>
    /// Document numbers printed on specimens.
    public var numbers: Set<String>

    /// Markers.
    public init(states: Set<String>, names: Set<String>, nameWords: Set<String>, numbers: Set<String>) {
        self.states = states
        self.names = names
        self.nameWords = nameWords
        self.numbers = numbers
    }

    /// What marks `document` as a specimen, in words; nil when nothing does.
    public func mark(of document: MRZDocument) -> String? {
        if let state = document.issuingState, states.contains(state) {
            return "issued by \(state), a state only specimen documents carry"
        }
        if let number = document.documentNumber, numbers.contains(number) {
            return "the document number is one printed on specimen documents"
        }
        let surname = document.surname ?? "", givenNames = document.givenNames ?? ""
        if !names.isEmpty, names.contains(givenNames.isEmpty ? surname : surname + " " + givenNames) {
            return "the holder's name is a specimen name"
        }
        for part in [surname, givenNames] where part.split(separator: " ").contains(where: { nameWords.contains(String($0)) }) {
            return "the name contains a specimen word"
        }
        return nil
    }
}
