import MRZ

/// What the OCR stage made of one page: where the MRZ is, what was read there and how sure the engine was.
public struct MRZReading: Sendable {
    /// The band as finally read (its orientation is the one that read better).
    public var band: MRZBand
    /// Lines as the engine read them, fitted to the format's columns, before repair.
    public var rawLines: [[UInt8]]
    /// The MRZ after check-digit-driven repair, with its corrections.
    public var document: MRZDocument
    /// Mean per-character confidence, 0…1.
    public var confidence: Double
    /// Share of characters standing where the format's layout allows them, 0…1 (0 when no format fits).
    public var plausibility: Double {
        document.format.map { MRZLayout.of($0).plausibleShare(of: document.lines) } ?? 0
    }
    /// The line images given to the engine, top line first.
    public var lineImages: [GrayImage]
    /// Columns where the engine read nothing inside text (`MUH______JAWAD`, `A___<MARIA`): text lost to glare or
    /// blur, filled in as fillers, which no check digit may cover.
    public var unreadColumns: Int = 0

    /// How well the read agrees with itself: valid reads first, then more passing checks, then more characters
    /// where their position allows them (text read upside down is mostly in the wrong places), then engine
    /// confidence.
    var agreement: Double {
        (document.valid ? 1000 : 0) + Double(document.checks.passing) * 20 + plausibility * 100 + confidence
            - Double(unreadColumns) * 2
    }

    /// Whether the read can stand without trying other cuts: it validates and lost no text between characters.
    var isSettled: Bool { document.valid && unreadColumns == 0 }

    /// True when this read is the better of the two (of two pages, bands or cuts of one scan).
    public func ranks(above other: MRZReading) -> Bool { agreement > other.agreement }
}

/// Reads the MRZ on a page: locate the band, cut each line out upright at a fixed character height, read it
/// with the engine, fit each line to the columns, repair. A clean scan takes one look and one read; only when
/// that read does not validate are other hypotheses tried (the band the other way round, other bands, other
/// looks at the page), and the read the check digits and the layout agree with best is kept. One reader per
/// worker: it holds the engine.
public final class MRZReader {
    private let engine: LineRecognizer
    /// A second engine, trained on other faces (Tesseract's `eng`), that reads the best cut once more when no cut
    /// the first engine read validates, or the best validates only after repair: zones printed in a face the first
    /// model never saw (a sans-serif card) read there, and its characters become alternatives for the repair. Nil:
    /// the first engine alone.
    private let secondOpinion: LineRecognizer?
    private let locator: MRZLocator
    private let repairer = MRZRepairer()
    /// How lines are cut out of the page for the engine. Lines are grey by default: Tesseract thresholds
    /// each line itself, and pre-binarised lines read worse with the project's model (96.4 % against 98.6 %
    /// on TestImages, 92.2 % against 94.4 % on independently rendered pages).
    public var cutter = MRZLineCutter()
    /// Column origins tried per line, in columns from where the band puts the first character: a lost first
    /// character or a stray blob taken for one moves a line, not the band.
    static let columnShifts = [0, -1, 1, -2, 2]
    /// Share of characters where the layout allows them from which a read that does not validate (or only after
    /// repair) gets a second opinion: below it the band is not an MRZ the right way up, and the second engine would
    /// only cost time.
    static let plausibilityForSecondOpinion = 0.9
    /// Pitch change along a line (`MRZBand.perspective`) from which the curved cut is read first.
    static let perspectiveForCurvedCut = 0.04
    /// Character height, in page pixels, from which a band's measured curves are sure enough to cut along first:
    /// on smaller print (web copies, 5-13 px) the curves' noise alone reads as perspective (0.1-0.9 measured on
    /// flat real scans); photographed pages, where perspective is real, have characters 40-80 px high at 12 MP.
    static let characterHeightForCurvedCut = 18.0

    /// A reader over `engine`, asking `secondOpinion` (when given) about bands no cut of `engine`'s validates
    /// without repair.
    public init(engine: LineRecognizer, secondOpinion: LineRecognizer? = nil, locator: MRZLocator = MRZLocator()) {
        self.engine = engine
        self.secondOpinion = secondOpinion
        self.locator = locator
    }

    /// Reads `page`; nil when no MRZ band was found. `currentYear` resolves two-digit birth years.
    public func read(_ page: GrayImage, currentYear: Int) -> MRZReading? {
        readDocuments(page, currentYear: currentYear).first
    }

