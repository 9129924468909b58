/// Small raster operations on grey images.
public enum ImageOps {
    /// Box-averages `factor` × `factor` blocks into one pixel (edges dropped).
    public static func reduce(_ image: GrayImage, by factor: Int) -> GrayImage {
        let width = image.width / factor
        let height = image.height / factor
        var out = GrayImage(width: width, height: height)
        let area = factor * factor
        image.pixels.withUnsafeBufferPointer { source in
            out.pixels.withUnsafeMutableBufferPointer { dest in
                for y in 0..<height {
                    for x in 0..<width {
                        var sum = 0
                        for dy in 0..<factor {
                            let row = (y * factor + dy) * image.width + x * factor
                            for dx in 0..<factor { sum += Int(source[row + dx]) }
                        }
                        dest[y * width + x] = UInt8(sum / area)
                    }
                }
            }
        }
        return out
    }

    /// Enlarges by `scale` (> 1) with bilinear sampling: output pixel i samples the image at i / scale.
    public static func enlarge(_ image: GrayImage, by scale: Double) -> GrayImage {
        let step = 1 / scale
        return resample(
            image, origin: Point(x: 0, y: 0), xStep: Point(x: step, y: 0), yStep: Point(x: 0, y: step),
            width: Int(Double(image.width) * scale), height: Int(Double(image.height) * scale))
    }

    /// Samples a `width` × `height` image whose pixel (i, j) lies at `origin + xStep*i + yStep*j` on `page`.
    public static func resample(
        _ page: GrayImage, origin: Point, xStep: Point, yStep: Point, width: Int,
        height: Int
    ) -> GrayImage {
        var out = GrayImage(width: width, height: height)
        let (sourceWidth, sourceHeight) = (page.width, page.height)
        page.pixels.withUnsafeBufferPointer { source in
            out.pixels.withUnsafeMutableBufferPointer { pixels in
                for j in 0..<height {
                    let rowStart = origin + yStep * Double(j)
                    for i in 0..<width {
                        let p = rowStart + xStep * Double(i)
                        let x0 = Int(p.x.rounded(.down))
                        let y0 = Int(p.y.rounded(.down))
                        guard x0 >= 0, y0 >= 0, x0 + 1 < sourceWidth, y0 + 1 < sourceHeight else {
                            pixels[j * width + i] = page.sample(p.x, p.y)
                            continue
                        }
                        // `GrayImage.sample` inside the image, without its call and buffer set-up per pixel.
                        pixels[j * width + i] = GrayImage.blend(
                            source, at: y0 * sourceWidth + x0, width: sourceWidth, fx: p.x - Double(x0),
                            fy: p.y - Double(y0))
                    }
                }
            }
        }
        return out
    }

    /// Stretches contrast so the darkest `clip` share of pixels becomes black and the lightest white.
    public static func normalizeContrast(_ image: GrayImage, clip: Double = 0.02) -> GrayImage {
        var histogram = [Int](repeating: 0, count: 256)
        for value in image.pixels { histogram[Int(value)] += 1 }
        let cut = Int(Double(image.pixels.count) * clip)
        var low = 0
        var seen = 0
        while low < 255 && seen + histogram[low] <= cut {
            seen += histogram[low]
            low += 1
        }
        var high = 255
        seen = 0
        while high > low && seen + histogram[high] <= cut {
            seen += histogram[high]
            high -= 1
        }
        guard high > low else { return image }
        var table = [UInt8](repeating: 0, count: 256)
        for value in 0..<256 {
            table[value] = UInt8(max(0, min(255, (value - low) * 255 / (high - low))))
        }
        var out = image
        for index in out.pixels.indices { out.pixels[index] = table[Int(out.pixels[index])] }
        return out
    }

