import MRZ

/// Every line of a band fitted to the format's columns from each of a few column origins, and the choice of
/// one origin per line that the check digits and the layout agree with best. Fits are made when first asked
/// for and kept: a clean scan, whose lines validate from the band's own origin, costs one fit per line.
final class LineFits {
    /// A line placed into its columns: characters, the engine's alternatives and confidence per column.
    typealias Fitted = (line: [UInt8], alternatives: [[UInt8]], confidence: [Double])

    /// The engine's readings, one per line, as fitted.
    let readings: [LineReading]
    private let lineLength: Int
    private let lineCount: Int
    private let margin: Double
    private let pitch: Double
    /// Candidate layouts: every ICAO layout of this shape (used for the first line), the non-visa ones, the
    /// visa ones (document code V), then each national format's own layout.
    private let layoutSets: [[MRZLayout]]
    /// The national formats of this shape, in `layoutSets` order after the ICAO three.
    private let national: [MRZFormat]
    /// Fits made so far, by layout set, line and origin.
    private var cache: [Int: Fitted] = [:]

    /// Fits `readings` (one per line) with the first column's centre at `margin` (+ shift · `pitch`) in the line
    /// images.
    init(readings: [LineReading], lineLength: Int, margin: Double, pitch: Double) {
        self.readings = readings
        self.lineLength = lineLength
        self.margin = margin
        self.pitch = pitch
        lineCount = readings.count
        let formats = MRZFormat.icao.filter { $0.lineCount == readings.count && $0.lineLength == lineLength }
        national = MRZFormat.allCases.filter {
            !$0.isICAO && $0.lineCount == readings.count && $0.lineLength == lineLength
        }
        let isVisa = { (format: MRZFormat) in format == .mrvA || format == .mrvB }
        layoutSets = ([formats, formats.filter { !isVisa($0) }, formats.filter(isVisa)] + national.map { [$0] })
            .map { $0.map(MRZLayout.of) }
    }

    /// Line `line` fitted from origin `shift` under layout set `set`.
    private func fitted(_ set: Int, _ line: Int, _ shift: Int) -> Fitted {
        let key = (set * 64 + line) * 16 + shift
        if let known = cache[key] { return known }
        let layouts = layoutSets[set]
        var fitter = MRZLineFitter(
            lineLength: lineLength, firstCenter: margin + Double(MRZReader.columnShifts[shift]) * pitch, pitch: pitch)
        fitter.allows = { byte, column in
            layouts.isEmpty || layouts.contains { $0.allows(byte, line: line, index: column) }
        }
        let result = fitter.fit(readings[line])
        cache[key] = result
        return result
    }

    /// The lines fitted from the origins `shifts` (one index into `MRZReader.columnShifts` per line). The first
    /// line's document code narrows the later lines to one format's layout: V for visas; a national format's
    /// prefix (IDFRA) narrows every line, the first too, to that format's own layout.
    func lines(_ shifts: [Int]) -> [Fitted] {
        guard lineCount > 0 else { return [] }
        let first = fitted(0, 0, shifts[0])
        if let index = national.firstIndex(where: { $0.hasNationalPrefix(first.line) }) {
            return shifts.enumerated().map { line, shift in fitted(3 + index, line, shift) }
        }
        let later = first.line.first == UInt8(ascii: "V") ? 2 : 1
        return shifts.enumerated().map { line, shift in line == 0 ? first : fitted(later, line, shift) }
    }

