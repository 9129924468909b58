/// One rendered glyph: an anti-aliased coverage mask and where it sits against the pen position.
struct Glyph: Sendable {
    /// Mask width in pixels.
    let width: Int
    /// Mask height in pixels.
    let height: Int
    /// Pixels from the pen position to the mask's left edge.
    let left: Int
    /// Pixels from the baseline up to the mask's top edge.
    let top: Int
    /// Horizontal advance in pixels.
    let advance: Double
    /// `width * height` coverage values, 0 = empty, 255 = full ink.
    let coverage: [UInt8]
}
