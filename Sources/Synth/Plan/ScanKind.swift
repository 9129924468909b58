import MRZ

/// What makes a scan one of the real-world kinds of image a border post gets, beyond a scanner-bed scan:
/// the choices drawn for it (from a stream of its own, so scans without kinds stay as they were).
public enum ScanKind: Sendable, Equatable {
    /// The scan made small for the web.
    case webCopy(WebCopy)
    /// The scan written as a CMYK JPEG (Adobe style).
    case cmyk
    /// The MRZ printed at a wider character pitch, `charactersPerInch` instead of OCR-B's 10.
    case widePitch(charactersPerInch: Double)
    /// A second document on the scanner bed beside the first.
    case twoDocuments(SecondDocument)

    /// The class the kind is recorded and tallied under.
    public var degradation: Degradation {
        switch self {
        case .webCopy: return .webCopy
        case .cmyk: return .cmyk
        case .widePitch: return .widePitch
        case .twoDocuments: return .twoDocuments
        }
    }

    /// MRZ character pitch in millimetres.
    var mrzPitch: Double {
        if case .widePitch(let cpi) = self { return 25.4 / cpi }
        return DocumentLayout.mrzPitch
    }
}

/// How a scan is made into a small web copy.
public struct WebCopy: Sendable, Equatable {
    /// Width of the document in the copy, pixels (250–450, so that MRZ capitals are 6–10 pixels tall).
    public var pageWidth: Int
    /// JPEG quality (30–60).
    public var quality: Int

    /// Document widths in pixels that keep the page 250–450 pixels wide and MRZ capitals 6–10 pixels tall.
    static func pageWidths(documentWidthMM: Double) -> ClosedRange<Int> {
        let perCapital = documentWidthMM / DocumentLayout.mrzCapHeight
        let low = max(250, Int((6 * perCapital).rounded(.up))), high = min(450, Int((10 * perCapital).rounded(.down)))
        return low...max(low, high)
    }
}

/// The other document on a bed that holds two.
public struct SecondDocument: Sendable, Equatable {
    /// Its data (another holder, possibly another format).
    public var fields: MRZFields
    /// Seed of its look.
    public var lookSeed: UInt64
    /// Beside the first (true) or below it (false).
    public var sideBySide: Bool
    /// Its own small skew, degrees clockwise.
    public var skewDegrees: Double
    /// Gap between the two documents, millimetres.
    public var gapMM: Double
}

extension ScanPlan {
    /// The kind scan `index` gets among `kinds`: they take turns within each format, so every format meets
    /// every kind.
    static func kind(index: Int, options: SynthOptions) -> Degradation? {
        guard !options.kinds.isEmpty else { return nil }
        return options.kinds[(index / options.formats.count) % options.kinds.count]
    }

    /// Makes this plan one of `kind`, drawing its choices from `generator`. Web copies are made without
    /// scanner defects (the editor brings its own); the other kinds keep theirs.
    mutating func adopt(_ kind: Degradation, options: SynthOptions, using generator: inout SeededGenerator) {
        switch kind {
        case .webCopy:
            let widths = WebCopy.pageWidths(documentWidthMM: DocumentLayout.of(fields.format).width)
            degradations = []
            rotation = 0
            skewDegrees = twoDecimals(Double.random(in: -1.5...1.5, using: &generator))
            dpi = max(dpi, 150)
            self.kind = .webCopy(WebCopy(pageWidth: Int.random(in: widths, using: &generator),
                                         quality: Int.random(in: 30...60, using: &generator)))
        case .cmyk:
            self.kind = .cmyk
        case .widePitch:
            self.kind = .widePitch(charactersPerInch: (Double.random(in: 8...9, using: &generator) * 20).rounded() / 20)
        case .twoDocuments:
            let format = options.formats.randomElement(using: &generator)!
            var other = SpecimenFactory.fields(format: format, using: &generator)
            while MRZComposer.compose(other) == MRZComposer.compose(fields) {
                other = SpecimenFactory.fields(format: format, using: &generator)
            }
            self.kind = .twoDocuments(SecondDocument(
                fields: other, lookSeed: generator.next(), sideBySide: Bool.random(using: &generator),
                skewDegrees: twoDecimals(Double.random(in: -1.5...1.5, using: &generator)),
                gapMM: twoDecimals(Double.random(in: 4...15, using: &generator))))
        default:
            break
        }
    }
}

/// Plan values keep two decimals, as truth files print them.
private func twoDecimals(_ value: Double) -> Double { (value * 100).rounded() / 100 }
