import Foundation
import OCR

/// Guilloche-like security printing: two families of interlaced wavy lines across the whole page
/// (the MRZ zone too, as on real documents) and a rosette, in a light tint over a paper gradient.
struct BackgroundPattern: Sendable {
    /// Spacing of the wavy lines in mm.
    let spacing: Double
    /// Wavelengths (mm) and amplitudes (in line spacings) of the two sine terms of each family.
    let waves: [(length: Double, amplitude: Double, phase: Double)]
    /// Rosette centre in mm, its ring spacing in mm, lobe count and lobe depth (ring spacings).
    let rosette: (x: Double, y: Double, radius: Double, spacing: Double, lobes: Double, depth: Double)
    /// Line width in mm.
    let lineWidth: Double
    /// How strongly the lines print, 0…1.
    let strength: Double

    /// A pattern for a `width`×`height` mm document.
    static func random(width: Double, height: Double, using generator: inout some RandomNumberGenerator)
        -> BackgroundPattern
    {
        func wave() -> (Double, Double, Double) {
            (
                Double.random(in: 18...60, using: &generator), Double.random(in: 0.8...3.5, using: &generator),
                Double.random(in: 0...(2 * .pi), using: &generator)
            )
        }
        return BackgroundPattern(
            spacing: Double.random(in: 1.2...2.0, using: &generator),
            waves: (0..<4).map { _ in wave() },
            rosette: (
                x: width * Double.random(in: 0.45...0.8, using: &generator),
                y: height * Double.random(in: 0.3...0.6, using: &generator),
                radius: height * Double.random(in: 0.18...0.3, using: &generator),
                spacing: Double.random(in: 0.8...1.4, using: &generator),
                lobes: Double(Int.random(in: 8...18, using: &generator)),
                depth: Double.random(in: 1.5...4, using: &generator)
            ),
            lineWidth: Double.random(in: 0.08...0.14, using: &generator),
            strength: Double.random(in: 0.25...0.4, using: &generator))
    }

    /// Paints paper and pattern over the whole canvas; `pixelsPerMM` converts the mm above.
    func paint(on canvas: inout ColorImage, palette: Palette, pixelsPerMM: Double) {
        let width = canvas.width
        let height = canvas.height
        // A whole number of pixels between lines makes rows repeat exactly, which PNG compresses well.
        let spacingPx = max(3, (spacing * pixelsPerMM).rounded())
        // Below one pixel a line cannot get thinner, only fainter.
        let halfLine = max(lineWidth * pixelsPerMM, 1) / 2
        let fade = min(1, lineWidth * pixelsPerMM)
        // The wave offsets depend on x only: one table per family.
        var offsetA = [Double](repeating: 0, count: width)
        var offsetB = [Double](repeating: 0, count: width)
        for x in 0..<width {
            let mm = (Double(x) + 0.5) / pixelsPerMM
            func term(_ i: Int) -> Double {
                waves[i].amplitude * sin(2 * .pi * mm / waves[i].length + waves[i].phase)
            }
            offsetA[x] = term(0) + term(1)
            offsetB[x] = -term(0) * 0.8 + term(2) - term(3) * 0.5
        }
        let centreX = rosette.x * pixelsPerMM
        let centreY = rosette.y * pixelsPerMM
        let radius = rosette.radius * pixelsPerMM
        let ringPx = rosette.spacing * pixelsPerMM
        let ink = palette.pattern
        canvas.rgb.withUnsafeMutableBufferPointer { rgb in
            for y in 0..<height {
                let rowPhase = (Double(y) + 0.5) / spacingPx
                for x in 0..<width {
                    let t = Double(x) / Double(max(width - 1, 1))
                    let paper = palette.paperLeft.mixed(with: palette.paperRight, t)
                    var cover = lineCoverage(rowPhase + offsetA[x], spacingPx, halfLine)
                    cover = max(cover, lineCoverage(rowPhase + offsetB[x] + 0.5, spacingPx, halfLine))
                    let dx = Double(x) + 0.5 - centreX
                    let dy = Double(y) + 0.5 - centreY
                    let r2 = dx * dx + dy * dy
                    if r2 < radius * radius {
                        let r = r2.squareRoot()
                        let ring = r / ringPx + rosette.depth * sin(rosette.lobes * atan2(dy, dx)) * (r / radius)
                        cover = max(cover, lineCoverage(ring, ringPx, halfLine) * (1 - r / radius * 0.6))
                    }
                    let a = cover * strength * fade
                    let i = 3 * (y * width + x)
                    rgb[i] = UInt8((paper.r * (1 - a) + ink.r * a).rounded())
                    rgb[i + 1] = UInt8((paper.g * (1 - a) + ink.g * a).rounded())
                    rgb[i + 2] = UInt8((paper.b * (1 - a) + ink.b * a).rounded())
                }
            }
        }
    }

    /// Coverage of the pixel whose line phase is `phase` (lines at whole numbers, `periodPx` apart).
    @inline(__always)
    private func lineCoverage(_ phase: Double, _ periodPx: Double, _ halfLine: Double) -> Double {
        let fraction = phase - phase.rounded(.down)
        let distance = min(fraction, 1 - fraction) * periodPx
        // A soft edge, as printed ink looks through scanner optics; hard edges also cost JPEG bytes.
        return max(0, min(1, (halfLine + 1 - distance) / 1.5))
    }
}
