#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A chain of character-sized blobs that follow each other along one text line.
struct TextLine {
    /// Member blobs in order along the reading axis `u`.
    var blobs: [InkBlob]
    /// Reading-axis coordinate of each blob centre.
    var u: [Double]
    /// Cross-axis coordinate of each blob centre.
    var v: [Double]
    /// Median character height across the line.
    var characterHeight: Double

    var count: Int { blobs.count }
    var startU: Double { u.first ?? 0 }
    var endU: Double { u.last ?? 0 }
    var meanV: Double { v.reduce(0, +) / Double(max(1, v.count)) }
}

/// Finds text lines among ink blobs, whatever the page's turn: the dominant direction of nearest-neighbour
/// links gives the text axis, then each blob is chained to its next neighbour along that axis.
struct TextLineFinder {
    /// The text axis found, radians in [0, π).
    private(set) var axisAngle: Double = 0
    /// Blobs that look like characters.
    private(set) var characters: [InkBlob] = []

    /// Character-like blobs: not specks, not page-sized, not long hairlines.
    static func characterLike(_ blobs: [InkBlob], minSize: Int, maxSize: Int) -> [InkBlob] {
        blobs.filter { blob in
            let size = blob.size
            let thin = min(blob.width, blob.height)
            return size >= minSize && size <= maxSize && thin >= 1
                && blob.area * 12 >= blob.width * blob.height && size <= 6 * max(thin, size / 6 + 1)
        }
    }

    /// Lines of at least `minimumCount` blobs, axis chosen from the blobs themselves.
    mutating func lines(from blobs: [InkBlob], minimumCount: Int) -> [TextLine] {
        characters = blobs
        guard blobs.count >= minimumCount else { return [] }
        let grid = BlobGrid(blobs)
        axisAngle = dominantLinkAngle(grid)
        let axis = Point.unit(axisAngle)
        let normal = axis.turnedClockwise
        let u = blobs.map { Point(x: $0.centerX, y: $0.centerY).dot(axis) }
        let v = blobs.map { Point(x: $0.centerX, y: $0.centerY).dot(normal) }
        let (sinA, cosA) = (abs(sin(axisAngle)), abs(cos(axisAngle)))
        // Extent across and along the axis of each (axis-aligned) box.
        let across = blobs.map { Double($0.width) * sinA + Double($0.height) * cosA }
        let along = blobs.map { Double($0.width) * cosA + Double($0.height) * sinA }

        var successor = [Int](repeating: -1, count: blobs.count)
        var predecessorGap = [Double](repeating: .infinity, count: blobs.count)
        var predecessor = [Int](repeating: -1, count: blobs.count)
        for a in blobs.indices {
            var best = -1
            var bestGap = Double.infinity
            grid.forEachNear(blobs[a], reach: 3) { b in
                guard b != a else { return }
                let du = u[b] - u[a]
                guard du > 0 else { return }
                let height = max(across[a], across[b])
                let ratio = across[a] / across[b]
                guard ratio > 0.4, ratio < 2.5, abs(v[b] - v[a]) < 0.35 * height else { return }
                let gap = du - (along[a] + along[b]) / 2
                guard gap > -0.25 * height, gap < 1.1 * height, gap < bestGap else { return }
                best = b
                bestGap = gap
            }
            guard best >= 0 else { continue }
            // Two blobs claiming one successor: the closer keeps it.
            if predecessor[best] >= 0 {
                guard bestGap < predecessorGap[best] else { continue }
                successor[predecessor[best]] = -1
            }
            successor[a] = best
            predecessor[best] = a
            predecessorGap[best] = bestGap
        }
        var lines: [TextLine] = []
        for start in blobs.indices where predecessor[start] < 0 {
            var members: [Int] = []
            var node = start
            while node >= 0 && members.count <= blobs.count {
                members.append(node)
                node = successor[node]
            }
            guard members.count >= minimumCount else { continue }
            let heights = members.map { across[$0] }.sorted()
            lines.append(
                TextLine(
                    blobs: members.map { blobs[$0] }, u: members.map { u[$0] }, v: members.map { v[$0] },
                    characterHeight: heights[heights.count / 2]))
        }
        return lines.sorted { ($0.meanV, $0.startU) < ($1.meanV, $1.startU) }
    }

