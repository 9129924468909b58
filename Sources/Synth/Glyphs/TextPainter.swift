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
        try draw(
            codes: text.lazy.map(UInt32.init), on: &canvas, x: x, baseline: baseline, capHeight: capHeight,
            color: color, pitch: pitch, opacity: opacity)
    }

    /// Draws `text`, national characters and all, as the byte version draws ASCII.
    func draw(
        _ text: String, on canvas: inout ColorImage, x: Double, baseline: Double, capHeight: Double, color: RGB
    ) throws {
        try draw(
            codes: text.unicodeScalars.lazy.map(\.value), on: &canvas, x: x, baseline: baseline, capHeight: capHeight,
            color: color, pitch: nil, opacity: 1)
    }

    private func draw(
        codes: some Sequence<UInt32>, on canvas: inout ColorImage, x: Double, baseline: Double,
        capHeight: Double, color: RGB, pitch: Double?, opacity: Double
    ) throws {
        let pixelSize = capHeight * pixelsPerMM * emPerCapHeight
        var pen = x * pixelsPerMM
        let baselinePixel = Int((baseline * pixelsPerMM).rounded())
        for code in codes {
            let glyph = try font.glyph(code, pixelSize: pixelSize)
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
        try width(codes: text.lazy.map(UInt32.init), capHeight: capHeight)
    }

    /// Width in mm of `text`, national characters and all, drawn without a fixed pitch.
    func width(of text: String, capHeight: Double) throws -> Double {
        try width(codes: text.unicodeScalars.lazy.map(\.value), capHeight: capHeight)
    }

    private func width(codes: some Sequence<UInt32>, capHeight: Double) throws -> Double {
        let pixelSize = capHeight * pixelsPerMM * emPerCapHeight
        var total = 0.0
        for code in codes { total += try font.glyph(code, pixelSize: pixelSize).advance }
        return total / pixelsPerMM
    }
}
