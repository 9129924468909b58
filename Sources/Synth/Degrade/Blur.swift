import OCR

/// Out-of-focus or motion-free optical blur: repeated box filters, close to a Gaussian.
enum Blur {
    /// Blurs `image` with `passes` box filters of `radius` pixels, each separable.
    static func apply(_ image: inout ColorImage, radius: Int, passes: Int) {
        guard radius > 0 else { return }
        let w = image.width
        let h = image.height
        var scratch = image.rgb
        for _ in 0..<passes {
            image.rgb.withUnsafeMutableBufferPointer { data in
                scratch.withUnsafeMutableBufferPointer { tmp in
                    boxPass(from: data, to: tmp, count: h, length: w, step: 3, lineStride: 3 * w, radius: radius)
                    boxPass(from: tmp, to: data, count: w, length: h, step: 3 * w, lineStride: 3, radius: radius)
                }
            }
        }
    }

    /// One box filter along `count` lines of `length` pixels (`step` bytes between neighbours),
    /// edges extended.
    private static func boxPass(
        from source: UnsafeMutableBufferPointer<UInt8>,
        to dest: UnsafeMutableBufferPointer<UInt8>,
        count: Int, length: Int, step: Int, lineStride: Int, radius: Int
    ) {
        let window = 2 * radius + 1
        for line in 0..<count {
            let base = line * lineStride
            for channel in 0..<3 {
                let start = base + channel
                func at(_ i: Int) -> Int { Int(source[start + max(0, min(length - 1, i)) * step]) }
                var sum = 0
                for i in -radius...radius { sum += at(i) }
                for i in 0..<length {
                    dest[start + i * step] = UInt8((sum + window / 2) / window)
                    sum += at(i + radius + 1) - at(i - radius)
                }
            }
        }
    }
}
