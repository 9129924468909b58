/// Places recognised characters into the MRZ's fixed columns by where they stand on the line, so a
/// dropped or doubled character (common in filler runs) does not shift the rest of the line.
struct MRZLineFitter {
    /// Characters per line.
    let lineLength: Int
    /// Line-image x of column 0's centre.
    let firstCenter: Double
    /// Line-image distance between column centres.
    let pitch: Double

    /// The fitted line (a filler where nothing was read), the engine's alternatives and confidence per column.
    func fit(_ reading: LineReading) -> (line: [UInt8], alternatives: [[UInt8]], confidence: [Double]) {
        var slots = [[RecognizedCharacter]](repeating: [], count: lineLength)
        // As many characters as columns: the engine's own order is the surest placement.
        if reading.characters.count == lineLength {
            return (reading.bytes, reading.characters.map(\.alternatives), reading.characters.map(\.confidence))
        }
        for character in reading.characters {
            let column = Int(((character.center - firstCenter) / pitch).rounded())
            guard column >= 0, column < lineLength else { continue }
            slots[column].append(character)
        }
        // A doubled column gives its extra character to an empty neighbour on the side it leans to.
        for column in slots.indices where slots[column].count > 1 {
            slots[column].sort { $0.center < $1.center }
            if column + 1 < lineLength, slots[column + 1].isEmpty, let last = slots[column].popLast() {
                slots[column + 1] = [last]
            }
            if column > 0, slots[column - 1].isEmpty, slots[column].count > 1 {
                slots[column - 1] = [slots[column].removeFirst()]
            }
        }
        var line: [UInt8] = []
        var alternatives: [[UInt8]] = []
        var confidence: [Double] = []
        for slot in slots {
            guard let best = slot.max(by: { $0.confidence < $1.confidence }) else {
                line.append(UInt8(ascii: "<"))
                alternatives.append([])
                confidence.append(0)
                continue
            }
            line.append(best.byte)
            var others = best.alternatives
            for other in slot where other.byte != best.byte && !others.contains(other.byte) {
                others.append(other.byte)
            }
            alternatives.append(others)
            confidence.append(best.confidence)
        }
        return (line, alternatives, confidence)
    }
}