    /// Every document's MRZ on `page` (two documents on one scanner bed, a booklet's two pages), in reading
    /// order (top to bottom, then left to right, as the documents stand): the valid reads of distinct bands
    /// found by the first look that finds any; else the one read the check digits and layout agree with best,
    /// or none when no band was found. `currentYear` resolves two-digit birth years.
    public func readDocuments(_ page: GrayImage, currentYear: Int) -> [MRZReading] {
        var best: MRZReading? = nil
        var valid: [MRZReading] = []
        var tried: [MRZBand] = []
        for look in locator.looks(width: page.width, height: page.height) {
            for band in locator.bands(on: page, look: look) where !tried.contains(where: band.isSameBand) {
                tried.append(band)
                let reading = readEitherWay(band, on: page, currentYear: currentYear)
                if best.map({ reading.ranks(above: $0) }) ?? true { best = reading }
                if reading.document.valid, !valid.contains(where: { $0.band.isSameBand(as: reading.band) }) {
                    valid.append(reading)
                }
            }
            if !valid.isEmpty { return valid.sorted(by: Self.readsBefore) }
        }
        return best.map { [$0] } ?? []
    }

    /// Reading order of two documents on one page, as they stand: side by side (their bands apart along the
    /// reading direction) the left one first, else the upper one. Documents side by side need not have their
    /// zones level (a card's is higher than a passport's), so the left-right test comes first.
    private static func readsBefore(_ a: MRZReading, _ b: MRZReading) -> Bool {
        let axis = a.band.axis
        let aStart = a.band.origin.dot(axis)
        let bStart = b.band.origin.dot(axis)
        if aStart + a.band.extent < bStart { return true }
        if bStart + b.band.extent < aStart { return false }
        return (b.band.origin - a.band.origin).dot(a.band.down) > 0
    }

    /// Reads `band` as found and, unless that read fits the layout, the other way round; the better read.
    private func readEitherWay(_ band: MRZBand, on page: GrayImage, currentYear: Int) -> MRZReading {
        let first = read(band, on: page, currentYear: currentYear)
        // Text read upside down lands mostly where the layout forbids it; a read that fits the layout is
        // the right way up even when a check digit fails, and needs no second read.
        if first.document.valid || first.plausibility >= 0.95 { return first }
        let second = read(band.flipped(), on: page, currentYear: currentYear)
        return second.ranks(above: first) ? second : first
    }

    /// Reads the band in the orientation given: cut straight at an even pitch and, only while no read validates,
    /// other cuts of the same lines: along the lines' measured curves (a photographed or curved page), with the
    /// contrast evened out locally (glare, shadow) and sharpened (a small or soft source). Each cut is read on its
    /// own; when none validates, the best one is repaired once more with what the other cuts read at each column
    /// as the engine's alternatives there, so a character one cut gets wrong and another gets right is put right
    /// when the check digits agree.
    public func read(_ band: MRZBand, on page: GrayImage, currentYear: Int) -> MRZReading {
        // A band seen in perspective is cut along its curves first: a straight cut there puts columns at an even
        // pitch the print does not have, and a lost character in a name moves the rest unseen.
        let curvedFirst =
            band.characterHeight >= Self.characterHeightForCurvedCut
            && band.perspective > Self.perspectiveForCurvedCut
        let cutter = self.cutter
        let cuts: [() -> MRZLineCrops?] = [{ cutter.cut(band, on: page) }, { cutter.cutAlongCurves(band, on: page) }]
        var reads: [CutRead] = []
        var best: CutRead { reads.max { $1.reading.ranks(above: $0.reading) }! }
        for cut in curvedFirst ? cuts.reversed() : cuts where reads.isEmpty || !best.reading.isSettled {
            if let crops = cut() { reads.append(read(crops, of: band, currentYear: currentYear)) }
        }
        let window = Int(2 * cutter.characterHeight) | 1
        let variants: [(GrayImage) -> GrayImage] = [
            { ImageOps.normalizeLocalContrast($0, window: window) },
            { ImageOps.sharpen($0, radius: 2, amount: 1.5) },
        ]
        for variant in variants where !best.reading.isSettled {
            var crops = best.crops
            crops.images = crops.images.map(variant)
            reads.append(read(crops, of: band, currentYear: currentYear))
        }
        var chosen = best
        // A read the check digits pass only after repair asks too: the repair explains what the checks cover, and a
        // model misreading a face it never saw is wrong elsewhere as well.
        if let secondOpinion, !chosen.reading.isSettled || !chosen.reading.document.corrections.isEmpty,
            chosen.reading.plausibility >= Self.plausibilityForSecondOpinion
        {
            let readings = zip(chosen.crops.images, chosen.fits.readings).map { image, firstReading in
                secondOpinion.read(line: image).fillersRestored(from: firstReading)
            }
            let second = read(chosen.crops, readings: readings, of: band, currentYear: currentYear)
            reads.append(second)
            chosen = Self.better(second, than: chosen)
        }
        guard !chosen.reading.document.valid, reads.count > 1 else { return chosen.reading }
        let combined = repairedWithOtherCuts(chosen, others: reads, currentYear: currentYear)
        return combined.ranks(above: chosen.reading) ? combined : chosen.reading
    }

