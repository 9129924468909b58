import Foundation
import OCR

/// Uneven illumination (a lifted lid, a lamp at an angle): brightness falls across the page along a
/// random direction and towards the corners.
enum UnevenLight {
    /// Darkens `image` by up to `depth` (0…1) along a random direction, with a vignette.
    static func apply(_ image: inout ColorImage, using generator: inout some RandomNumberGenerator) {
        let w = Double(image.width)
        let h = Double(image.height)
        let direction = Double.random(in: 0...(2 * .pi), using: &generator)
        let depth = Double.random(in: 0.25...0.45, using: &generator)
        let vignette = Double.random(in: 0.05...0.2, using: &generator)
        let dx = cos(direction)
        let dy = sin(direction)
        let span = abs(dx) * w + abs(dy) * h
        let width = image.width
        let height = image.height
        image.rgb.withUnsafeMutableBufferPointer { rgb in
            for y in 0..<height {
                for x in 0..<width {
                    let px = Double(x) - w / 2
                    let py = Double(y) - h / 2
                    let along = (px * dx + py * dy) / span + 0.5  // 0 at the bright side, 1 at the dark
                    let r2 = (px * px) / (w * w / 4) + (py * py) / (h * h / 4)
                    let factor = (1 - depth * along * along) * (1 - vignette * r2 / 2)
                    let i = 3 * (y * width + x)
                    for c in 0..<3 { rgb[i + c] = UInt8((Double(rgb[i + c]) * factor).rounded()) }
                }
            }
        }
    }
}
