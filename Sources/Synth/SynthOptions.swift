import MRZ

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
    /// Write PNG rather than scanner-quality JPEG (scans with `jpeg` or `noise` stay JPEG).
    public var lossless: Bool

    /// Options with every field given; defaults give all five ICAO formats and about 35 % clean scans.
    public init(count: Int, seed: UInt64, formats: [MRZFormat] = MRZFormat.icao, dpi: Int? = nil,
                cleanOnly: Bool = false, cleanShare: Double = 0.35, lossless: Bool = false) {
        self.count = count
        self.seed = seed
        self.formats = formats
        self.dpi = dpi
        self.cleanOnly = cleanOnly
        self.cleanShare = cleanShare
        self.lossless = lossless
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
    }
}
