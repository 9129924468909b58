import OCR

/// An ink or paper colour, 0–255 per channel.
struct RGB: Sendable, Equatable {
    var r: Double
    var g: Double
    var b: Double

    init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// This colour moved towards `other` by `amount` (0 = self, 1 = other).
    func mixed(with other: RGB, _ amount: Double) -> RGB {
        RGB(r + (other.r - r) * amount, g + (other.g - g) * amount, b + (other.b - b) * amount)
    }

    static let white = RGB(255, 255, 255)
}

/// Drawing on a colour raster: every shape is painted as a coverage (0…1) blended over the paper.
extension ColorImage {
    /// A canvas of one colour.
    init(width: Int, height: Int, color: RGB) {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let channels = [color.r, color.g, color.b].map { UInt8(max(0, min(255, $0.rounded()))) }
        rgb.withUnsafeMutableBufferPointer { p in
            for i in 0..<(width * height) {
                p[3 * i] = channels[0]
                p[3 * i + 1] = channels[1]
                p[3 * i + 2] = channels[2]
            }
        }
        self.init(width: width, height: height, rgb: rgb)
    }

    /// Blends `color` over the pixel at (x, y) with `coverage` 0…1; outside the canvas does nothing.
    @inline(__always)
    mutating func blend(_ x: Int, _ y: Int, _ color: RGB, _ coverage: Double) {
        guard x >= 0, y >= 0, x < width, y < height, coverage > 0 else { return }
        let a = min(coverage, 1)
        let i = 3 * (y * width + x)
        rgb[i] = UInt8((Double(rgb[i]) * (1 - a) + color.r * a).rounded())
        rgb[i + 1] = UInt8((Double(rgb[i + 1]) * (1 - a) + color.g * a).rounded())
        rgb[i + 2] = UInt8((Double(rgb[i + 2]) * (1 - a) + color.b * a).rounded())
    }

    /// Paints `color` over the pixels of a box, each with the coverage `shape` gives for its centre.
    mutating func paint(
        x0: Double, y0: Double, x1: Double, y1: Double, _ color: RGB,
        shape: (Double, Double) -> Double
    ) {
        let left = max(0, Int(x0.rounded(.down)))
        let right = min(width - 1, Int(x1.rounded(.up)))
        let top = max(0, Int(y0.rounded(.down)))
        let bottom = min(height - 1, Int(y1.rounded(.up)))
        guard left <= right, top <= bottom else { return }
        for y in top...bottom {
            for x in left...right {
                blend(x, y, color, shape(Double(x) + 0.5, Double(y) + 0.5))
            }
        }
    }

    /// An anti-aliased filled ellipse.
    mutating func fillEllipse(cx: Double, cy: Double, rx: Double, ry: Double, _ color: RGB, opacity: Double = 1) {
        paint(x0: cx - rx - 1, y0: cy - ry - 1, x1: cx + rx + 1, y1: cy + ry + 1, color) { x, y in
            let dx = (x - cx) / rx
            let dy = (y - cy) / ry
            let distance = ((dx * dx + dy * dy).squareRoot() - 1) * min(rx, ry)
            return Shape.coverage(distance) * opacity
        }
    }

    /// An anti-aliased filled rectangle with rounded corners.
    mutating func fillRoundedRect(
        x: Double, y: Double, width w: Double, height h: Double, radius: Double,
        _ color: RGB, opacity: Double = 1
    ) {
        paint(x0: x - 1, y0: y - 1, x1: x + w + 1, y1: y + h + 1, color) { px, py in
            Shape.coverage(Shape.roundedRectDistance(px - x, py - y, w, h, radius)) * opacity
        }
    }

    /// A rectangle outline `thickness` pixels wide.
    mutating func strokeRect(
        x: Double, y: Double, width w: Double, height h: Double, thickness: Double,
        _ color: RGB, opacity: Double = 1
    ) {
        paint(x0: x - thickness, y0: y - thickness, x1: x + w + thickness, y1: y + h + thickness, color) { px, py in
            let d = Shape.roundedRectDistance(px - x, py - y, w, h, 0)
            return Shape.coverage(abs(d) - thickness / 2) * opacity
        }
    }
}

/// Signed distances (negative inside) and the pixel coverage they give.
enum Shape {
    /// Coverage of a pixel whose centre lies `distance` pixels outside an edge (negative: inside).
    @inline(__always)
    static func coverage(_ distance: Double) -> Double {
        max(0, min(1, 0.5 - distance))
    }

    /// Signed distance from (x, y) to a `w`×`h` rectangle at the origin with corner `radius`.
    @inline(__always)
    static func roundedRectDistance(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ radius: Double) -> Double {
        let qx = abs(x - w / 2) - (w / 2 - radius)
        let qy = abs(y - h / 2) - (h / 2 - radius)
        let outside = (max(qx, 0) * max(qx, 0) + max(qy, 0) * max(qy, 0)).squareRoot()
        return outside + min(max(qx, qy), 0) - radius
    }
}
