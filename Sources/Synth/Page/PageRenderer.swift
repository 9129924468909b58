import Foundation
import MRZ
import OCR

/// Renders one specimen document, edge to edge, at its physical size: security background, title,
/// portrait, labelled visual zone and the MRZ in OCR-B at the ICAO position.
struct PageRenderer {
    let painter: TextPainter
    let dpi: Int

    init(font: FontRasterizer, dpi: Int) throws {
        self.painter = try TextPainter(font: font, dpi: dpi)
        self.dpi = dpi
    }

    /// The document face for `fields` with MRZ `lines` printed `mrzPitch` mm apart (the document widened when
    /// they need more room than OCR-B's 2.54); look and extras drawn from `generator`.
    func render(
        _ fields: MRZFields, lines: [[UInt8]], mrzPitch: Double = DocumentLayout.mrzPitch,
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
        try paintFields(layout, VisualZone.rows(for: fields, using: &generator), palette, on: &canvas)
        for (line, centre) in zip(lines, layout.mrzCentres) {
            try painter.draw(
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

    private func paintFields(
        _ layout: DocumentLayout, _ rows: [[VisualField]], _ palette: Palette,
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
                let value = try fitted(field.value, width: width - 1, capHeight: layout.valueCapHeight)
                try painter.draw(
                    value.utf8, on: &canvas, x: left,
                    baseline: top + layout.labelCapHeight + 0.7 + layout.valueCapHeight,
                    capHeight: layout.valueCapHeight, color: palette.value)
                left += width
            }
        }
    }

    /// `text` cut to fit `width` mm.
    private func fitted(_ text: String, width: Double, capHeight: Double) throws -> String {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty, try painter.width(of: bytes, capHeight: capHeight) > width { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
