import Foundation
import OCR

/// A hand-held phone photo of a document lying on a table: the page seen through the shot's perspective,
/// a table around it, a thin contact shadow along its edges, the soft shadow of the hand and phone, a glare
/// spot where the lamination mirrors the lamp, uneven light and a colour cast, then focus blur and sensor noise.
enum PhoneCamera {
    /// The frame `shot` takes of `page` (drawn at `pagePixelsPerMM`); strengths drawn from `generator`.
    static func photograph(
        _ page: ColorImage, shot: PhotoShot, geometry: PhotoGeometry, pagePixelsPerMM: Double,
        using generator: inout some RandomNumberGenerator
    ) -> ColorImage {
        let frameW = shot.frameWidth
        let frameH = shot.frameHeight
        let w = Double(page.width)
        let h = Double(page.height)
        let toPage = (geometry.documentToFrame * Homography.scale(1 / pagePixelsPerMM)).inverse
        let table = TableTop.random(using: &generator)
        let light = Light.random(
            frameWidth: Double(frameW), frameHeight: Double(frameH), pageWidth: w,
            pageHeight: h, using: &generator)
        let radius = 3.18 * pagePixelsPerMM
        let contactOffset = (x: light.contactOffset.x * pagePixelsPerMM, y: light.contactOffset.y * pagePixelsPerMM)
        let contactSoftness = 1.5 * pagePixelsPerMM

        var rgb = [UInt8](repeating: 0, count: frameW * frameH * 3)
        page.rgb.withUnsafeBufferPointer { source in
            rgb.withUnsafeMutableBufferPointer { out in
                for y in 0..<frameH {
                    for x in 0..<frameW {
                        let fx = Double(x) + 0.5
                        let fy = Double(y) + 0.5
                        let (u, v) = toPage.apply(fx, fy)
                        var colour = table.colour(atMM: u / pagePixelsPerMM, v / pagePixelsPerMM)
                        let contact = Shape.roundedRectDistance(u - contactOffset.x, v - contactOffset.y, w, h, radius)
                        let shade = light.contactStrength * max(0, min(1, 1 - contact / contactSoftness))
                        colour = RGB(colour.r * (1 - shade), colour.g * (1 - shade), colour.b * (1 - shade))
                        let alpha = Shape.coverage(Shape.roundedRectDistance(u, v, w, h, radius))
                        if alpha > 0 {
                            let paper = ScannerBed.bilinear(source, page.width, page.height, u - 0.5, v - 0.5)
                            let glared = paper.mixed(with: RGB(255, 255, 250), light.glare(u, v))
                            colour = colour.mixed(with: glared, alpha)
                        }
                        let lit = light.brightness(fx, fy)
                        let i = 3 * (y * frameW + x)
                        out[i] = UInt8(max(0, min(255, (colour.r * lit * light.cast.r).rounded())))
                        out[i + 1] = UInt8(max(0, min(255, (colour.g * lit * light.cast.g).rounded())))
                        out[i + 2] = UInt8(max(0, min(255, (colour.b * lit * light.cast.b).rounded())))
                    }
                }
            }
        }
        var image = ColorImage(width: frameW, height: frameH, rgb: rgb)
        // The phone focuses near the document but not exactly on it.
        let blur = shot.focusBlur * Double(frameW) / 4000
        if blur >= 0.5 { Blur.apply(&image, radius: Int(blur.rounded()), passes: 2) }
        SensorNoise.apply(&image, sigma: Double.random(in: 2...5, using: &generator), using: &generator)
        return image
    }
}

/// The light of one photo: a lamp's falling brightness, the hand's soft shadow, the contact shadow's
/// direction and the glare spot on the laminate.
private struct Light {
    /// Brightness gradient: direction (unit) and how much darker the far side is.
    let gradient: (dx: Double, dy: Double, depth: Double, span: Double, centreX: Double, centreY: Double)
    /// The hand-and-phone shadow: an ellipse in frame pixels with a wide soft edge.
    let hand: (x: Double, y: Double, rx: Double, ry: Double, softness: Double, strength: Double)
    /// Where the document's contact shadow falls, millimetres, and how dark it is.
    let contactOffset: (x: Double, y: Double)
    let contactStrength: Double
    /// The glare spot in page pixels: centre, radii, the angle of its long axis, strength.
    let spot: (x: Double, y: Double, rx: Double, ry: Double, cos: Double, sin: Double, strength: Double)
    /// White balance of the phone: gains per channel.
    let cast: RGB

