import MRZ

/// Places recognised characters into the MRZ's fixed columns. The engine's order is kept and each character
/// goes to the column it stands in, as an alignment: a character may be left out (a spurious extra), a column
/// may stay unread (a dropped filler), a wide `<` box may fill several columns (a filler run read as fewer
/// symbols), and a character where the format does not allow it costs extra. Box positions drift near the
/// line ends; the order and the format's shape keep the read in place.
struct MRZLineFitter {
    /// Characters per line.
    let lineLength: Int
    /// Line-image x of column 0's centre, as the band geometry puts it.
    let firstCenter: Double
    /// Line-image distance between column centres.
    let pitch: Double
    /// Whether a character may stand in a column of this line, by the candidate formats' layouts.
    var allows: (UInt8, Int) -> Bool = { _, _ in true }

    /// Every character an MRZ may hold.
    static let mrzCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<".utf8)

    /// Cost of a column nothing was placed in.
    static let unreadColumnCost = 1.0
    /// Cost of leaving out a character the engine read.
    static let droppedCharacterCost = 1.5, droppedFillerCost = 0.6
    /// Cost of a character where the layout does not allow it.
    static let disallowedCost = 1.5
    /// Distance costs are capped so one wild box cannot outweigh the structure.
    static let maximumDistanceCost = 3.0

    /// The fitted line (a filler where nothing was read), the engine's alternatives and confidence per column.
    /// Two passes: the band's grid places the characters, then the grid is refitted to where the placed
    /// characters really stand (a pitch off by 1 % drifts half a column over 44), and they are placed again.
    func fit(_ reading: LineReading) -> (line: [UInt8], alternatives: [[UInt8]], confidence: [Double]) {
        // The band's pitch comes from blobs, which a stray blob at a line's end can stretch by a column over the
        // line; the engine's own characters give it again.
        let pitch = Self.pitch(of: reading.characters, near: pitch) ?? pitch
        let origin = firstCenter + phase(of: reading.characters, pitch: pitch) * pitch
        let first = align(reading.characters, origin: origin, pitch: pitch)
        // Refit on the characters that already sit well in their columns, so a misplaced stretch cannot pull.
        let trusted = zip(reading.characters, first.columns).map { character, column -> Int? in
            guard let column else { return nil }
            return abs(character.center - (origin + Double(column) * pitch)) < 0.35 * pitch ? column : nil
        }
        guard let grid = refittedGrid(reading.characters, columns: trusted, pitch: pitch) else { return first.result }
        return align(reading.characters, origin: grid.origin, pitch: grid.pitch).result
    }

    /// Least-squares line through the centres of single-column characters against their columns.
    private func refittedGrid(_ characters: [RecognizedCharacter], columns: [Int?], pitch: Double)
        -> (origin: Double, pitch: Double)?
    {
        var points: [(column: Double, center: Double)] = []
        for (character, column) in zip(characters, columns) {
            guard let column, Double(character.right - character.left) <= 1.2 * pitch else { continue }
            points.append((Double(column), character.center))
        }
        guard points.count >= lineLength / 2 else { return nil }
        let n = Double(points.count)
        let meanColumn = points.map(\.column).reduce(0, +) / n
        let meanCenter = points.map(\.center).reduce(0, +) / n
        var covariance = 0.0
        var variance = 0.0
        for point in points {
            covariance += (point.column - meanColumn) * (point.center - meanCenter)
            variance += (point.column - meanColumn) * (point.column - meanColumn)
        }
        guard variance > 0 else { return nil }
        let fitted = covariance / variance
        // Only a refinement: a grid far from the band's is a misfit, not a correction.
        guard abs(fitted / pitch - 1) < 0.05 else { return nil }
        return (meanCenter - fitted * meanColumn, fitted)
    }

