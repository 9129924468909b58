import MRZ

/// Every choice that makes one scan what it is, drawn from (seed, index) before any pixel is drawn.
public struct ScanPlan: Sendable {
    /// Position of the scan in its batch.
    public var index: Int
    /// 1-based number of the scan among those of its format (the file name).
    public var number: Int
    /// The document's data.
    public var fields: MRZFields
    /// Scanner defects, in `Degradation.scannerDefects` order (the kind, if any, is in `kind`).
    public var degradations: [Degradation]
    /// Resolution in dots per inch, a multiple of 10 so the 0.1 in MRZ pitch is a whole pixel count.
    public var dpi: Int
    /// Clockwise turn of the document: 0, 90, 180 or 270.
    public var rotation: Int
    /// Skew on top of the turn, degrees clockwise, two decimals.
    public var skewDegrees: Double
    /// Seed of the look: palette, pattern, placement, degradation strengths.
    public var lookSeed: UInt64
    /// MRZ lines printed instead of those composed from `fields` (an altered or malformed MRZ, for tests of
    /// what the pipeline makes of one); nil prints the composed lines.
    public var printedLines: [[UInt8]]? = nil
    /// The real-world kind of image this scan is, with its choices; nil for a scanner-bed scan.
    public var kind: ScanKind? = nil
    /// How the visual zone prints the holder's data on a page of a varied set (`SynthOptions.tamperedShare`
    /// above 0); nil prints it as pages always have.
    public var visual: VisualStyle? = nil
    /// The forger's change on a tampered page; nil for a genuine one.
    public var forgery: Forgery? = nil

    /// The classes the scan is recorded under: its scanner defects, then its kind.
    public var classes: [Degradation] { degradations + (kind.map { [$0.degradation] } ?? []) }

    /// The plan of scan `index` under `options`; depends on nothing else. A kind (`options.kinds`) is drawn
    /// from a stream of its own after the scan's other choices, which stay those of a scan without one.
    public static func draw(index: Int, options: SynthOptions) -> ScanPlan {
        var plan = drawScan(index: index, options: options)
        if let kind = kind(index: index, options: options) {
            var kindGenerator = SeededGenerator(seed: scanSeed(options.seed ^ kindStream, index))
            plan.adopt(kind, options: options, using: &kindGenerator)
        }
        if options.tamperedShare > 0 {
            var pageGenerator = SeededGenerator(seed: scanSeed(options.seed ^ pageStream, index))
            plan.vary(tamperedShare: options.tamperedShare, using: &pageGenerator)
        }
        return plan
    }

    /// Mixed into the batch seed for the kinds' stream ("kinds-v1").
    private static let kindStream: UInt64 = 0x6B69_6E64_732D_7631
    /// Mixed into the batch seed for the stream of visual styles and forgeries ("pages-v1").
    private static let pageStream: UInt64 = 0x7061_6765_732D_7631

    /// Gives the page a visual style (names with national characters go into the MRZ transliterated, ICAO
    /// 9303-3 §6) and, with probability `tamperedShare`, a forgery; a rebuilt MRZ becomes the printed lines.
    mutating func vary(tamperedShare: Double, using generator: inout SeededGenerator) {
        let style = VisualStyle.draw(using: &generator)
        if let surname = style.surname { fields.surname = LatinTransliteration.mrz(surname) }
        if let givenNames = style.givenNames { fields.givenNames = LatinTransliteration.mrz(givenNames) }
        fields.expiryDate = Self.expiry(issuedAfterBirth: fields, using: &generator)
        visual = style
        guard Double.random(in: 0..<1, using: &generator) < tamperedShare else { return }
        let forgery = Forgery.draw(fields, printedSurname: style.surname ?? fields.surname, using: &generator)
        if case .mrzRebuilt(let rebuilt) = forgery { printedLines = MRZComposer.compose(rebuilt) }
        self.forgery = forgery
    }

    /// The expiry of `fields`, or where the issue date it implies (expiry less validity) falls before the holder's
    /// birth, as the plain draw allows, one 1–12 years after the first birthday the document could be issued on:
    /// a varied page's three dates are in the order documents have them.
    private static func expiry(issuedAfterBirth fields: MRZFields, using generator: inout SeededGenerator) -> String {
        let validity = VisualZone.validityYears(fields.format)
        guard let birth = MRZDate(yymmdd: fields.birthDate, century: VisualZone.century(ofBirth: fields.birthDate)),
            let expiry = MRZDate(yymmdd: fields.expiryDate, century: 2000),
            expiry.addingYears(-validity) < birth
        else { return fields.expiryDate }
        // Only births after 1990 get here (expiries are 2000 or later), so the new expiry is too.
        return birth.addingYears(validity + Int.random(in: 1...12, using: &generator)).yymmdd
    }

    /// The scanner-bed scan: every choice as it has been since the first release (TestImages depend on it).
    private static func drawScan(index: Int, options: SynthOptions) -> ScanPlan {
        var generator = SeededGenerator(seed: scanSeed(options.seed, index))
        let format = options.formats[index % options.formats.count]
        let fields = SpecimenFactory.fields(format: format, using: &generator)
        let degradations = options.cleanOnly ? [] : pickDegradations(cleanShare: options.cleanShare, using: &generator)
        let dpi =
            degradations.contains(.lowDPI)
            ? 10 * Int.random(in: 10...13, using: &generator)
            : options.dpi ?? normalDPIs.randomElement(using: &generator)!
        let skew =
            degradations.contains(.skew)
            ? Double.random(in: 3...10, using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
            : Double.random(in: -1.5...1.5, using: &generator)
        return ScanPlan(
            index: index, number: index / options.formats.count + 1, fields: fields,
            degradations: degradations, dpi: dpi,
            rotation: degradations.lazy.compactMap(\.turn).first ?? 0,
            skewDegrees: (skew * 100).rounded() / 100, lookSeed: generator.next())
    }

    /// Office-scanner resolutions, mostly 150 dpi: small files, MRZ capitals about 14 pixels tall.
    private static let normalDPIs = [150, 150, 150, 150, 150, 150, 150, 160, 180, 200, 200, 300]

    /// A seed for scan `index` that shares no stretch of its SplitMix64 stream with its neighbours'.
    static func scanSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        var mixer = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        return mixer.next()
    }

    /// None for a clean scan, else one or two classes, at most one turn.
    private static func pickDegradations(cleanShare: Double, using generator: inout some RandomNumberGenerator)
        -> [Degradation]
    {
        guard Double.random(in: 0..<1, using: &generator) >= cleanShare else { return [] }
        let wanted = Double.random(in: 0..<1, using: &generator) < 0.6 ? 1 : 2
        var chosen: [Degradation] = []
        while chosen.count < wanted {
            let pick = Degradation.scannerDefects.randomElement(using: &generator)!
            if chosen.contains(pick) || (pick.turn != nil && chosen.contains { $0.turn != nil }) { continue }
            chosen.append(pick)
        }
        return Degradation.scannerDefects.filter(chosen.contains)
    }
}
