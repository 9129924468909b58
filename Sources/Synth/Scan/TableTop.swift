import Foundation

/// The table a document is photographed on, in the table's own millimetres (so the camera's perspective
/// applies to it too): wood with its grain, or a plain desk top with a faint mottle.
struct TableTop {
    /// Base colour.
    let base: RGB
    /// Grain stripes: direction (unit), period in mm, contrast, warp; contrast 0 for a plain top.
    let grain: (dx: Double, dy: Double, period: Double, contrast: Double, warp: Double)
    /// Large-scale mottle contrast.
    let mottle: Double
    /// Lattice hash seed of the noise.
    let seed: UInt64

    private static let woods = [RGB(150, 100, 60), RGB(120, 78, 45), RGB(186, 140, 92), RGB(92, 60, 38)]
    private static let desks = [RGB(228, 226, 220), RGB(60, 62, 66), RGB(170, 172, 170), RGB(205, 190, 160)]

    /// A wood or desk top drawn from `generator`.
    static func random(using generator: inout some RandomNumberGenerator) -> TableTop {
        let wood = Bool.random(using: &generator)
        let base = (wood ? woods : desks).randomElement(using: &generator)!
        let angle = Double.random(in: 0..<(.pi), using: &generator)
        return TableTop(
            base: base,
            grain: (
                cos(angle), sin(angle), Double.random(in: 2.5...7, using: &generator),
                wood ? Double.random(in: 0.2...0.4, using: &generator) : 0,
                Double.random(in: 1...3, using: &generator)
            ),
            mottle: Double.random(in: 0.03...0.08, using: &generator), seed: generator.next())
    }

    /// The table's colour at (x, y) mm.
    @inline(__always)
    func colour(atMM x: Double, _ y: Double) -> RGB {
        let along = x * grain.dx + y * grain.dy
        let across = y * grain.dx - x * grain.dy
        var factor = 1 + mottle * (2 * noise(x / 60, y / 60) - 1)
        if grain.contrast > 0 {
            // Growth rings cut lengthwise: narrow dark lines across the grain, bent by slow noise along it and
            // spaced unevenly, over fine fibres running with the grain.
            let ring =
                across / grain.period + grain.warp * noise(along / 80, across / 15)
                + 2 * noise(along / 400, across / 60)
            let line = 0.5 + 0.5 * sin(2 * .pi * ring)
            factor *= 1 - grain.contrast * (line * line * line + 0.4 * noise(along / 25, across / 0.4))
        }
        return RGB(base.r * factor, base.g * factor, base.b * factor)
    }

    /// Smooth value noise in 0…1 on a unit lattice.
    @inline(__always)
    private func noise(_ x: Double, _ y: Double) -> Double {
        let x0 = x.rounded(.down)
        let y0 = y.rounded(.down)
        let fx = x - x0
        let fy = y - y0
        let sx = fx * fx * (3 - 2 * fx)
        let sy = fy * fy * (3 - 2 * fy)
        let ix = Int64(x0)
        let iy = Int64(y0)
        let top = lattice(ix, iy) * (1 - sx) + lattice(ix + 1, iy) * sx
        let bottom = lattice(ix, iy + 1) * (1 - sx) + lattice(ix + 1, iy + 1) * sx
        return top * (1 - sy) + bottom * sy
    }

    /// A fixed random value in 0…1 for a lattice point.
    @inline(__always)
    private func lattice(_ x: Int64, _ y: Int64) -> Double {
        var z = seed ^ (UInt64(bitPattern: x) &* 0x9E37_79B9_7F4A_7C15)
        z ^= UInt64(bitPattern: y) &* 0xC2B2_AE3D_27D4_EB4F
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