    /// `second` (the second opinion's read) when it ranks above `first`; when both validate, when it needs fewer
    /// corrections and reads no fewer digits. Two valid reads of one band differ where one engine took a digit for a
    /// letter its check digit cannot tell apart (`G` and `6` are both 6 modulo 10, and four confusions can cancel
    /// out): document numbers are mostly digits, so the read with fewer digits does not win on corrections alone.
    private static func better(_ second: CutRead, than first: CutRead) -> CutRead {
        let (a, b) = (second.reading.document, first.reading.document)
        if a.valid && b.valid {
            let digits = { (document: MRZDocument) in document.lines.joined().filter(MRZCharacter.isDigit).count }
            let fewerCorrections = a.corrections.count < b.corrections.count
            return fewerCorrections && digits(a) >= digits(b)
                && second.reading.unreadColumns <= first.reading.unreadColumns ? second : first
        }
        return second.reading.ranks(above: first.reading) ? second : first
    }

    /// One cut's read, with the fits it was made from.
    private struct CutRead {
        var reading: MRZReading
        var crops: MRZLineCrops
        var fits: LineFits
        var shifts: [Int]
    }

    /// `chosen` repaired again with every other cut's character at each column (fitted from the same origins)
    /// added to the engine's alternatives there.
    private func repairedWithOtherCuts(_ chosen: CutRead, others: [CutRead], currentYear: Int) -> MRZReading {
        var fitted = chosen.fits.lines(chosen.shifts)
        for other in others where other.fits !== chosen.fits {
            for (line, theirs) in other.fits.lines(chosen.shifts).enumerated() where line < fitted.count {
                for (column, byte) in theirs.line.enumerated() where column < fitted[line].line.count {
                    if byte != fitted[line].line[column], !fitted[line].alternatives[column].contains(byte) {
                        fitted[line].alternatives[column].insert(byte, at: 0)
                    }
                }
            }
        }
        var reading = chosen.reading
        reading.document = repairer.read(
            fitted.map(\.line), alternatives: CharacterAlternatives(fitted.map(\.alternatives)),
            currentYear: currentYear)
        return reading
    }

    /// Reads line images cut from `band`.
    private func read(_ crops: MRZLineCrops, of band: MRZBand, currentYear: Int) -> CutRead {
        read(crops, readings: crops.images.map(engine.read(line:)), of: band, currentYear: currentYear)
    }

    /// Fits and repairs `readings`, an engine's reads of the line images cut from `band`.
    private func read(_ crops: MRZLineCrops, readings: [LineReading], of band: MRZBand, currentYear: Int) -> CutRead {
        let fits = LineFits(
            readings: readings, lineLength: band.lineLength, margin: crops.margin * crops.scale,
            pitch: band.pitch * crops.scale)
        // Each line's column origin is chosen on its own: the first combination whose lines validate as read,
        // else the few that agree best before repair are repaired and the best repaired read is kept.
        var best: CutRead? = nil
        var bestScore: Double? = nil
        for shifts in fits.rankedShiftCombinations(currentYear: currentYear, keep: 3) {
            let fitted = fits.lines(shifts)
            let document = repairer.read(
                fitted.map(\.line), alternatives: CharacterAlternatives(fitted.map(\.alternatives)),
                currentYear: currentYear)
            let confidences = fitted.flatMap(\.confidence)
            let confidence = confidences.isEmpty ? 0 : confidences.reduce(0, +) / Double(confidences.count)
            var shifted = band
            shifted.origin = band.origin + band.axis * (Double(shifts[0]) * band.pitch)
            var reading = MRZReading(
                band: shifted, rawLines: fitted.map(\.line), document: document,
                confidence: confidence, lineImages: crops.images)
            reading.unreadColumns = fitted.map { Self.unreadColumns($0.line, confidence: $0.confidence) }.reduce(0, +)
            // The same score after repair: what repair made of each.
            let score = LineFits.score(document, shifts: shifts)
            if bestScore.map({ score > $0 }) ?? true {
                best = CutRead(reading: reading, crops: crops, fits: fits, shifts: shifts)
                bestScore = score
            }
            if document.valid { break }
        }
        return best!
    }

    /// Columns read as nothing (confidence 0) in runs between two characters that are not fillers, or of two or
    /// more columns beside one.
    static func unreadColumns(_ line: [UInt8], confidence: [Double]) -> Int {
        var count = 0
        var column = 0
        while column < line.count {
            guard confidence[column] == 0 else {
                column += 1
                continue
            }
            var end = column
            while end < line.count && confidence[end] == 0 { end += 1 }
            let textBefore = column > 0 && line[column - 1] != MRZCharacter.filler
            let textAfter = end < line.count && line[end] != MRZCharacter.filler
            // One column lost beside a filler is a `<` the engine ran into its neighbours, which is common and
            // harmless; two or more beside a letter, or any between letters, are text lost.
            if (textBefore && textAfter) || (end - column >= 2 && (textBefore || textAfter)) { count += end - column }
            column = end
        }
        return count
    }
}
