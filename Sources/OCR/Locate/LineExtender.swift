/// Grows an MRZ line along its axis with the character blobs that continue it: a line's first or last
/// characters are often left out of its chain (a wide gap after a filler run, a character touching the
/// document's edge, a piece split off by the threshold), and a line seen short is taken for the wrong format
/// (36 columns instead of 44) or read from the wrong first column.
struct LineExtender {
    /// Every character-like blob of the page.
    let characters: [InkBlob]
    /// Reading direction of the lines.
    let axis: Point

    /// Most empty character positions stepped over to the next blob (a lost filler or two).
    static let maximumSkippedPositions = 2

    /// `line` with every blob that continues it at either end, one pitch at a time. Each step is predicted from
    /// the few characters at that end (their pitch and direction), so a line seen in perspective or on a curved
    /// page, whose pitch and slope change along it, is followed too.
    func extended(_ line: TextLine) -> TextLine {
        guard line.count >= 4 else { return line }
        let down = axis.turnedClockwise
        let height = line.characterHeight
        var line = line
        var taken = Set(line.blobs.map { [$0.minX, $0.minY, $0.maxX, $0.maxY] })
        for direction in [-1.0, 1.0] {
            while true {
                // The end's last few characters, outermost first.
                let end =
                    direction < 0
                    ? Array(line.blobs.indices.prefix(5)) : Array(line.blobs.indices.suffix(5).reversed())
                let endU = line.u[end[0]]
                let endV = line.v[end[0]]
                let steps = zip(end.dropFirst(), end).map { abs(line.u[$1] - line.u[$0]) }.sorted()
                let pitch = steps[steps.count / 2]
                let (outer, inner) = (end[0], end[end.count - 1])
                let slope = (line.v[outer] - line.v[inner]) / (line.u[outer] - line.u[inner])
                var best: (blob: InkBlob, u: Double, v: Double, distance: Double)? = nil
                for blob in characters {
                    let center = Point(x: blob.centerX, y: blob.centerY)
                    let u = center.dot(axis)
                    let step = (u - endU) * direction
                    guard step > 0.5 * pitch, step < (Double(Self.maximumSkippedPositions) + 1.45) * pitch else {
                        continue
                    }
                    let v = center.dot(down)
                    let across = abs(v - (endV + slope * (u - endU)))
                    let size = Double(blob.size)
                    guard across < 0.35 * height, size > 0.45 * height, size < 1.5 * height,
                        !taken.contains([blob.minX, blob.minY, blob.maxX, blob.maxY])
                    else { continue }
                    // Characters stand on the pitch grid: a blob between grid positions is not one.
                    let positions = step / pitch
                    guard abs(positions - positions.rounded()) < 0.3 else { continue }
                    if best.map({ step < $0.distance }) ?? true { best = (blob, u, v, step) }
                }
                guard let found = best else { break }
                taken.insert([found.blob.minX, found.blob.minY, found.blob.maxX, found.blob.maxY])
                if direction < 0 {
                    line.blobs.insert(found.blob, at: 0)
                    line.u.insert(found.u, at: 0)
                    line.v.insert(found.v, at: 0)
                } else {
                    line.blobs.append(found.blob)
                    line.u.append(found.u)
                    line.v.append(found.v)
                }
            }
        }
        return line
    }
}
