/// Where one MRZ line's character centres lie on the page, column by column, as measured from its blobs: a
/// quadratic in the column for x and for y. A photographed document is seen in perspective (the pitch shrinks
/// along a line, lines converge) and a booklet page curves; a straight, evenly spaced grid misplaces the far
/// end of such a line by columns, this curve does not.
public struct LineCurve: Sendable, Equatable {
    /// x = cx[0] + cx[1]·c + cx[2]·c², c the column in the band's frame (0: the band's first column).
    public var cx: [Double]
    /// y = cy[0] + cy[1]·c + cy[2]·c².
    public var cy: [Double]

    /// A curve with these coefficients.
    public init(cx: [Double], cy: [Double]) {
        self.cx = cx
        self.cy = cy
    }

    /// The centre of column `c`.
    public func point(_ c: Double) -> Point {
        Point(x: cx[0] + (cx[1] + cx[2] * c) * c, y: cy[0] + (cy[1] + cy[2] * c) * c)
    }

    /// The step from one column to the next at column `c` (its length is the local pitch).
    public func tangent(_ c: Double) -> Point {
        Point(x: cx[1] + 2 * cx[2] * c, y: cy[1] + 2 * cy[2] * c)
    }

    /// The same curve with its columns counted from the other end: column c becomes `last` − c.
    func reversed(last: Double) -> LineCurve {
        func flip(_ k: [Double]) -> [Double] {
            [k[0] + k[1] * last + k[2] * last * last, -k[1] - 2 * k[2] * last, k[2]]
        }
        return LineCurve(cx: flip(cx), cy: flip(cy))
    }

    /// The curve on an image `factor` times as large, shifted by `offset`.
    func scaled(by factor: Double, offset: Point) -> LineCurve {
        LineCurve(
            cx: [cx[0] * factor + offset.x, cx[1] * factor, cx[2] * factor],
            cy: [cy[0] * factor + offset.y, cy[1] * factor, cy[2] * factor])
    }

    /// The curve through blob centres `points` (in reading order) with first column `firstColumn` and the band's
    /// `pitch`: each next blob stands as many columns on as its step over the local pitch, which follows the
    /// line as it shrinks or grows. Nil for fewer than 8 points.
    static func fit(_ points: [Point], firstColumn: Double, pitch: Double) -> LineCurve? {
        guard points.count >= 8 else { return nil }
        var columns = [firstColumn]
        var recentSteps: [Double] = []
        for index in 1..<points.count {
            let step = (points[index] - points[index - 1]).length
            let local = recentSteps.isEmpty ? pitch : recentSteps.sorted()[recentSteps.count / 2]
            let advance = max(1, (step / local).rounded())
            if advance == 1 {
                recentSteps.append(step)
                if recentSteps.count > 6 { recentSteps.removeFirst() }
            }
            columns.append(columns[index - 1] + advance)
        }
        guard let cx = leastSquaresQuadratic(columns, points.map(\.x)),
            let cy = leastSquaresQuadratic(columns, points.map(\.y))
        else { return nil }
        return LineCurve(cx: cx, cy: cy)
    }

    /// Coefficients [a, b, k] of a + b·t + k·t² through (t, value) by least squares; nil when degenerate.
    private static func leastSquaresQuadratic(_ t: [Double], _ values: [Double]) -> [Double]? {
        // Centred on the mean column for a well-conditioned system, then shifted back.
        let mean = t.reduce(0, +) / Double(t.count)
        var s = [Double](repeating: 0, count: 5)
        var r = [Double](repeating: 0, count: 3)
        for (ti, value) in zip(t, values) {
            let d = ti - mean
            var power = 1.0
            for k in 0..<5 {
                s[k] += power
                if k < 3 { r[k] += power * value }
                power *= d
            }
        }
        let m = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]]
        guard let solution = solve3(m, r) else { return nil }
        // a + b(t - mean) + k(t - mean)² expanded in t.
        let (a, b, k) = (solution[0], solution[1], solution[2])
        return [a - b * mean + k * mean * mean, b - 2 * k * mean, k]
    }

    /// Cramer's rule for a 3×3 system.
    private static func solve3(_ m: [[Double]], _ r: [Double]) -> [Double]? {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        guard abs(d) > 1e-9 else { return nil }
        return (0..<3).map { column in
            var replaced = m
            for row in 0..<3 { replaced[row][column] = r[row] }
            return det(replaced) / d
        }
    }
}

extension Point {
    /// Euclidean length.
    var length: Double { (x * x + y * y).squareRoot() }
}
