import MRZ

/// What makes a scan one of the real-world kinds of image a border post gets, beyond a scanner-bed scan:
/// the choices drawn for it (from a stream of its own, so scans without kinds stay as they were).
public enum ScanKind: Sendable, Equatable {
    /// A hand-held phone photo of the document lying on a table.
    case photo(PhotoShot)
    /// The scan made small for the web.
    case webCopy(WebCopy)
    /// The scan written as a CMYK JPEG (Adobe style).
    case cmyk
    /// The MRZ printed at a wider character pitch, `charactersPerInch` instead of OCR-B's 10.
    case widePitch(charactersPerInch: Double)
    /// A second document on the scanner bed beside the first.
    case twoDocuments(SecondDocument)
    /// The MRZ printed in the sans-serif monospaced face at `fontPath` instead of OCR-B.
    case sansFace(fontPath: String)

    /// The class the kind is recorded and tallied under.
    public var degradation: Degradation {
        switch self {
        case .photo: return .photo
        case .webCopy: return .webCopy
        case .cmyk: return .cmyk
        case .widePitch: return .widePitch
        case .twoDocuments: return .twoDocuments
        case .sansFace: return .sansFace
        }
    }

    /// The face the MRZ is printed in, when it is not OCR-B.
    var mrzFontPath: String? {
        if case .sansFace(let path) = self { return path }
        return nil
    }

    /// MRZ character pitch in millimetres.
    var mrzPitch: Double {
        if case .widePitch(let cpi) = self { return 25.4 / cpi }
        return DocumentLayout.mrzPitch
    }
}

/// How the phone saw the document: frame, camera pose, where the document lies, focus and compression.
public struct PhotoShot: Sendable, Equatable {
    /// Frame width in pixels (4000 for a 12 MP phone camera).
    public var frameWidth: Int
    /// Frame height in pixels (3000 for a 12 MP phone camera).
    public var frameHeight: Int
    /// How far the camera leans off the table's normal, degrees (0–28).
    public var tiltDegrees: Double
    /// Which way it leans: the direction, in the table's plane, of the axis the table turns about (0–360).
    public var tiltAxisDegrees: Double
    /// The document turned in its plane, degrees clockwise (0–360): it lies any way round on the table.
    public var rollDegrees: Double
    /// Share of the frame's area the document covers (about a third).
    public var areaShare: Double
    /// Where the document sits in the room left around it, −1 (left) … 1 (right).
    public var offsetX: Double
    /// Where the document sits in the room left around it, −1 (top) … 1 (bottom).
    public var offsetY: Double
    /// Radius of the focus blur in pixels of a 4000-pixel-wide frame (scaled with the frame).
    public var focusBlur: Double
    /// JPEG quality the phone saves at.
    public var quality: Int

    /// A 12-megapixel phone frame, 4000 × 3000.
    public static let twelveMegapixels = (width: 4000, height: 3000)

    /// The shot for a frame of `width` × `height`, its other choices drawn from `generator`.
    static func draw(width: Int, height: Int, using generator: inout some RandomNumberGenerator) -> PhotoShot {
        PhotoShot(
            frameWidth: width, frameHeight: height,
            tiltDegrees: twoDecimals(Double.random(in: 0...28, using: &generator)),
            tiltAxisDegrees: twoDecimals(Double.random(in: 0..<360, using: &generator)),
            rollDegrees: twoDecimals(Double.random(in: 0..<360, using: &generator)),
            areaShare: twoDecimals(Double.random(in: 0.28...0.38, using: &generator)),
            offsetX: twoDecimals(Double.random(in: -1...1, using: &generator)),
            offsetY: twoDecimals(Double.random(in: -1...1, using: &generator)),
            focusBlur: twoDecimals(Double.random(in: 0.6...2.2, using: &generator)),
            quality: Int.random(in: 80...92, using: &generator))
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
        let low = max(250, Int((6 * perCapital).rounded(.up)))
        let high = min(450, Int((10 * perCapital).rounded(.down)))
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

    /// Makes this plan one of `kind`, drawing its choices from `generator`. Photos and web copies are made
    /// without scanner defects (the camera and the editor bring their own); the other kinds keep theirs.
    mutating func adopt(_ kind: Degradation, options: SynthOptions, using generator: inout SeededGenerator) {
        switch kind {
        case .photo:
            let shot = PhotoShot.draw(
                width: options.photoFrame.width, height: options.photoFrame.height,
                using: &generator)
            let layout = DocumentLayout.of(fields.format)
            let geometry = PhotoGeometry(shot: shot, documentWidth: layout.width, documentHeight: layout.height)
            degradations = []
            dpi = max(30, 10 * Int((geometry.pixelsPerMM * 2.54).rounded()))
            let angle = geometry.mrzAngleDegrees(layout)
            rotation = (Int((angle / 90).rounded()) * 90 + 360) % 360
            var skew = angle - Double(rotation)
            while skew > 180 { skew -= 360 }
            while skew <= -180 { skew += 360 }
            skewDegrees = twoDecimals(skew)
            self.kind = .photo(shot)
        case .webCopy:
            let widths = WebCopy.pageWidths(documentWidthMM: DocumentLayout.of(fields.format).width)
            degradations = []
            rotation = 0
            skewDegrees = twoDecimals(Double.random(in: -1.5...1.5, using: &generator))
            dpi = max(dpi, 150)
            self.kind = .webCopy(
                WebCopy(
                    pageWidth: Int.random(in: widths, using: &generator),
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
            self.kind = .twoDocuments(
                SecondDocument(
                    fields: other, lookSeed: generator.next(), sideBySide: Bool.random(using: &generator),
                    skewDegrees: twoDecimals(Double.random(in: -1.5...1.5, using: &generator)),
                    gapMM: twoDecimals(Double.random(in: 4...15, using: &generator))))
        case .sansFace:
            self.kind = .sansFace(fontPath: FontRasterizer.sansMonoPaths.randomElement(using: &generator)!)
        default:
            break
        }
    }
}

/// Plan values keep two decimals, as truth files print them.
private func twoDecimals(_ value: Double) -> Double { (value * 100).rounded() / 100 }