    static func random(
        frameWidth: Double, frameHeight: Double, pageWidth: Double, pageHeight: Double,
        using generator: inout some RandomNumberGenerator
    ) -> Light {
        let direction = Double.random(in: 0..<(2 * .pi), using: &generator)
        let (dx, dy) = (cos(direction), sin(direction))
        let diagonal = (frameWidth * frameWidth + frameHeight * frameHeight).squareRoot()
        // The hand comes in from an edge of the frame.
        let side = Double.random(in: 0..<(2 * .pi), using: &generator)
        let handRadius = diagonal * Double.random(in: 0.18...0.35, using: &generator)
        let contactAngle = Double.random(in: 0..<(2 * .pi), using: &generator)
        let contactDistance = Double.random(in: 0.4...1.2, using: &generator)
        let spotAngle = Double.random(in: 0..<(.pi), using: &generator)
        let spotRadius = pageWidth * Double.random(in: 0.06...0.16, using: &generator)
        let exposure = Double.random(in: 0.92...1.04, using: &generator)
        return Light(
            gradient: (
                dx, dy, Double.random(in: 0.05...0.25, using: &generator),
                abs(dx) * frameWidth + abs(dy) * frameHeight, frameWidth / 2, frameHeight / 2
            ),
            hand: (
                frameWidth / 2 + cos(side) * frameWidth * 0.55, frameHeight / 2 + sin(side) * frameHeight * 0.55,
                handRadius * Double.random(in: 0.8...1.3, using: &generator), handRadius,
                min(frameWidth, frameHeight) * Double.random(in: 0.1...0.25, using: &generator),
                Double.random(in: 0.12...0.35, using: &generator)
            ),
            contactOffset: (cos(contactAngle) * contactDistance, sin(contactAngle) * contactDistance),
            contactStrength: Double.random(in: 0.2...0.45, using: &generator),
            spot: (
                pageWidth * Double.random(in: 0.1...0.9, using: &generator),
                pageHeight * Double.random(in: 0.1...0.9, using: &generator),
                spotRadius * Double.random(in: 1.2...2.5, using: &generator), spotRadius, cos(spotAngle),
                sin(spotAngle), Double.random(in: 0.55...0.95, using: &generator)
            ),
            cast: RGB(
                exposure * Double.random(in: 0.95...1.06, using: &generator), exposure,
                exposure * Double.random(in: 0.9...1.04, using: &generator)))
    }

    /// How much of the lamp's reflection covers page pixel (u, v): a bright core fading out (0…1).
    @inline(__always)
    func glare(_ u: Double, _ v: Double) -> Double {
        let du = u - spot.x
        let dv = v - spot.y
        let along = (du * spot.cos + dv * spot.sin) / spot.rx
        let across = (dv * spot.cos - du * spot.sin) / spot.ry
        let d2 = along * along + across * across
        guard d2 < 9 else { return 0 }
        return min(1, spot.strength * 1.4 * exp(-1.6 * d2))
    }

    /// Light reaching frame pixel (x, y), 0…1: the lamp's gradient times the hand's shadow.
    @inline(__always)
    func brightness(_ x: Double, _ y: Double) -> Double {
        let along = ((x - gradient.centreX) * gradient.dx + (y - gradient.centreY) * gradient.dy) / gradient.span + 0.5
        let lamp = 1 - gradient.depth * along
        let hx = (x - hand.x) / hand.rx
        let hy = (y - hand.y) / hand.ry
        let outside = ((hx * hx + hy * hy).squareRoot() - 1) * min(hand.rx, hand.ry)
        let t = max(0, min(1, 0.5 - outside / hand.softness))
        return lamp * (1 - hand.strength * t * t * (3 - 2 * t))
    }
}
