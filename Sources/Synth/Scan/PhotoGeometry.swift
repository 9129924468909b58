import Foundation

/// Where a phone camera puts the document: a pinhole camera (a phone's wide lens, about 64° across the long
/// side) above a table, leaning by the shot's tilt, the document turned in the table's plane by its roll and
/// moved back until it covers the shot's share of the frame. Pure geometry: no pixels.
struct PhotoGeometry {
    /// Document millimetres (from its top-left corner) to frame pixels.
    let documentToFrame: Homography
    /// Frame pixels per document millimetre at the document's centre, along the direction the tilt leaves
    /// unshortened: the resolution to render the page at.
    let pixelsPerMM: Double
    /// The document's corners in the frame, clockwise from its top-left.
    let corners: [(x: Double, y: Double)]
    /// Share of the frame the document covers.
    let areaShare: Double

    /// The geometry of `shot` for a `documentWidth` × `documentHeight` mm document.
    init(shot: PhotoShot, documentWidth: Double, documentHeight: Double) {
        let frameW = Double(shot.frameWidth)
        let frameH = Double(shot.frameHeight)
        let focal = 0.8 * max(frameW, frameH)
        let tilt = shot.tiltDegrees * .pi / 180
        let axis = shot.tiltAxisDegrees * .pi / 180
        let roll = shot.rollDegrees * .pi / 180
        // Rodrigues' rotation about the in-plane axis (cos axis, sin axis, 0); only its first two columns
        // matter for points of the table's plane.
        let (ax, ay) = (cos(axis), sin(axis))
        let (c, s) = (cos(tilt), sin(tilt))
        let r1 = (x: c + ax * ax * (1 - c), y: ax * ay * (1 - c), z: -ay * s)
        let r2 = (x: ax * ay * (1 - c), y: c + ay * ay * (1 - c), z: ax * s)
        let centred = Homography(
            a: cos(roll), b: -sin(roll), c: -(documentWidth / 2 * cos(roll) - documentHeight / 2 * sin(roll)),
            d: sin(roll), e: cos(roll), f: -(documentWidth / 2 * sin(roll) + documentHeight / 2 * cos(roll)),
            g: 0, h: 0, i: 1)
        func camera(distance: Double, shiftX: Double, shiftY: Double) -> Homography {
            // K · [r1 r2 t] with t = (0, 0, distance), the principal point moved by the shift.
            let (cx, cy) = (frameW / 2 + shiftX, frameH / 2 + shiftY)
            return Homography(
                a: focal * r1.x + cx * r1.z, b: focal * r2.x + cx * r2.z, c: cx * distance,
                d: focal * r1.y + cy * r1.z, e: focal * r2.y + cy * r2.z, f: cy * distance,
                g: r1.z, h: r2.z, i: distance) * centred
        }
        let documentCorners = [(0.0, 0.0), (documentWidth, 0), (documentWidth, documentHeight), (0, documentHeight)]
        func projected(_ homography: Homography) -> [(x: Double, y: Double)] {
            documentCorners.map { homography.apply($0.0, $0.1) }
        }
        let target = shot.areaShare * frameW * frameH
        var distance = focal * (documentWidth * documentHeight * cos(tilt) / target).squareRoot()
        for _ in 0..<4 {
            distance *= (Self.area(projected(camera(distance: distance, shiftX: 0, shiftY: 0))) / target).squareRoot()
        }
        // Keep the whole document in the frame with a margin; a document turned across the frame's short side
        // may need to be a little smaller than asked.
        let margin = 0.03 * min(frameW, frameH)
        var room = (x: 0.0, y: 0.0)
        var centre = (x: 0.0, y: 0.0)
        while true {
            let seen = projected(camera(distance: distance, shiftX: 0, shiftY: 0))
            let xs = seen.map(\.x)
            let ys = seen.map(\.y)
            room = (frameW - 2 * margin - (xs.max()! - xs.min()!), frameH - 2 * margin - (ys.max()! - ys.min()!))
            centre = ((xs.max()! + xs.min()!) / 2, (ys.max()! + ys.min()!) / 2)
            if room.x >= 0, room.y >= 0 { break }
            distance *= 1.03
        }
        let shiftX = frameW / 2 - centre.x + shot.offsetX * room.x / 2
        let shiftY = frameH / 2 - centre.y + shot.offsetY * room.y / 2
        documentToFrame = camera(distance: distance, shiftX: shiftX, shiftY: shiftY)
        pixelsPerMM = focal / distance
        corners = projected(documentToFrame)
        areaShare = Self.area(corners) / (frameW * frameH)
    }

    /// Direction of the MRZ's lines in the frame, degrees clockwise from the frame's x axis.
    func mrzAngleDegrees(_ layout: DocumentLayout) -> Double {
        let y = layout.mrzCentres.last ?? layout.height
        let start = documentToFrame.apply(layout.mrzLeft, y)
        let end = documentToFrame.apply(layout.mrzLeft + 50, y)
        return atan2(end.y - start.y, end.x - start.x) * 180 / .pi
    }

    /// Area of a simple polygon (shoelace).
    static func area(_ points: [(x: Double, y: Double)]) -> Double {
        var twice = 0.0
        for (index, point) in points.enumerated() {
            let next = points[(index + 1) % points.count]
            twice += point.x * next.y - next.x * point.y
        }
        return abs(twice) / 2
    }
}

/// A plane-to-plane projective map, row-major 3 × 3.
struct Homography {
    var a, b, c, d, e, f, g, h, i: Double

    /// The image of (x, y).
    @inline(__always)
    func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let w = g * x + h * y + i
        return ((a * x + b * y + c) / w, (d * x + e * y + f) / w)
    }

    /// The map undoing this one (the adjugate; the scale of a homography does not matter).
    var inverse: Homography {
        Homography(
            a: e * i - f * h, b: c * h - b * i, c: b * f - c * e,
            d: f * g - d * i, e: a * i - c * g, f: c * d - a * f,
            g: d * h - e * g, h: b * g - a * h, i: a * e - b * d)
    }

    /// `lhs` after `rhs`.
    static func * (lhs: Homography, rhs: Homography) -> Homography {
        Homography(
            a: lhs.a * rhs.a + lhs.b * rhs.d + lhs.c * rhs.g, b: lhs.a * rhs.b + lhs.b * rhs.e + lhs.c * rhs.h,
            c: lhs.a * rhs.c + lhs.b * rhs.f + lhs.c * rhs.i,
            d: lhs.d * rhs.a + lhs.e * rhs.d + lhs.f * rhs.g, e: lhs.d * rhs.b + lhs.e * rhs.e + lhs.f * rhs.h,
            f: lhs.d * rhs.c + lhs.e * rhs.f + lhs.f * rhs.i,
            g: lhs.g * rhs.a + lhs.h * rhs.d + lhs.i * rhs.g, h: lhs.g * rhs.b + lhs.h * rhs.e + lhs.i * rhs.h,
            i: lhs.g * rhs.c + lhs.h * rhs.f + lhs.i * rhs.i)
    }

    /// Scaling by `factor` in x and y.
    static func scale(_ factor: Double) -> Homography {
        Homography(a: factor, b: 0, c: 0, d: 0, e: factor, f: 0, g: 0, h: 0, i: 1)
    }
}
