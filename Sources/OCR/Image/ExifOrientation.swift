/// The orientation a JPEG's EXIF block records (TIFF tag 0x0112): how the stored pixels must be turned or
/// mirrored to show the picture upright. Phones store pictures as the sensor saw them and say so here; a
/// mirrored MRZ cannot be read, so the page is put right before anything looks at it.
public struct ExifOrientation: Sendable, Equatable {
    /// The EXIF value, 1 (as stored) to 8.
    public var value: Int

    /// The orientation of `value`; anything outside 1…8 counts as 1.
    public init(value: Int) { self.value = (1...8).contains(value) ? value : 1 }

    /// The orientation recorded in a JPEG file's first APP1 Exif segment; 1 when there is none or it cannot be
    /// read (a damaged EXIF block never stops a scan).
    public init(jpeg bytes: [UInt8]) {
        self.init(value: Self.read(bytes) ?? 1)
    }

    /// `image` shown upright.
    public func upright(_ image: GrayImage) -> GrayImage {
        switch value {
        case 2: return Self.transform(image, swap: false) { x, y, w, _ in (w - 1 - x, y) }
        case 3: return Self.transform(image, swap: false) { x, y, w, h in (w - 1 - x, h - 1 - y) }
        case 4: return Self.transform(image, swap: false) { x, y, _, h in (x, h - 1 - y) }
        case 5: return Self.transform(image, swap: true) { x, y, _, _ in (y, x) }
        case 6: return Self.transform(image, swap: true) { x, y, _, h in (y, h - 1 - x) }
        case 7: return Self.transform(image, swap: true) { x, y, w, h in (w - 1 - y, h - 1 - x) }
        case 8: return Self.transform(image, swap: true) { x, y, w, _ in (w - 1 - y, x) }
        default: return image
        }
    }

    /// An image whose pixel (x, y) is the source pixel `source(x, y, sourceWidth, sourceHeight)`.
    private static func transform(
        _ image: GrayImage, swap: Bool, source: (Int, Int, Int, Int) -> (Int, Int)
    ) -> GrayImage {
        let (width, height) = swap ? (image.height, image.width) : (image.width, image.height)
        var out = [UInt8](repeating: 255, count: width * height)
        image.pixels.withUnsafeBufferPointer { pixels in
            out.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    for x in 0..<width {
                        let (sx, sy) = source(x, y, image.width, image.height)
                        out[y * width + x] = pixels[sy * image.width + sx]
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }

    /// Walks the JPEG markers to APP1 "Exif", then IFD0 of its TIFF block to tag 0x0112.
    private static func read(_ bytes: [UInt8]) -> Int? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            // Start of scan or end of image: no EXIF before the picture data.
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { return nil }
            let segment = (offset + 4)..<(offset + 2 + length)
            if marker == 0xE1, segment.count > 14,
                Array(bytes[segment.lowerBound..<(segment.lowerBound + 6)])
                    == Array("Exif\0\0".utf8)
            {
                return orientation(inTIFF: Array(bytes[(segment.lowerBound + 6)..<segment.upperBound]))
            }
            offset += 2 + length
        }
        return nil
    }

    private static func orientation(inTIFF tiff: [UInt8]) -> Int? {
        guard tiff.count >= 8 else { return nil }
        let bigEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func unsigned(_ at: Int, _ size: Int) -> Int? {
            guard at >= 0, at + size <= tiff.count else { return nil }
            var value = 0
            for index in 0..<size {
                let byte = Int(tiff[bigEndian ? at + index : at + size - 1 - index])
                value = value << 8 | byte
            }
            return value
        }
        guard let directory = unsigned(4, 4), let entries = unsigned(directory, 2) else { return nil }
        for entry in 0..<min(entries, 512) {
            let at = directory + 2 + 12 * entry
            guard let tag = unsigned(at, 2) else { return nil }
            if tag == 0x0112 { return unsigned(at + 8, 2) }
        }
        return nil
    }
}
