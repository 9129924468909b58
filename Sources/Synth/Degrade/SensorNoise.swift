import OCR

/// Scanner sensor noise: roughly Gaussian, independent per pixel, mostly in brightness.
enum SensorNoise {
    /// Adds noise of standard deviation `sigma` grey levels to every pixel of `image`.
    static func apply(_ image: inout ColorImage, sigma: Double, using generator: inout some RandomNumberGenerator) {
        let count = image.width * image.height
        image.rgb.withUnsafeMutableBufferPointer { rgb in
            for i in 0..<count {
                // Sum of four 16-bit uniforms: mean 2, variance 1/3, near enough to a Gaussian.
                let bits = generator.next()
                var sum = 0.0
                for k in 0..<4 { sum += Double((bits >> (16 * UInt64(k))) & 0xFFFF) / 65536 }
                let luminance = (sum - 2) * 1.7320508 * sigma
                let tint = (Double(bits & 0xFF) / 255 - 0.5) * sigma * 0.5
                for c in 0..<3 {
                    let value = Double(rgb[3 * i + c]) + luminance + (c == 1 ? -tint : tint)
                    rgb[3 * i + c] = UInt8(max(0, min(255, value.rounded())))
                }
            }
        }
    }
}
