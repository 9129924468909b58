import OCR

/// A stand-in portrait: a pale backdrop with a grey head-and-shoulders silhouette.
enum Portrait {
    /// Paints the portrait into `box` (mm) on `canvas`.
    static func paint(
        in box: Box, on canvas: inout ColorImage, pixelsPerMM: Double,
        using generator: inout some RandomNumberGenerator
    ) {
        let x = box.x * pixelsPerMM
        let y = box.y * pixelsPerMM
        let w = box.width * pixelsPerMM
        let h = box.height * pixelsPerMM
        let backdrop = Double.random(in: 200...232, using: &generator)
        canvas.fillRoundedRect(
            x: x, y: y, width: w, height: h, radius: 0.5 * pixelsPerMM,
            RGB(backdrop, backdrop + 4, backdrop + 10))
        let skin = Double.random(in: 110...190, using: &generator)
        let hair = Double.random(in: 30...110, using: &generator)
        let suit = Double.random(in: 40...120, using: &generator)
        let cx = x + w * Double.random(in: 0.46...0.54, using: &generator)
        // Shoulders, clipped to the photo by painting only inside the box.
        let shoulders = RGB(suit, suit, suit + 8)
        canvas.paint(x0: x, y0: y + h * 0.7, x1: x + w, y1: y + h, shoulders) { px, py in
            let dx = (px - cx) / (w * 0.48)
            let dy = (py - (y + h * 1.02)) / (h * 0.3)
            let inside = px >= x && px < x + w && py < y + h
            return inside ? Shape.coverage(((dx * dx + dy * dy).squareRoot() - 1) * w * 0.3) : 0
        }
        canvas.fillRoundedRect(
            x: cx - w * 0.09, y: y + h * 0.55, width: w * 0.18, height: h * 0.2,
            radius: w * 0.05, RGB(skin * 0.9, skin * 0.85, skin * 0.8))
        canvas.fillEllipse(cx: cx, cy: y + h * 0.4, rx: w * 0.25, ry: h * 0.26, RGB(hair, hair * 0.9, hair * 0.8))
        canvas.fillEllipse(cx: cx, cy: y + h * 0.45, rx: w * 0.21, ry: h * 0.24, RGB(skin, skin * 0.92, skin * 0.85))
        for side in [-1.0, 1.0] {
            canvas.fillEllipse(
                cx: cx + side * w * 0.08, cy: y + h * 0.42, rx: w * 0.03, ry: h * 0.012,
                RGB(40, 36, 34), opacity: 0.8)
        }
        canvas.fillEllipse(cx: cx, cy: y + h * 0.56, rx: w * 0.06, ry: h * 0.01, RGB(skin * 0.6, 60, 60), opacity: 0.7)
        canvas.strokeRect(
            x: x, y: y, width: w, height: h, thickness: max(1, 0.15 * pixelsPerMM),
            RGB(120, 120, 130), opacity: 0.6)
    }
}
