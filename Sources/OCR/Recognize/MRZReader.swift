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

    /// How well the read agrees with itself: valid reads first, then more passing checks, then more characters
    /// where their position allows them (text read upside down is mostly in the wrong places), then engine
    /// confidence.
    var agreement: Double {
        (document.valid ? 1000 : 0) + Double(document.checks.passing) * 20 + plausibility * 100 + confidence
    }

    /// True when this read is the better of the two (of two pages, bands or cuts of one scan).
    public func ranks(above other: MRZReading) -> Bool { agreement > other.agreement }
}

/// Reads the MRZ on a page: locate the band, cut each line out upright at a fixed character height, read it
/// with the engine, fit it to the columns, repair. Tries the band the other way round only when the first
/// read does not validate. One reader per worker: it holds the engine.
public final class MRZReader {
    private let engine: LineRecognizer
    private let locator: MRZLocator
    private let repairer = MRZRepairer()
    /// How lines are cut out of the page for the engine. Lines are grey by default: Tesseract thresholds
    /// each line itself, and pre-binarised lines read worse with the project's model (96.4 % against 98.6 %
    /// on TestImages, 92.2 % against 94.4 % on independently rendered pages).
    public var cutter = MRZLineCutter()

    /// A reader over `engine`.
    public init(engine: LineRecognizer, locator: MRZLocator = MRZLocator()) {
        self.engine = engine
        self.locator = locator
    }

    /// Reads `page`; nil when no MRZ band was found. `currentYear` resolves two-digit birth years.
    public func read(_ page: GrayImage, currentYear: Int) -> MRZReading? {
        guard let band = locator.locate(page) else { return nil }
        let first = read(band, on: page, currentYear: currentYear)
        // Text read upside down lands mostly where the layout forbids it; a read that fits the layout is
        // the right way up even when a check digit fails, and needs no second read.
        if first.document.valid || first.plausibility >= 0.95 { return first }
        let second = read(band.flipped(), on: page, currentYear: currentYear)
        return second.ranks(above: first) ? second : first
    }

    /// Reads the band in the orientation given.
    public func read(_ band: MRZBand, on page: GrayImage, currentYear: Int) -> MRZReading {
        let crops = cutter.cut(band, on: page)
        let readings = crops.images.map(engine.read(line:))
        let scale = crops.scale, margin = crops.margin
        // The band's first column can be off by a character or two (a lost first character, a stray blob
        // taken for one): try the nearby column origins and keep the one whose check digits agree best.
        var best: MRZReading? = nil
        for shift in [0, -1, 1, -2, 2] {
            let fitter = MRZLineFitter(
                lineLength: band.lineLength, firstCenter: (margin + Double(shift) * band.pitch) * scale,
                pitch: band.pitch * scale)
            let fitted = fit(readings, with: fitter, lineLength: band.lineLength)
            let document = repairer.read(
                fitted.map(\.line), alternatives: CharacterAlternatives(fitted.map(\.alternatives)),
                currentYear: currentYear)
            let confidences = fitted.flatMap(\.confidence)
            let confidence = confidences.isEmpty ? 0 : confidences.reduce(0, +) / Double(confidences.count)
            var shifted = band
            shifted.origin = band.origin + band.axis * (Double(shift) * band.pitch)
            let reading = MRZReading(
                band: shifted, rawLines: fitted.map(\.line), document: document,
                confidence: confidence, lineImages: crops.images)
            if best.map({ reading.ranks(above: $0) }) ?? true { best = reading }
            if document.valid { break }
        }
        return best!
    }

    /// Fits each line to the columns of the formats its shape allows; the first line's document code
    /// (V for visas) then narrows the later lines to one format's layout.
    private func fit(_ readings: [LineReading], with fitter: MRZLineFitter, lineLength: Int)
        -> [(line: [UInt8], alternatives: [[UInt8]], confidence: [Double])]
    {
        var candidates = MRZFormat.allCases.filter {
            $0.lineCount == readings.count && $0.lineLength == lineLength
        }.map(MRZLayout.of)
        var fitted: [(line: [UInt8], alternatives: [[UInt8]], confidence: [Double])] = []
        for (index, reading) in readings.enumerated() {
            var lineFitter = fitter
            let layouts = candidates
            lineFitter.allows = { byte, column in
                layouts.isEmpty || layouts.contains { $0.allows(byte, line: index, index: column) }
            }
            fitted.append(lineFitter.fit(reading))
            if index == 0, candidates.count > 1 {
                let isVisa = fitted[0].line.first == UInt8(ascii: "V")
                candidates = candidates.filter { ($0.format == .mrvA || $0.format == .mrvB) == isVisa }
            }
        }
        return fitted
    }
}
