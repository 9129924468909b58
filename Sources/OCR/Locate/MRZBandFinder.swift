#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the 2- or 3-line MRZ among a page's text lines: long lines of even pitch, parallel, equally
/// spaced and aligned, as ICAO 9303-3 prints them. Also guesses which way is up from where the rest of the
/// document's print lies (the MRZ is at the bottom of the page it is on).
struct MRZBandFinder {
    /// Fewest characters a chain needs to count as a possible MRZ line.
    var minimumLineCount = 12
    /// Fewest characters the longest line of a band must show (MRZ lines hold 30, 36 or 44).
    var minimumLongestLine = 22
    /// Share of neighbouring characters that must stand one even pitch apart (OCR-B is monospaced).
    var minimumEvenSpacing = 0.6
    /// Most bands returned.
    var maximumBands = 1

    /// The MRZ bands among `lines`, most MRZ-like first, in the coordinates of the blobs (the caller scales to
    /// the page). Bands share no line.
    func bands(lines rawLines: [TextLine], axisAngle: Double, characters: [InkBlob]) -> [MRZBand] {
        let merged = mergeCollinear(rawLines)
        let lines = merged.filter { $0.count >= minimumLineCount && Self.evenSpacing($0) >= minimumEvenSpacing }
        let axis = Point.unit(axisAngle)
        let extender = LineExtender(characters: characters, axis: axis)
        return bestGroups(lines).prefix(maximumBands).map { found in
            let group = completingThreeLines(found, among: merged)
            let lines = group.map { extender.extended(Self.trimmingStrayEnds($0)) }.map(Self.trimmingStrayEnds)
            return geometry(of: lines, axisAngle: axisAngle, characters: characters)
        }
    }

    /// Joins chains broken by one lost or merged character into the line they belong to.
    private func mergeCollinear(_ lines: [TextLine]) -> [TextLine] {
        var sorted = lines.sorted { $0.startU < $1.startU }
        var merged: [TextLine] = []
        while !sorted.isEmpty {
            var line = sorted.removeFirst()
            var index = 0
            while index < sorted.count {
                let next = sorted[index]
                let height = max(line.characterHeight, next.characterHeight)
                let gap = next.startU - line.endU
                if gap > 0, gap < 4 * height, abs((next.v.first ?? 0) - (line.v.last ?? 0)) < 0.4 * height,
                    abs(next.characterHeight / line.characterHeight - 1) < 0.4
                {
                    line.blobs += next.blobs
                    line.u += next.u
                    line.v += next.v
                    sorted.remove(at: index)
                } else {
                    index += 1
                }
            }
            merged.append(line)
        }
        return merged.sorted { $0.meanV < $1.meanV }
    }

    /// Median distance between neighbouring character centres, ignoring gaps left by lost characters.
    static func pitch(of line: TextLine) -> Double {
        let steps = zip(line.u.dropFirst(), line.u).map { $0 - $1 }.sorted()
        return steps.isEmpty ? line.characterHeight : steps[steps.count / 2]
    }

    /// Drops blobs chained onto either end of a line that are spaced and shaped unlike its characters: a
    /// piece of background pattern or the document's edge next to the first or last character.
    static func trimmingStrayEnds(_ line: TextLine) -> TextLine {
        var line = line
        let pitch = pitch(of: line)
        let widths = line.blobs.map(\.width).sorted()
        let heights = line.blobs.map(\.height).sorted()
        let typicalWidth = Double(widths[widths.count / 2])
        let typicalHeight = Double(heights[heights.count / 2])
        func stray(_ blob: InkBlob, gap: Double) -> Bool {
            gap > 1.45 * pitch
                && (Double(blob.width) > 1.3 * typicalWidth || Double(blob.height) > 1.3 * typicalHeight
                    || Double(blob.size) < 0.45 * max(typicalWidth, typicalHeight))
        }
        while line.count > 4, stray(line.blobs[0], gap: line.u[1] - line.u[0]) {
            line.blobs.removeFirst()
            line.u.removeFirst()
            line.v.removeFirst()
        }
        while line.count > 4, stray(line.blobs[line.count - 1], gap: line.u[line.count - 1] - line.u[line.count - 2]) {
            line.blobs.removeLast()
            line.u.removeLast()
            line.v.removeLast()
        }
        return line
    }

    /// Share of neighbour steps within 20 % of the line's pitch.
    static func evenSpacing(_ line: TextLine) -> Double {
        let pitch = pitch(of: line)
        let steps = zip(line.u.dropFirst(), line.u).map { $0 - $1 }
        guard !steps.isEmpty else { return 0 }
        return Double(steps.filter { abs($0 / pitch - 1) < 0.2 }.count) / Double(steps.count)
    }

    /// Groups of 2 or 3 consecutive lines that look like an MRZ, most characters first, no line in two groups.
    private func bestGroups(_ lines: [TextLine]) -> [[TextLine]] {
        var groups: [(members: [Int], score: Int)] = []
        for first in lines.indices {
            var group = [first]
            for next in (first + 1)..<lines.count where group.count < 3 {
                guard let last = group.last, belongTogether(lines[last], lines[next]) else { continue }
                group.append(next)
                if group.count >= 2, group.map({ lines[$0].count }).max() ?? 0 >= minimumLongestLine {
                    groups.append((group, group.map { lines[$0].count }.reduce(0, +)))
                }
            }
        }
        var used = Set<Int>()
        var chosen: [[TextLine]] = []
        for group in groups.sorted(by: { $0.score > $1.score }) where group.members.allSatisfy({ !used.contains($0) }) {
            used.formUnion(group.members)
            chosen.append(group.members.map { lines[$0] })
        }
        return chosen
    }

