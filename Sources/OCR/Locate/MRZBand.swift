#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the MRZ lies on the page: a grid of `lineCount` × `lineLength` character cells along a reading
/// axis, in page pixel coordinates. Covers any turn and skew of the document.
public struct MRZBand: Sendable, Equatable {
    /// Unit vector in reading direction.
    public var axis: Point
    /// Centre of the first character of the first line.
    public var origin: Point
    /// Distance between neighbouring character centres along a line.
    public var pitch: Double
    /// Offset of each line's centre from the first line's, "down" the document (first is 0).
    public var lineOffsets: [Double]
    /// Height of a capital letter.
    public var characterHeight: Double
    /// Characters per line for the format the geometry suggests (30, 36 or 44).
    public var lineLength: Int
    /// Reading-direction coordinate of the last character seen on the longest line, from `origin`.
    public var extent: Double
    /// Each line's measured centre curve, top line first, in the same column frame (column 0 at `origin`);
    /// nil where the lines were too short to measure. Used to cut lines seen in perspective.
    public var curves: [LineCurve]? = nil

    /// Lines in the band.
    public var lineCount: Int { lineOffsets.count }

    /// How far the measured lines depart from print seen square-on: the largest change of pitch from a line's
    /// first column to its last, as a share of the smaller (0 for a flat scan; 0.2 for a page photographed at
    /// a slant, its far end a fifth narrower). 0 when the lines have no curves.
    public var perspective: Double {
        let last = Double(lineLength - 1)
        return curves?.map { curve in
            let first = curve.tangent(0).length
            let end = curve.tangent(last).length
            return abs(end - first) / max(1e-9, min(first, end))
        }.max() ?? 0
    }
    /// Unit vector from a line to the next one.
    public var down: Point { axis.turnedClockwise }

    /// Clockwise turn of the document, to the nearest quarter: 0, 90, 180 or 270.
    public var rotationDegrees: Int {
        let degrees = atan2(axis.y, axis.x) * 180 / .pi
        return (Int((degrees / 90).rounded()) * 90 + 360) % 360
    }

    /// Residual skew after the quarter turn, degrees, positive clockwise.
    public var skewDegrees: Double {
        var degrees = atan2(axis.y, axis.x) * 180 / .pi - Double(rotationDegrees)
        while degrees > 180 { degrees -= 360 }
        while degrees < -180 { degrees += 360 }
        return degrees
    }

    /// Centre of character `column` on `line`.
    public func center(line: Int, column: Double) -> Point {
        origin + axis * (column * pitch) + down * lineOffsets[line]
    }

    /// The same band read the other way round: for a document that is upside down relative to the guess.
    public func flipped() -> MRZBand {
        let last = lineOffsets.last ?? 0
        var copy = self
        copy.axis = axis * -1
        copy.origin = origin + axis * extent + down * last
        copy.lineOffsets = lineOffsets.reversed().map { last - $0 }
        copy.curves = curves?.reversed().map { $0.reversed(last: extent / pitch) }
        return copy
    }

    /// The four corners of the band with a margin of one character around it, for drawing.
    public var outline: [Point] {
        let margin = characterHeight
        let last = lineOffsets.last ?? 0
        let length = max(extent, Double(lineLength - 1) * pitch)
        let topLeft = origin - axis * margin - down * margin
        let width = axis * (length + 2 * margin)
        let height = down * (last + 2 * margin)
        return [topLeft, topLeft + width, topLeft + width + height, topLeft + height]
    }
}
