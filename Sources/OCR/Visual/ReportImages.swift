import MRZ
import VisualZone

/// What an officer looks at beside a result that needs a look: the MRZ band as read and a small picture of the
/// document around it, with the printed fields that differ from the MRZ outlined in red. JPEG bytes, each under
/// `maximumBytes`, to embed in the report as they are.
public struct ReportImages: Sendable, Equatable {
    /// The MRZ band, upright, capitals `bandCharacterHeight` pixels high.
    public var band: [UInt8]
    /// The document (printed page and MRZ), upright, at most `pageWidth` pixels wide.
    public var page: [UInt8]

    /// Capital height of the band picture.
    static let bandCharacterHeight = 14.0
    /// Width of the page picture.
    static let pageWidth = 480.0
    /// Size cap per picture: a report of hundreds of reviews stays a file that opens on a phone.
    public static let maximumBytes = 40_000

    /// Pictures already encoded.
    public init(band: [UInt8], page: [UInt8]) {
        self.band = band
        self.page = page
    }

    /// The pictures of `band` on `page`, with `outlined` boxes (in `view`'s pixels) drawn on the page picture;
    /// nil when they cannot be encoded under the size cap.
    public init?(band: MRZBand, on page: GrayImage, view: VisualZoneView, outlined: [PrintedBox]) {
        let bandScale = Self.bandCharacterHeight / max(1, band.characterHeight)
        let margin = band.characterHeight
        let side = 2 * band.pitch
        let length = max(band.extent, Double(band.lineLength - 1) * band.pitch)
        let bandOrigin = band.origin - band.axis * side - band.down * margin
        let bandImage = ImageOps.normalizeContrast(
            ImageOps.resample(
                page, origin: bandOrigin, xStep: band.axis * (1 / bandScale), yStep: band.down * (1 / bandScale),
                width: Int((length + 2 * side) * bandScale),
                height: Int(((band.lineOffsets.last ?? 0) + 2 * margin) * bandScale)))
        // The page picture spans the view and the band below it, at the view's own axes.
        let viewScale = Self.pageWidth / Double(view.image.width)
        let step = 1 / viewScale
        let bandBottom = (band.lineOffsets.last ?? 0) + 2 * band.characterHeight
        let heightInView = Double(view.image.height) + bandBottom / view.yStep.length
        let picture = ImageOps.resample(
            page, origin: view.origin, xStep: view.xStep * step, yStep: view.yStep * step,
            width: Int(Self.pageWidth), height: Int(heightInView * viewScale))
        let outlinedPicture = Self.outline(
            picture,
            boxes: outlined.map { box in
                PrintedBox(
                    x: Int(Double(box.x) * viewScale), y: Int(Double(box.y) * viewScale),
                    width: Int(Double(box.width) * viewScale), height: Int(Double(box.height) * viewScale))
            })
        guard let bandBytes = Self.encoded({ try ImageCodec.jpeg(bandImage, quality: $0) }),
            let pageBytes = Self.encoded({ try ImageCodec.jpeg(outlinedPicture, quality: $0) })
        else { return nil }
        self.band = bandBytes
        self.page = pageBytes
    }

    /// JPEG bytes at the best of a few qualities that fits the cap.
    private static func encoded(_ encode: (Int) throws -> [UInt8]) -> [UInt8]? {
        for quality in [70, 50, 30] {
            if let bytes = try? encode(quality), bytes.count <= maximumBytes { return bytes }
        }
        return nil
    }

    /// `image` in colour with a red frame, 2 pixels wide, a pixel outside each box.
    static func outline(_ image: GrayImage, boxes: [PrintedBox]) -> ColorImage {
        var rgb = [UInt8](repeating: 0, count: image.width * image.height * 3)
        for index in 0..<(image.width * image.height) {
            let grey = image.pixels[index]
            rgb[3 * index] = grey
            rgb[3 * index + 1] = grey
            rgb[3 * index + 2] = grey
        }
        func paint(_ x: Int, _ y: Int) {
            guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
            let index = 3 * (y * image.width + x)
            rgb[index] = 220
            rgb[index + 1] = 0
            rgb[index + 2] = 32
        }
        for box in boxes {
            let (left, top, right, bottom) = (box.x - 3, box.y - 3, box.right + 2, box.bottom + 2)
            for width in 0..<2 {
                for x in left...right {
                    paint(x, top + width)
                    paint(x, bottom - width)
                }
                for y in top...bottom {
                    paint(left + width, y)
                    paint(right - width, y)
                }
            }
        }
        return ColorImage(width: image.width, height: image.height, rgb: rgb)
    }
}
