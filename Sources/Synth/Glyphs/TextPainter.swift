import OCR

/// Draws lines of text into a canvas with glyphs from a `FontRasterizer`.
struct TextPainter {
    let font: FontRasterizer
    /// Pixels per millimetre of the page being drawn.
    let pixelsPerMM: Double
    /// Em size per unit of capital height, so text is sized by the height of its capitals.
    let emPerCapHeight: Double

    init(font: FontRasterizer, dpi: Int) throws {
        self.font = font
        self.pixelsPerMM = Double(dpi) / 25.4
        self.emPerCapHeight = 1 / (try font.capHeightPerEm())
    }

    /// Draws `text` with its left edge at `x` mm and baseline at `baseline` mm, capitals `capHeight`
    /// mm tall. With `pitch`, every character takes a cell of that many mm, the glyph centred in it
    /// (the fixed spacing of the MRZ, ICAO 9303-3 §4.4).
    func draw(
        _ text: some Sequence<UInt8>, on canvas: inout ColorImage, x: Double, baseline: Double,
        capHeight: Double, color: RGB, pitch: Double? = nil, opacity: Double = 1
    ) throws {
        let pixelSize = capHeight * pixelsPerMM * emPerCapHeight
        var pen = x * pixelsPerMM
        let baselinePixel = Int((baseline * pixelsPerMM).rounded())
        for byte in text {
            let glyph = try font.glyph(byte, pixelSize: pixelSize)
            let cell = pitch.map { $0 * pixelsPerMM } ?? glyph.advance
            let origin = Int((pen + (cell - glyph.advance) / 2).rounded()) + glyph.left
            let top = baselinePixel - glyph.top
            for row in 0..<glyph.height {
                for column in 0..<glyph.width {
                    let value = glyph.coverage[row * glyph.width + column]
                    if value > 0 {
                        canvas.blend(origin + column, top + row, color, Double(value) / 255 * opacity)
                    }
                }
            }
            pen += cell
        }
    }

    /// Width in mm of `text` drawn without a fixed pitch.
    func width(of text: some Sequence<UInt8>, capHeight: Double) throws -> Double {
        let pixelSize = capHeight * pixelsPerMM * emPerCapHeight
        var total = 0.0
        for byte in text { total += try font.glyph(byte, pixelSize: pixelSize).advance }
        return total / pixelsPerMM
    }
}