    /// Shift combinations to repair, best first: all origins as the band puts them when those lines validate as
    /// read; else those, the `keep` best by `score` before repair, and the whole band moved by each origin.
    func rankedShiftCombinations(currentYear: Int, keep: Int) -> [[Int]] {
        let straight = [Int](repeating: 0, count: lineCount)
        guard lineCount > 0 else { return [straight] }
        let asRead = MRZParser.parse(lines(straight).map(\.line), currentYear: currentYear)
        if asRead.valid { return [straight] }
        var scored: [(shifts: [Int], score: Double)] = []
        var shifts = straight
        while true {
            let document = MRZParser.parse(lines(shifts).map(\.line), currentYear: currentYear)
            scored.append((shifts, Self.score(document, shifts: shifts)))
            // Next combination, like an odometer.
            var line = lineCount - 1
            while line >= 0 {
                shifts[line] += 1
                if shifts[line] < MRZReader.columnShifts.count { break }
                shifts[line] = 0
                line -= 1
            }
            if line < 0 { break }
        }
        // The whole band moved by one origin stays in the running after the best-ranked combinations: repair can
        // make of it what the ranking cannot see.
        var chosen = [straight]
        let uniform = (1..<MRZReader.columnShifts.count).map { [Int](repeating: $0, count: lineCount) }
        for shifts in scored.sorted(by: { $0.score > $1.score }).prefix(keep).map(\.shifts) + uniform
        where !chosen.contains(shifts) {
            chosen.append(shifts)
        }
        return chosen
    }

    /// How well lines fitted from the origins `shifts` agree with the MRZ they make: a valid read above all,
    /// then passing check digits, characters where the layout allows them, lines that start as their first field
    /// must (a document code, a document number or a year of birth, never a filler),
    /// and issuing state and nationality that are listed codes (a shifted line makes a listed code by chance
    /// far less often than it passes a check digit, so an unlisted code costs more than a check digit gains);
    /// less a cost for origins the band does not give. The whole band off by a column is common (a lost or
    /// extra first character on every line) and cheap; one line off on its own must win it back by more than
    /// one check digit, since a line moved a column passes a check digit by chance one time in ten, and a
    /// non-conforming document fails some as printed.
    static func score(_ document: MRZDocument, shifts: [Int]) -> Double {
        let layout = document.format.map(MRZLayout.of)
        let plausible = layout?.plausibleShare(of: document.lines) ?? 0
        // A line's first character anchors it: the document code's letter (the first line has no check digit of
        // its own), a document number's first character or a year of birth's digit is never a filler, so a stray
        // blob read before it, or the character lost, leaves a filler or a letter there that the format does not
        // allow. A name line (a card's third) is anchored by its first letter, or by the `<<` before a holder's
        // one name (no primary identifier); fillers before a name that goes on past another `<<` are stray blobs
        // read, or the line moved.
        let anchored =
            layout.map { layout in
                document.lines.enumerated().filter { line, bytes in
                    guard let first = bytes.first, line < layout.positionFields.count else { return false }
                    if layout.positionFields[line][0] == .name { return Self.nameStartsRight(bytes) }
                    return first != MRZCharacter.filler && layout.allows(first, line: line, index: 0)
                }.count
            } ?? 0
        let unknownStates = document.findings.filter { $0.code == .unknownState }.count
        let common = mostCommon(shifts)
        let apart = shifts.filter { $0 != common }.count
        let commonOffset = abs(MRZReader.columnShifts[common])
        return (document.valid ? 1000 : 0) + Double(document.checks.passing) * 20 + plausible * 100
            + Double(anchored) * 30 - Double(unknownStates) * 30 - Double(apart) * 25 - Double(commonOffset) * 2
    }

    /// Whether a line that starts with a name starts where its name does: with a letter, or with `<<` before one
    /// name (`<<ANNA<MARIA`), never with fillers before a name that has another `<<` in it (`<<ERIKSSON<<ANNA`).
    static func nameStartsRight(_ line: [UInt8]) -> Bool {
        let filler = MRZCharacter.filler
        guard let first = line.first else { return false }
        guard first == filler else { return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) }
        let name = line.drop { $0 == filler }
        guard line.count - name.count == 2 else { return false }
        // The name up to its last letter holds no `<<`.
        let text = name[..<(name.lastIndex { $0 != filler } ?? name.startIndex)]
        return !zip(text, text.dropFirst()).contains { $0 == filler && $1 == filler }
    }

    /// The value most lines share (the smallest on a tie).
    private static func mostCommon(_ values: [Int]) -> Int {
        var counts: [Int: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
    }
}
