import Foundation
import OCR

/// Lays a rendered document (or two) on a flatbed scanner: a larger light-grey bed, the document placed at
/// random within it, turned by a small skew, with rounded corners and a soft shadow along its edges.
enum ScannerBed {
    /// The bed image holding `page`, skewed `skewDegrees` clockwise about its centre.
    static func place(
        _ page: ColorImage, skewDegrees: Double, pixelsPerMM: Double,
        using generator: inout some RandomNumberGenerator
    ) -> ColorImage {
        let w = Double(page.width)
        let h = Double(page.height)
        let angle = skewDegrees * .pi / 180
        let cosA = cos(angle)
        let sinA = sin(angle)
        let boundsW = w * abs(cosA) + h * abs(sinA)
        let boundsH = w * abs(sinA) + h * abs(cosA)
        let marginX = w * Double.random(in: 0.08...0.2, using: &generator)
        let marginY = h * Double.random(in: 0.08...0.2, using: &generator)
        let bedW = Int((boundsW + marginX).rounded())
        let bedH = Int((boundsH + marginY).rounded())
        // Document centre on the bed: anywhere that keeps the whole document on it.
        let centreX = boundsW / 2 + marginX * Double.random(in: 0.1...0.9, using: &generator)
        let centreY = boundsH / 2 + marginY * Double.random(in: 0.1...0.9, using: &generator)
        let grey = Double.random(in: 226...248, using: &generator)
        let greenShift = Double.random(in: -2...2, using: &generator)
        let bed = RGB(grey, grey + greenShift, grey + Double.random(in: 0...4, using: &generator))
        let radius = 3.18 * pixelsPerMM
        let shadowOffset = 0.4 * pixelsPerMM
        let shadowSoftness = 0.8 * pixelsPerMM
        let shadowStrength = Double.random(in: 0.12...0.3, using: &generator)

        return composite(
            [Placement(page: page, centreX: centreX, centreY: centreY, cosA: cosA, sinA: sinA)],
            bedWidth: bedW, bedHeight: bedH, bed: bed, radius: radius, shadowOffset: shadowOffset,
            shadowSoftness: shadowSoftness, shadowStrength: shadowStrength)
    }

    /// The bed image holding two documents, `first` left of `second` (`sideBySide`) or above it, `gap` pixels
    /// apart, each skewed clockwise about its own centre.
    static func place(
        _ first: ColorImage, skewDegrees: Double, beside second: ColorImage,
        skewDegrees secondSkew: Double, sideBySide: Bool, gap: Double, pixelsPerMM: Double,
        using generator: inout some RandomNumberGenerator
    ) -> ColorImage {
        func bounds(_ page: ColorImage, _ skew: Double) -> (w: Double, h: Double, cos: Double, sin: Double) {
            let angle = skew * .pi / 180
            let (cosA, sinA) = (cos(angle), sin(angle))
            let w = Double(page.width)
            let h = Double(page.height)
            return (w * abs(cosA) + h * abs(sinA), w * abs(sinA) + h * abs(cosA), cosA, sinA)
        }
        let a = bounds(first, skewDegrees)
        let b = bounds(second, secondSkew)
        let marginX = Double(max(first.width, second.width)) * Double.random(in: 0.08...0.2, using: &generator)
        let marginY = Double(max(first.height, second.height)) * Double.random(in: 0.08...0.2, using: &generator)
        // Along the row (or column) the two follow each other; across it each sits anywhere on the bed.
        let along = sideBySide ? (a.w, b.w) : (a.h, b.h)
        let across = sideBySide ? (a.h, b.h) : (a.w, b.w)
        let alongMargin = sideBySide ? marginX : marginY
        let acrossMargin = sideBySide ? marginY : marginX
        let bedAlong = along.0 + gap + along.1 + alongMargin
        let bedAcross = max(across.0, across.1) + acrossMargin
        let start = alongMargin * Double.random(in: 0.1...0.9, using: &generator)
        let alongCentres = (start + along.0 / 2, start + along.0 + gap + along.1 / 2)
        let acrossCentres = (
            across.0 / 2 + (bedAcross - across.0) * Double.random(in: 0.1...0.9, using: &generator),
            across.1 / 2 + (bedAcross - across.1) * Double.random(in: 0.1...0.9, using: &generator)
        )
        let grey = Double.random(in: 226...248, using: &generator)
        let greenShift = Double.random(in: -2...2, using: &generator)
        let bed = RGB(grey, grey + greenShift, grey + Double.random(in: 0...4, using: &generator))
        let (bedW, bedH) = sideBySide ? (bedAlong, bedAcross) : (bedAcross, bedAlong)
        func centre(_ along: Double, _ across: Double) -> (Double, Double) {
            sideBySide ? (along, across) : (across, along)
        }
        let (firstX, firstY) = centre(alongCentres.0, acrossCentres.0)
        let (secondX, secondY) = centre(alongCentres.1, acrossCentres.1)
        return composite(
            [
                Placement(page: first, centreX: firstX, centreY: firstY, cosA: a.cos, sinA: a.sin),
                Placement(page: second, centreX: secondX, centreY: secondY, cosA: b.cos, sinA: b.sin),
            ],
            bedWidth: Int(bedW.rounded()), bedHeight: Int(bedH.rounded()), bed: bed, radius: 3.18 * pixelsPerMM,
            shadowOffset: 0.4 * pixelsPerMM, shadowSoftness: 0.8 * pixelsPerMM,
            shadowStrength: Double.random(in: 0.12...0.3, using: &generator))
    }