    /// The most common direction (mod 180°) from each blob to its nearest similar-sized neighbour.
    private func dominantLinkAngle(_ grid: BlobGrid) -> Double {
        let bins = 180
        var histogram = [Double](repeating: 0, count: bins)
        let blobs = grid.blobs
        for a in blobs.indices {
            var nearest = -1
            var nearestDistance = Double.infinity
            grid.forEachNear(blobs[a], reach: 2) { b in
                guard b != a else { return }
                let ratio = Double(blobs[a].size) / Double(blobs[b].size)
                guard ratio > 0.5, ratio < 2 else { return }
                let dx = blobs[b].centerX - blobs[a].centerX
                let dy = blobs[b].centerY - blobs[a].centerY
                let distance = (dx * dx + dy * dy).squareRoot()
                if distance < nearestDistance && distance < 2.2 * Double(max(blobs[a].size, blobs[b].size)) {
                    nearest = b
                    nearestDistance = distance
                }
            }
            guard nearest >= 0 else { continue }
            var degrees =
                atan2(blobs[nearest].centerY - blobs[a].centerY, blobs[nearest].centerX - blobs[a].centerX)
                * 180 / .pi
            if degrees < 0 { degrees += 180 }
            histogram[Int(degrees.rounded()) % bins] += 1
        }
        // Smooth over ±3° (circularly) and refine the peak by its weighted mean.
        var bestBin = 0
        var bestScore = -1.0
        for bin in 0..<bins {
            var score = 0.0
            for offset in -3...3 { score += histogram[(bin + offset + bins) % bins] * (4 - Double(abs(offset))) }
            if score > bestScore {
                bestScore = score
                bestBin = bin
            }
        }
        var weight = 0.0
        var sum = 0.0
        for offset in -3...3 {
            let count = histogram[(bestBin + offset + bins) % bins]
            weight += count
            sum += count * Double(bestBin + offset)
        }
        var degrees = weight > 0 ? sum / weight : Double(bestBin)
        if degrees < 0 { degrees += 180 }
        if degrees >= 180 { degrees -= 180 }
        return degrees * .pi / 180
    }
}

/// Buckets blob centres on a square grid for neighbour queries.
struct BlobGrid {
    let blobs: [InkBlob]
    private let cell: Double
    private var buckets: [Int: [Int]] = [:]

    init(_ blobs: [InkBlob]) {
        self.blobs = blobs
        let sizes = blobs.map(\.size).sorted()
        cell = Double(max(4, sizes.isEmpty ? 8 : sizes[sizes.count / 2])) * 1.5
        for (index, blob) in blobs.enumerated() { buckets[key(blob.centerX, blob.centerY), default: []].append(index) }
    }

    private func key(_ x: Double, _ y: Double) -> Int { key(Int(x / cell), Int(y / cell)) }
    private func key(_ column: Int, _ row: Int) -> Int { row &* 100_003 &+ column }

    /// Calls `body` with the index of every blob within `reach` cells (scaled up for big blobs) of `blob`.
    func forEachNear(_ blob: InkBlob, reach: Int, _ body: (Int) -> Void) {
        let column = Int(blob.centerX / cell)
        let row = Int(blob.centerY / cell)
        let span = reach * max(1, Int((Double(blob.size) / cell).rounded(.up)))
        for r in (row - span)...(row + span) {
            for c in (column - span)...(column + span) {
                guard let members = buckets[key(c, r)] else { continue }
                for index in members { body(index) }
            }
        }
    }
}
