import Foundation
import OCR

/// Lays a rendered document on a flatbed scanner: a larger light-grey bed, the document placed at
/// random within it, turned by a small skew, with rounded corners and a soft shadow along its edges.
enum ScannerBed {
    /// The bed image holding `page`, skewed `skewDegrees` clockwise about its centre.
    static func place(_ page: ColorImage, skewDegrees: Double, pixelsPerMM: Double,
                      using generator: inout some RandomNumberGenerator) -> ColorImage {
        let w = Double(page.width), h = Double(page.height)
        let angle = skewDegrees * .pi / 180
        let cosA = cos(angle), sinA = sin(angle)
        let boundsW = w * abs(cosA) + h * abs(sinA), boundsH = w * abs(sinA) + h * abs(cosA)
        let marginX = w * Double.random(in: 0.08...0.2, using: &generator)
        let marginY = h * Double.random(in: 0.08...0.2, using: &generator)
        let bedW = Int((boundsW + marginX).rounded()), bedH = Int((boundsH + marginY).rounded())
        // Document centre on the bed: anywhere that keeps the whole document on it.
        let centreX = boundsW / 2 + marginX * Double.random(in: 0.1...0.9, using: &generator)
        let centreY = boundsH / 2 + marginY * Double.random(in: 0.1...0.9, using: &generator)
        let grey = Double.random(in: 226...248, using: &generator)
        let greenShift = Double.random(in: -2...2, using: &generator)
        let bed = RGB(grey, grey + greenShift, grey + Double.random(in: 0...4, using: &generator))
        let radius = 3.18 * pixelsPerMM
        let shadowOffset = 0.4 * pixelsPerMM, shadowSoftness = 0.8 * pixelsPerMM
        let shadowStrength = Double.random(in: 0.12...0.3, using: &generator)

        var rgb = [UInt8](repeating: 0, count: bedW * bedH * 3)
        page.rgb.withUnsafeBufferPointer { source in
            rgb.withUnsafeMutableBufferPointer { out in
                for y in 0..<bedH {
                    for x in 0..<bedW {
                        // Inverse rotation: bed pixel centre to document coordinates.
                        let dx = Double(x) + 0.5 - centreX, dy = Double(y) + 0.5 - centreY
                        let u = dx * cosA + dy * sinA + w / 2, v = -dx * sinA + dy * cosA + h / 2
                        let shadowDistance = Shape.roundedRectDistance(u - shadowOffset, v - shadowOffset, w, h, radius)
                        let shade = shadowStrength * max(0, min(1, 1 - shadowDistance / shadowSoftness))
                        var r = bed.r * (1 - shade), g = bed.g * (1 - shade), b = bed.b * (1 - shade)
                        let alpha = Shape.coverage(Shape.roundedRectDistance(u, v, w, h, radius))
                        if alpha > 0 {
                            let sampled = bilinear(source, page.width, page.height, u - 0.5, v - 0.5)
                            r = r * (1 - alpha) + sampled.r * alpha
                            g = g * (1 - alpha) + sampled.g * alpha
                            b = b * (1 - alpha) + sampled.b * alpha
                        }
                        let i = 3 * (y * bedW + x)
                        out[i] = UInt8(r.rounded())
                        out[i + 1] = UInt8(g.rounded())
                        out[i + 2] = UInt8(b.rounded())
                    }
                }
            }
        }
        return ColorImage(width: bedW, height: bedH, rgb: rgb)
    }

    /// Bilinear colour at a real position, clamped to the image's edge pixels.
    @inline(__always)
    private static func bilinear(_ p: UnsafeBufferPointer<UInt8>, _ width: Int, _ height: Int,
                                 _ x: Double, _ y: Double) -> RGB {
        let cx = max(0, min(Double(width - 1), x)), cy = max(0, min(Double(height - 1), y))
        let x0 = min(Int(cx), width - 2 < 0 ? 0 : width - 2), y0 = min(Int(cy), height - 2 < 0 ? 0 : height - 2)
        let fx = cx - Double(x0), fy = cy - Double(y0)
        let i00 = 3 * (y0 * width + x0), i10 = i00 + 3, i01 = i00 + 3 * width, i11 = i01 + 3
        func channel(_ c: Int) -> Double {
            let top = Double(p[i00 + c]) * (1 - fx) + Double(p[i10 + c]) * fx
            let bottom = Double(p[i01 + c]) * (1 - fx) + Double(p[i11 + c]) * fx
            return top * (1 - fy) + bottom * fy
        }
        return RGB(channel(0), channel(1), channel(2))
    }
}
