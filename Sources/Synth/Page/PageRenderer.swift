import Foundation
import MRZ
import OCR

/// Renders one specimen document, edge to edge, at its physical size: security background, title,
/// portrait, labelled visual zone and the MRZ in OCR-B at the ICAO position.
struct PageRenderer {
    let painter: TextPainter
    /// Draws the holder's data in the visual zone: `painter` unless a face of its own was given.
    let valuePainter: TextPainter
    /// Draws the MRZ: `painter` unless a face of its own was given.
    let mrzPainter: TextPainter
    let dpi: Int

    /// A renderer drawing with `font`, the visual zone's values with `valueFont` and the MRZ with `mrzFont` when
    /// given.
    init(font: FontRasterizer, valueFont: FontRasterizer? = nil, mrzFont: FontRasterizer? = nil, dpi: Int) throws {
        self.painter = try TextPainter(font: font, dpi: dpi)
        self.valuePainter = try valueFont.map { try TextPainter(font: $0, dpi: dpi) } ?? painter
        self.mrzPainter = try mrzFont.map { try TextPainter(font: $0, dpi: dpi) } ?? painter
        self.dpi = dpi
    }

    /// The document face for `fields` with MRZ `lines` printed `mrzPitch` mm apart (the document widened when
    /// they need more room than OCR-B's 2.54) and the visual zone printing `printed` (by default the values
    /// pages have always printed); look and extras drawn from `generator`, the same draws whatever the values.
    func render(
        _ fields: MRZFields, lines: [[UInt8]], mrzPitch: Double = DocumentLayout.mrzPitch,
        printed: PrintedValues? = nil,
        using generator: inout some RandomNumberGenerator
    ) throws -> ColorImage {
        let layout = DocumentLayout.of(fields.format)
            .withMRZPitch(mrzPitch, lineLength: lines.map(\.count).max() ?? 0)
        let ppmm = painter.pixelsPerMM
        var canvas = ColorImage(
            width: Int((layout.width * ppmm).rounded()),
            height: Int((layout.height * ppmm).rounded()), color: .white)
        let palette = Palette.random(using: &generator)
        BackgroundPattern.random(width: layout.width, height: layout.height, using: &generator)
            .paint(on: &canvas, palette: palette, pixelsPerMM: ppmm)
        try paintTitle(layout, fields, palette, on: &canvas)
        Portrait.paint(in: layout.photo, on: &canvas, pixelsPerMM: ppmm, using: &generator)
        let rows = VisualZone.rows(for: fields, printing: printed ?? .classic(fields), using: &generator)
        try paintFields(layout, rows, palette, shrinkToFit: printed != nil, on: &canvas)
        for (line, centre) in zip(lines, layout.mrzCentres) {
            try mrzPainter.draw(
                line, on: &canvas, x: layout.mrzLeft, baseline: centre + DocumentLayout.mrzCapHeight / 2,
                capHeight: DocumentLayout.mrzCapHeight, color: palette.mrz, pitch: mrzPitch)
        }
        return canvas
    }

    private func paintTitle(
        _ layout: DocumentLayout, _ fields: MRZFields, _ palette: Palette,
        on canvas: inout ColorImage
    ) throws {
        let cap = layout.valueCapHeight * 1.25
        let baseline = layout.photo.y - cap * 1.4
        try painter.draw(
            layout.title.utf8, on: &canvas, x: layout.photo.x, baseline: baseline, capHeight: cap,
            color: palette.label)
        let state = "STATE OF " + fields.issuingState.replacingOccurrences(of: "<", with: "")
        let stateWidth = try painter.width(of: state.utf8, capHeight: cap * 0.8)
        try painter.draw(
            state.utf8, on: &canvas, x: layout.width - 4 - stateWidth, baseline: baseline,
            capHeight: cap * 0.8, color: palette.label)
        let ppmm = painter.pixelsPerMM
        canvas.fillRoundedRect(
            x: layout.photo.x * ppmm, y: (baseline + cap * 0.5) * ppmm,
            width: (layout.width - layout.photo.x - 4) * ppmm, height: max(1, 0.2 * ppmm),
            radius: 0, palette.label, opacity: 0.6)
    }

    /// Draws the labelled fields; a value too wide for its field is cut, or with `shrinkToFit` first made
    /// smaller (down to 60 %) so that long varied dates such as `12 AOÛT/AUG 1974` still show whole.
    private func paintFields(
        _ layout: DocumentLayout, _ rows: [[VisualField]], _ palette: Palette, shrinkToFit: Bool,
        on canvas: inout ColorImage
    ) throws {
        let box = layout.fields
        let rowHeight = box.height / Double(rows.count)
        for (index, row) in rows.enumerated() {
            let top = box.y + Double(index) * rowHeight
            let totalWeight = row.reduce(0) { $0 + $1.weight }
            var left = box.x
            for field in row {
                let width = box.width * field.weight / totalWeight
                try painter.draw(
                    field.label.utf8, on: &canvas, x: left, baseline: top + layout.labelCapHeight,
                    capHeight: layout.labelCapHeight, color: palette.label)
                let capHeight =
                    shrinkToFit
                    ? try shrunk(field.value, width: width - 1, capHeight: layout.valueCapHeight)
                    : layout.valueCapHeight
                let value = try fitted(field.value, width: width - 1, capHeight: capHeight)
                try valuePainter.draw(
                    value, on: &canvas, x: left,
                    baseline: top + layout.labelCapHeight + 0.7 + layout.valueCapHeight,
                    capHeight: capHeight, color: palette.value)
                left += width
            }
        }
    }

    /// `text` cut to fit `width` mm.
    private func fitted(_ text: String, width: Double, capHeight: Double) throws -> String {
        var cut = text
        while !cut.isEmpty, try valuePainter.width(of: cut, capHeight: capHeight) > width { cut.removeLast() }
        return cut
    }

    /// The capital height at which `text` fits `width` mm: `capHeight`, or smaller down to 60 % of it.
    private func shrunk(_ text: String, width: Double, capHeight: Double) throws -> Double {
        let natural = try valuePainter.width(of: text, capHeight: capHeight)
        guard natural > width else { return capHeight }
        // 2 % to spare: hinted advances do not scale exactly with the size.
        return capHeight * max(0.6, 0.98 * width / natural)
    }
}