    /// A document on the bed: its centre there and the cosine and sine of its skew.
    private struct Placement {
        let page: ColorImage
        let centreX: Double
        let centreY: Double
        let cosA: Double
        let sinA: Double
    }

    /// The bed with each document laid on it in turn: its shadow, then the document itself. The first starts
    /// from the bed colour unrounded, so one document gives exactly the bytes it always has.
    private static func composite(
        _ placements: [Placement], bedWidth bedW: Int, bedHeight bedH: Int, bed: RGB,
        radius: Double, shadowOffset: Double, shadowSoftness: Double,
        shadowStrength: Double
    ) -> ColorImage {
        var rgb = [UInt8](repeating: 0, count: bedW * bedH * 3)
        for (number, placement) in placements.enumerated() {
            let page = placement.page
            let centreX = placement.centreX
            let centreY = placement.centreY
            let cosA = placement.cosA
            let sinA = placement.sinA
            let w = Double(page.width)
            let h = Double(page.height)
            page.rgb.withUnsafeBufferPointer { source in
                rgb.withUnsafeMutableBufferPointer { out in
                    for y in 0..<bedH {
                        for x in 0..<bedW {
                            let i = 3 * (y * bedW + x)
                            let under = number == 0 ? bed : RGB(Double(out[i]), Double(out[i + 1]), Double(out[i + 2]))
                            // Inverse rotation: bed pixel centre to document coordinates.
                            let dx = Double(x) + 0.5 - centreX
                            let dy = Double(y) + 0.5 - centreY
                            let u = dx * cosA + dy * sinA + w / 2
                            let v = -dx * sinA + dy * cosA + h / 2
                            let shadowDistance = Shape.roundedRectDistance(
                                u - shadowOffset, v - shadowOffset, w, h, radius)
                            let shade = shadowStrength * max(0, min(1, 1 - shadowDistance / shadowSoftness))
                            var r = under.r * (1 - shade)
                            var g = under.g * (1 - shade)
                            var b = under.b * (1 - shade)
                            let alpha = Shape.coverage(Shape.roundedRectDistance(u, v, w, h, radius))
                            if alpha > 0 {
                                let sampled = bilinear(source, page.width, page.height, u - 0.5, v - 0.5)
                                r = r * (1 - alpha) + sampled.r * alpha
                                g = g * (1 - alpha) + sampled.g * alpha
                                b = b * (1 - alpha) + sampled.b * alpha
                            }
                            out[i] = UInt8(r.rounded())
                            out[i + 1] = UInt8(g.rounded())
                            out[i + 2] = UInt8(b.rounded())
                        }
                    }
                }
            }
        }
        return ColorImage(width: bedW, height: bedH, rgb: rgb)
    }

    /// Bilinear colour at a real position, clamped to the image's edge pixels.
    @inline(__always)
    static func bilinear(
        _ p: UnsafeBufferPointer<UInt8>, _ width: Int, _ height: Int,
        _ x: Double, _ y: Double
    ) -> RGB {
        let cx = max(0, min(Double(width - 1), x))
        let cy = max(0, min(Double(height - 1), y))
        let x0 = min(Int(cx), width - 2 < 0 ? 0 : width - 2)
        let y0 = min(Int(cy), height - 2 < 0 ? 0 : height - 2)
        let fx = cx - Double(x0)
        let fy = cy - Double(y0)
        let i00 = 3 * (y0 * width + x0)
        let i10 = i00 + 3
        let i01 = i00 + 3 * width
        let i11 = i01 + 3
        func channel(_ c: Int) -> Double {
            let top = Double(p[i00 + c]) * (1 - fx) + Double(p[i10 + c]) * fx
            let bottom = Double(p[i01 + c]) * (1 - fx) + Double(p[i11 + c]) * fx
            return top * (1 - fy) + bottom * fy
        }
        return RGB(channel(0), channel(1), channel(2))
    }
}