    /// One alignment pass on a given grid: the fitted line and, per character, the column it went to.
    private func align(_ characters: [RecognizedCharacter], origin: Double, pitch: Double)
        -> (result: (line: [UInt8], alternatives: [[UInt8]], confidence: [Double]), columns: [Int?])
    {
        let filler = UInt8(ascii: "<")
        let count = characters.count
        let columns = lineLength
        // cost[i][j]: best cost with the first i characters used and the first j columns decided.
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: columns + 1), count: count + 1)
        var step = [[(character: Int, span: Int)]](
            repeating: [(character: Int, span: Int)](repeating: (0, 0), count: columns + 1), count: count + 1)
        cost[0][0] = 0
        for i in 0...count {
            for j in 0...columns where cost[i][j] < .infinity {
                let here = cost[i][j]
                if j < columns, here + Self.unreadColumnCost < cost[i][j + 1] {
                    cost[i][j + 1] = here + Self.unreadColumnCost
                    step[i][j + 1] = (0, 0)  // column left unread
                }
                guard i < count else { continue }
                let character = characters[i]
                // Leaving out what the engine was unsure of is cheap; keeping it in place costs its doubt.
                let dropCost =
                    (character.byte == filler ? Self.droppedFillerCost : Self.droppedCharacterCost)
                    * character.confidence
                if here + dropCost < cost[i + 1][j] {
                    cost[i + 1][j] = here + dropCost
                    step[i + 1][j] = (1, 0)  // character left out
                }
                let widest =
                    character.byte == filler
                    ? max(1, Int((Double(character.right - character.left) / pitch).rounded()) + 1) : 1
                for span in 1...widest where j + span <= columns {
                    let center = origin + (Double(j) + Double(span - 1) / 2) * pitch
                    var total =
                        here + min(Self.maximumDistanceCost, abs(character.center - center) / pitch)
                        + 0.2 * Double(span - 1) + 0.5 * (1 - character.confidence)
                    for column in j..<(j + span) where !allows(character.byte, column) { total += Self.disallowedCost }
                    if total < cost[i + 1][j + span] {
                        cost[i + 1][j + span] = total
                        step[i + 1][j + span] = (1, span)
                    }
                }
            }
        }
        var placed = [Int?](repeating: nil, count: count)
        var line = [UInt8](repeating: filler, count: columns)
        var alternatives = [[UInt8]](repeating: [], count: columns)
        var confidence = [Double](repeating: 0, count: columns)
        var (i, j) = (count, columns)
        while i > 0 || j > 0 {
            let (usedCharacter, span) = step[i][j]
            if usedCharacter == 1 && span > 0 {
                let character = characters[i - 1]
                placed[i - 1] = j - span
                for column in (j - span)..<j {
                    line[column] = character.byte
                    alternatives[column] = character.alternatives
                    confidence[column] = character.confidence
                }
            }
            i -= usedCharacter
            j -= span == 0 && usedCharacter == 0 ? 1 : span
        }
        // A column nothing was read in may hold anything its position allows: let repair choose (a lost
        // check digit is fully determined by the data it guards). So may a filler where its position forbids one
        // (a lost character in a number). A character read where the layout forbids it keeps only the engine's
        // own choices and repair's known confusions: what is printed there may really be wrong (a forged or
        // non-conforming document), and an invented letter would hide it.
        for column in 0..<columns
        where (confidence[column] == 0 && alternatives[column].isEmpty)
            || (!allows(line[column], column) && line[column] == filler)
        {
            alternatives[column] += Self.mrzCharacters.filter {
                $0 != line[column] && allows($0, column) && !alternatives[column].contains($0)
            }
        }
        // What the alignment left out is still evidence: an alternative for the column it stood in.
        for (character, column) in zip(characters, placed) where column == nil {
            let nearest = Int(((character.center - origin) / pitch).rounded())
            guard nearest >= 0, nearest < columns, line[nearest] != character.byte,
                !alternatives[nearest].contains(character.byte)
            else { continue }
            alternatives[nearest].append(character.byte)
        }
        return ((line, alternatives, confidence), placed)
    }

    /// The pitch the engine's characters stand at: the median slope between characters 8 to 20 apart in the
    /// engine's order, among slopes within 6 % of `expected` (a stretch with a lost or split character gives a
    /// slope a tenth or more off and is left out); nil when too few pairs agree.
    static func pitch(of characters: [RecognizedCharacter], near expected: Double) -> Double? {
        // The first and last boxes are the least precise: an LSTM's box edges follow its timesteps.
        let centers = characters.dropFirst().dropLast().map(\.center)
        var slopes: [Double] = []
        for i in centers.indices {
            let last = min(centers.count, i + 21)
            guard i + 8 < last else { break }
            for j in (i + 8)..<last {
                let slope = (centers[j] - centers[i]) / Double(j - i)
                if abs(slope / expected - 1) < 0.06 { slopes.append(slope) }
            }
        }
        guard slopes.count >= 20 else { return nil }
        slopes.sort()
        return slopes[slopes.count / 2]
    }

    /// How far, in pitches, the characters sit from the band's grid (median over the line, −0.5…0.5).
    private func phase(of characters: [RecognizedCharacter], pitch: Double) -> Double {
        let residuals = characters.filter { Double($0.right - $0.left) <= 1.2 * pitch }
            .map { character -> Double in
                let offset = (character.center - firstCenter) / pitch
                return offset - offset.rounded()
            }
            .sorted()
        return residuals.isEmpty ? 0 : residuals[residuals.count / 2]
    }
}
