import OCR

/// The document turned on the bed by a quarter, half or three-quarter turn: the whole scan rotated.
enum Turn {
    /// `image` rotated clockwise by `degrees` (0, 90, 180 or 270).
    static func apply(_ image: ColorImage, degrees: Int) -> ColorImage {
        let w = image.width
        let h = image.height
        guard degrees % 360 != 0 else { return image }
        let quarter = degrees == 90 || degrees == 270
        let outW = quarter ? h : w
        let outH = quarter ? w : h
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        image.rgb.withUnsafeBufferPointer { source in
            rgb.withUnsafeMutableBufferPointer { out in
                for y in 0..<outH {
                    for x in 0..<outW {
                        // Source pixel that lands on (x, y) after the clockwise turn.
                        let sx: Int
                        let sy: Int
                        switch degrees {
                        case 90: (sx, sy) = (y, h - 1 - x)
                        case 180: (sx, sy) = (w - 1 - x, h - 1 - y)
                        default: (sx, sy) = (w - 1 - y, x)
                        }
                        let i = 3 * (y * outW + x)
                        let j = 3 * (sy * w + sx)
                        out[i] = source[j]
                        out[i + 1] = source[j + 1]
                        out[i + 2] = source[j + 2]
                    }
                }
            }
        }
        return ColorImage(width: outW, height: outH, rgb: rgb)
    }
}