    /// Evens out contrast locally: each pixel is set against the mean and spread of the `window` × `window`
    /// square around it, so print washed out by glare or lying in shadow comes out as dark as the rest.
    public static func normalizeLocalContrast(_ image: GrayImage, window: Int) -> GrayImage {
        let width = image.width
        let height = image.height
        guard width > 0, height > 0 else { return image }
        let stride = width + 1
        var sums = [Double](repeating: 0, count: stride * (height + 1))
        var squares = sums
        for y in 0..<height {
            var row = 0.0
            var rowSquares = 0.0
            for x in 0..<width {
                let value = Double(image.pixels[y * width + x])
                row += value
                rowSquares += value * value
                sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row
                squares[(y + 1) * stride + x + 1] = squares[y * stride + x + 1] + rowSquares
            }
        }
        let radius = max(1, window / 2)
        var out = image
        for y in 0..<height {
            let y0 = max(0, y - radius)
            let y1 = min(height, y + radius + 1)
            for x in 0..<width {
                let x0 = max(0, x - radius)
                let x1 = min(width, x + radius + 1)
                let area = Double((y1 - y0) * (x1 - x0))
                func box(_ table: [Double]) -> Double {
                    table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0]
                        + table[y0 * stride + x0]
                }
                let mean = box(sums) / area
                let spread = max(8, (max(0, box(squares) / area - mean * mean)).squareRoot())
                let value = 170 + (Double(image.pixels[y * width + x]) - mean) * 60 / spread
                out.pixels[y * width + x] = UInt8(max(0, min(255, value.rounded())))
            }
        }
        return out
    }

    /// Unsharp masking: each pixel pushed away from the mean of the `(2·radius+1)`² square around it by
    /// `amount` times the difference, so strokes softened by a small source or a blurred photo stand out again.
    public static func sharpen(_ image: GrayImage, radius: Int, amount: Double) -> GrayImage {
        let blurred = boxBlurred(image, radius: radius)
        var out = image
        for index in out.pixels.indices {
            let value = Double(image.pixels[index])
            let sharpened = value + amount * (value - Double(blurred[index]))
            out.pixels[index] = UInt8(max(0, min(255, sharpened.rounded())))
        }
        return out
    }

    /// The mean of the `(2·radius+1)`² square around each pixel (edges repeat), by rows then columns.
    private static func boxBlurred(_ image: GrayImage, radius: Int) -> [UInt8] {
        let width = image.width
        let height = image.height
        func pass(_ source: [UInt8], count: Int, lines: Int, at: (Int, Int) -> Int) -> [UInt8] {
            var out = source
            let span = 2 * radius + 1
            for line in 0..<lines {
                var sum = 0
                for k in -radius...radius { sum += Int(source[at(line, min(max(k, 0), count - 1))]) }
                for i in 0..<count {
                    out[at(line, i)] = UInt8(sum / span)
                    sum += Int(source[at(line, min(i + radius + 1, count - 1))])
                    sum -= Int(source[at(line, max(i - radius, 0))])
                }
            }
            return out
        }
        guard width > 0, height > 0, radius > 0 else { return image.pixels }
        let rows = pass(image.pixels, count: width, lines: height) { y, x in y * width + x }
        return pass(rows, count: height, lines: width) { x, y in y * width + x }
    }

    /// Otsu's threshold: the grey level that best splits the histogram into ink and paper.
    public static func otsuThreshold(_ image: GrayImage) -> UInt8 {
        var histogram = [Double](repeating: 0, count: 256)
        for value in image.pixels { histogram[Int(value)] += 1 }
        let total = Double(image.pixels.count)
        let sumAll = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset) * $1.element }
        var weightBelow = 0.0
        var sumBelow = 0.0
        var best = 0.0
        var threshold = 127
        for level in 0..<256 {
            weightBelow += histogram[level]
            guard weightBelow > 0, weightBelow < total else { continue }
            sumBelow += Double(level) * histogram[level]
            let meanBelow = sumBelow / weightBelow
            let meanAbove = (sumAll - sumBelow) / (total - weightBelow)
            let between = weightBelow * (total - weightBelow) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best {
                best = between
                threshold = level
            }
        }
        return UInt8(threshold)
    }

    /// Black ink on white at Otsu's threshold.
    public static func binarize(_ image: GrayImage) -> GrayImage {
        let threshold = otsuThreshold(image)
        var out = image
        for index in out.pixels.indices { out.pixels[index] = out.pixels[index] <= threshold ? 0 : 255 }
        return out
    }
}
