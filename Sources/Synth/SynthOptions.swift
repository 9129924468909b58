import MRZ
import OCR

/// What `docguard synth` should render.
public struct SynthOptions: Sendable {
    /// Number of scans.
    public var count: Int
    /// Seed of every random choice; the same seed gives the same bytes.
    public var seed: UInt64
    /// Formats, cycled evenly across the scans.
    public var formats: [MRZFormat]
    /// Resolution of scans that are not `low_dpi`; nil picks 150–300 dpi per scan.
    public var dpi: Int?
    /// Render every scan clean (no degradations, small skew only).
    public var cleanOnly: Bool
    /// Share of clean scans when `cleanOnly` is false.
    public var cleanShare: Double
    /// Write PNG rather than scanner-quality JPEG (scans with `jpeg` or `noise` stay JPEG, and so do photos,
    /// web copies and CMYK scans).
    public var lossless: Bool
    /// Real-world kinds (`Degradation.kinds`) the scans take in turn; empty for scanner-bed scans only.
    public var kinds: [Degradation]
    /// Frame size of `photo` scans in pixels.
    public var photoFrame: (width: Int, height: Int)
    /// Share of pages (0…1) that carry one forgery; above 0, every page also gets a varied visual zone (date and
    /// sex forms, national names). 0 renders the set as it has always been.
    public var tamperedShare: Double

    /// Options with every field given; defaults give all five ICAO formats, about 35 % clean scans, no
    /// real-world kinds, 12-megapixel photos and no tampered pages.
    public init(
        count: Int, seed: UInt64, formats: [MRZFormat] = MRZFormat.icao, dpi: Int? = nil,
        cleanOnly: Bool = false, cleanShare: Double = 0.35, lossless: Bool = false, kinds: [Degradation] = [],
        photoFrame: (width: Int, height: Int) = PhotoShot.twelveMegapixels, tamperedShare: Double = 0
    ) {
        self.count = count
        self.seed = seed
        self.formats = formats
        self.dpi = dpi
        self.cleanOnly = cleanOnly
        self.cleanShare = cleanShare
        self.lossless = lossless
        self.kinds = kinds
        self.photoFrame = photoFrame
        self.tamperedShare = tamperedShare
    }

    /// Throws when the options cannot be rendered.
    public func validate() throws {
        guard count >= 0 else { throw SynthError.badOptions("count must not be negative") }
        guard !formats.isEmpty else { throw SynthError.badOptions("no formats given") }
        if let national = formats.first(where: { !$0.isICAO }) {
            throw SynthError.badOptions(
                "\(national.rawValue) is read, not rendered; synth renders TD1, TD2, TD3, MRVA, MRVB")
        }
        if let dpi, !(72...600).contains(dpi) { throw SynthError.badOptions("dpi \(dpi) is outside 72–600") }
        if let other = kinds.first(where: { !Degradation.kinds.contains($0) }) {
            throw SynthError.badOptions("\(other.rawValue) is a scanner defect, not a kind of image")
        }
        guard (0...1).contains(tamperedShare) else {
            throw SynthError.badOptions("tampered share \(tamperedShare) is outside 0–1")
        }
        let (width, height) = photoFrame
        guard width >= 320, height >= 240, width * height <= ImageCodec.defaultPixelBudget else {
            throw SynthError.badOptions(
                "photo frame \(width)x\(height): at least 320x240, at most \(ImageCodec.defaultPixelBudget) pixels")
        }
    }
}
