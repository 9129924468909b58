import OCR

/// A picture made smaller the way an image editor does it for the web: each output pixel the area-weighted
/// mean of the source pixels it covers (no aliasing, edges softened).
enum Downscale {
    /// `image` scaled by `factor` (0 < factor ≤ 1), each side rounded to whole pixels, at least one.
    static func apply(_ image: ColorImage, factor: Double) -> ColorImage {
        let outW = max(1, Int((Double(image.width) * factor).rounded()))
        let outH = max(1, Int((Double(image.height) * factor).rounded()))
        let columns = weights(from: image.width, to: outW)
        let rows = weights(from: image.height, to: outH)
        // Rows first, into a buffer of real values, then columns.
        var narrow = [Double](repeating: 0, count: outW * image.height * 3)
        image.rgb.withUnsafeBufferPointer { source in
            for y in 0..<image.height {
                for (x, taps) in columns.enumerated() {
                    for c in 0..<3 {
                        var sum = 0.0
                        for tap in taps { sum += Double(source[3 * (y * image.width + tap.index) + c]) * tap.weight }
                        narrow[3 * (y * outW + x) + c] = sum
                    }
                }
            }
        }
        var rgb = [UInt8](repeating: 0, count: outW * outH * 3)
        for (y, taps) in rows.enumerated() {
            for x in 0..<outW {
                for c in 0..<3 {
                    var sum = 0.0
                    for tap in taps { sum += narrow[3 * (tap.index * outW + x) + c] * tap.weight }
                    rgb[3 * (y * outW + x) + c] = UInt8(max(0, min(255, sum.rounded())))
                }
            }
        }
        return ColorImage(width: outW, height: outH, rgb: rgb)
    }

    /// For each of `count` output pixels, the source pixels of a `length`-pixel line it overlaps and the
    /// share of it each covers (the shares sum to 1).
    private static func weights(from length: Int, to count: Int) -> [[(index: Int, weight: Double)]] {
        let step = Double(length) / Double(count)
        return (0..<count).map { i in
            let start = Double(i) * step
            let end = min(Double(length), start + step)
            var taps: [(index: Int, weight: Double)] = []
            var position = start
            while position < end - 1e-9 {
                let index = min(length - 1, Int(position))
                let next = min(end, Double(index + 1))
                taps.append((index, (next - position) / (end - start)))
                position = next
            }
            return taps
        }
    }
}