    /// Two lines of about 30 characters are most likely two of a TD1's three: the third is looked for one line
    /// spacing above or below among all lines, without the even-pitch test (a name line in a proportional or
    /// damaged print fails it; a 3-line band is read as 30 columns, not 36).
    private func completingThreeLines(_ group: [TextLine], among lines: [TextLine]) -> [TextLine] {
        guard group.count == 2 else { return group }
        let (first, second) = (group[0], group[1])
        let pitch = (Self.pitch(of: first) + Self.pitch(of: second)) / 2
        let span = max(first.endU, second.endU) - min(first.startU, second.startU)
        guard span / pitch < 33 else { return group }
        let spacing = second.meanV - first.meanV
        let height = (first.characterHeight + second.characterHeight) / 2
        func fits(_ line: TextLine, at v: Double) -> Bool {
            let overlap =
                min(line.endU, max(first.endU, second.endU)) - max(line.startU, min(first.startU, second.startU))
            return line.count >= 5 && abs(line.meanV - v) < 0.3 * height && overlap > 0.5 * span
                && abs(line.characterHeight / height - 1) < 0.35
        }
        if let below = lines.first(where: { fits($0, at: second.meanV + spacing) }) { return [first, second, below] }
        if let above = lines.first(where: { fits($0, at: first.meanV - spacing) }) { return [above, first, second] }
        return group
    }

    private func belongTogether(_ a: TextLine, _ b: TextLine) -> Bool {
        let height = (a.characterHeight + b.characterHeight) / 2
        let pitchA = Self.pitch(of: a)
        let pitchB = Self.pitch(of: b)
        let spacing = b.meanV - a.meanV
        guard abs(a.characterHeight / b.characterHeight - 1) < 0.35, abs(pitchA / pitchB - 1) < 0.25,
            spacing > 1.1 * height, spacing < 3.2 * height
        else { return false }
        let pitch = (pitchA + pitchB) / 2
        let overlap = min(a.endU, b.endU) - max(a.startU, b.startU)
        let longer = max(a.endU - a.startU, b.endU - b.startU)
        let alignedEnd = abs(a.startU - b.startU) < 2.5 * pitch || abs(a.endU - b.endU) < 2.5 * pitch
        return overlap > 0.6 * longer && alignedEnd
    }

    private func geometry(of group: [TextLine], axisAngle: Double, characters: [InkBlob]) -> MRZBand {
        // Refine the axis by the mean slope of the lines' centres.
        var slopes: [Double] = []
        for line in group where line.count >= 3 {
            let meanU = line.u.reduce(0, +) / Double(line.count)
            let meanV = line.meanV
            var covariance = 0.0
            var variance = 0.0
            for (u, v) in zip(line.u, line.v) {
                covariance += (u - meanU) * (v - meanV)
                variance += (u - meanU) * (u - meanU)
            }
            if variance > 0 { slopes.append(covariance / variance) }
        }
        let angle = axisAngle + atan(slopes.isEmpty ? 0 : slopes.reduce(0, +) / Double(slopes.count))
        let axis = Point.unit(angle)
        let down = axis.turnedClockwise
        let centers = group.map { $0.blobs.map { Point(x: $0.centerX, y: $0.centerY) } }
        let u = centers.map { $0.map { $0.dot(axis) } }
        let v = centers.map { $0.map { $0.dot(down) } }
        let starts = u.map { $0.min() ?? 0 }
        let ends = u.map { $0.max() ?? 0 }
        let lineV = v.map { $0.reduce(0, +) / Double(max(1, $0.count)) }
        let startU = starts.min() ?? 0
        let endU = ends.max() ?? 0
        let pitches = group.map(Self.pitch(of:)).sorted()
        var pitch = pitches[pitches.count / 2]
        let seen = Int(((endU - startU) / pitch).rounded()) + 1
        let lineLength = group.count == 3 ? 30 : (seen <= 39 ? 36 : 44)
        // First to last character seen spans at most lineLength - 1 steps: a line seen (nearly) whole gives the
        // pitch far more precisely than neighbour steps measured on the reduced image.
        let steps = min(lineLength - 1, seen - 1)
        if steps >= lineLength - 3 && steps > 0 { pitch = (endU - startU) / Double(steps) }
        let heights = group.map(\.characterHeight).sorted()
        let origin = axis * startU + down * lineV[0]
        let curves = zip(centers, starts).map { points, start in
            LineCurve.fit(points, firstColumn: ((start - startU) / pitch).rounded(), pitch: pitch)
        }
        var band = MRZBand(
            axis: axis, origin: origin, pitch: pitch, lineOffsets: lineV.map { $0 - lineV[0] },
            characterHeight: heights[heights.count / 2], lineLength: lineLength,
            extent: endU - startU, curves: curves.contains { $0 == nil } ? nil : curves.compactMap { $0 })
        if printMostlyBelow(band, characters: characters) { band = band.flipped() }
        return band
    }

    /// True when more of the document's other print lies below the band than above it: the guess is upside down.
    private func printMostlyBelow(_ band: MRZBand, characters: [InkBlob]) -> Bool {
        let height = band.characterHeight
        let last = band.lineOffsets.last ?? 0
        var above = 0
        var below = 0
        for blob in characters {
            let offset = Point(x: blob.centerX, y: blob.centerY) - band.origin
            let along = offset.dot(band.axis)
            let across = offset.dot(band.down)
            guard along > -5 * height, along < band.extent + 5 * height else { continue }
            if across < -1.5 * height && across > -25 * height { above += 1 }
            if across > last + 1.5 * height && across < last + 25 * height { below += 1 }
        }
        return below > above
    }
}
