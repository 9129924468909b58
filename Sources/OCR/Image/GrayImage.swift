/// An 8-bit greyscale raster, row-major, 0 = black, 255 = white; the value every stage passes on.
public struct GrayImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height` bytes, row after row.
    public var pixels: [UInt8]

    /// An image filled with one grey level.
    public init(width: Int, height: Int, fill: UInt8 = 255) {
        self.width = width
        self.height = height
        self.pixels = [UInt8](repeating: fill, count: width * height)
    }

    /// Wraps existing pixels; `pixels.count` must be `width * height`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The grey level at (x, y); no bounds check beyond the array's.
    @inlinable public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Bilinear sample at a real-valued position; outside the image reads `outside`.
    @inlinable public func sample(_ x: Double, _ y: Double, outside: UInt8 = 255) -> UInt8 {
        let x0 = Int(x.rounded(.down))
        let y0 = Int(y.rounded(.down))
        guard x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height else {
            let xi = Int(x.rounded())
            let yi = Int(y.rounded())
            guard xi >= 0, yi >= 0, xi < width, yi < height else { return outside }
            return pixels[yi * width + xi]
        }
        return pixels.withUnsafeBufferPointer { p in
            Self.blend(p, at: y0 * width + x0, width: width, fx: x - Double(x0), fy: y - Double(y0))
        }
    }

    /// The bilinear blend of the 2 × 2 pixels whose top-left one is `pixels[index]` (rows `width` long), at
    /// `fx`, `fy` (0..<1) from it; `sample` and `ImageOps.resample` both read through it.
    @inlinable @inline(__always)
    static func blend(_ pixels: UnsafeBufferPointer<UInt8>, at index: Int, width: Int, fx: Double, fy: Double) -> UInt8
    {
        let top = Double(pixels[index]) * (1 - fx) + Double(pixels[index + 1]) * fx
        let bottom = Double(pixels[index + width]) * (1 - fx) + Double(pixels[index + width + 1]) * fx
        // Rounds half up, as `rounded()` does for these non-negative values, without a libm call per pixel.
        return UInt8(top * (1 - fy) + bottom * fy + 0.5)
    }
}

/// A 24-bit RGB raster, row-major, three bytes per pixel; only synthetic scans are made in colour.
public struct ColorImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 3` bytes: R, G, B per pixel, row after row.
    public var rgb: [UInt8]

    /// Wraps existing RGB bytes; `rgb.count` must be `width * height * 3`.
    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(rgb.count == width * height * 3, "byte count does not match the size")
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// The luminance image (ITU-R BT.601 weights), as a scanner's grey mode would give.
    public var gray: GrayImage {
        var out = [UInt8](repeating: 0, count: width * height)
        for i in 0..<(width * height) {
            let r = Int(rgb[3 * i])
            let g = Int(rgb[3 * i + 1])
            let b = Int(rgb[3 * i + 2])
            out[i] = UInt8((299 * r + 587 * g + 114 * b + 500) / 1000)
        }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
