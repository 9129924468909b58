/// Pixels darker than their surroundings: a local-mean threshold that survives uneven light and
/// light security backgrounds while keeping dark MRZ print.
public struct InkMask: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// 1 where there is ink, 0 elsewhere, row-major.
    public var ink: [UInt8]

    /// Thresholds `image` against the mean of a `window`-pixel square around each pixel: ink is at least
    /// `relativeContrast` darker than the mean and `minimumContrast` grey levels below it.
    public init(_ image: GrayImage, window: Int, relativeContrast: Double = 0.3, minimumContrast: Int = 40) {
        width = image.width
        height = image.height
        ink = [UInt8](repeating: 0, count: width * height)
        guard width > 0, height > 0 else { return }
        let integral = IntegralImage(image)
        let radius = max(1, window / 2)
        let keep = Int((1 - relativeContrast) * 1024)
        image.pixels.withUnsafeBufferPointer { pixels in
            ink.withUnsafeMutableBufferPointer { ink in
                for y in 0..<height {
                    let y0 = max(0, y - radius)
                    let y1 = min(height, y + radius + 1)
                    for x in 0..<width {
                        let x0 = max(0, x - radius)
                        let x1 = min(width, x + radius + 1)
                        let area = (y1 - y0) * (x1 - x0)
                        let sum = integral.sum(x0: x0, y0: y0, x1: x1, y1: y1)
                        let value = Int(pixels[y * width + x])
                        // value < mean * keep/1024 and value < mean - minimumContrast, without dividing.
                        if value * area * 1024 < sum * keep && (value + minimumContrast) * area < sum {
                            ink[y * width + x] = 1
                        }
                    }
                }
            }
        }
    }
}

/// Summed-area table for constant-time box sums.
struct IntegralImage {
    let stride: Int
    var sums: [Int]

    init(_ image: GrayImage) {
        stride = image.width + 1
        sums = [Int](repeating: 0, count: stride * (image.height + 1))
        image.pixels.withUnsafeBufferPointer { pixels in
            sums.withUnsafeMutableBufferPointer { sums in
                for y in 0..<image.height {
                    var row = 0
                    for x in 0..<image.width {
                        row += Int(pixels[y * image.width + x])
                        sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row
                    }
                }
            }
        }
    }

    /// Sum over columns x0..<x1 and rows y0..<y1.
    @inline(__always) func sum(x0: Int, y0: Int, x1: Int, y1: Int) -> Int {
        sums[y1 * stride + x1] - sums[y0 * stride + x1] - sums[y1 * stride + x0] + sums[y0 * stride + x0]
    }
}
