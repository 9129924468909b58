import CTesseract
import Foundation
import Testing

@testable import OCR

/// Image files in the layouts docguard must read but never writes itself, made for the decode tests: what
/// Leptonica writes (BMP, WebP, GIF, JPEG 2000, multi-page TIFF, RGBA PNG) and PNGs put together byte by byte.
enum ImageFiles {
    /// Formats written through Leptonica, lossless where the format allows.
    enum Written: String, CaseIterable, CustomTestStringConvertible {
        case bmp, webp, gif, jp2

        var testDescription: String { rawValue }

        /// `image` in this format.
        func bytes(_ image: GrayImage) throws -> [UInt8] { try write(ImageCodec.makePix(image)) }

        /// `image` in this format (GIF quantises colour, so only the grey tests use it).
        func bytes(_ image: ColorImage) throws -> [UInt8] { try write(ImageCodec.makePix(image)) }

        private func write(_ pix: UnsafeMutablePointer<PIX>) throws -> [UInt8] {
            switch self {
            case .bmp: return try ImageCodec.encode(pix, dpi: nil) { pixWriteMemBmp($0, $1, $2) }
            case .webp: return try ImageCodec.encode(pix, dpi: nil) { pixWriteMemWebP($0, $1, $2, 100, 1) }
            case .gif: return try ImageCodec.encode(pix, dpi: nil) { pixWriteMemGif($0, $1, $2) }
            // Quality 100 is lossless in Leptonica's JPEG 2000 writer.
            case .jp2: return try ImageCodec.encode(pix, dpi: nil) { pixWriteMemJp2k($0, $1, $2, 100, 0, 0, 0) }
            }
        }
    }

    /// One page of a multi-page TIFF.
    enum Page {
        case gray(GrayImage)
        case colour(ColorImage)
    }

    /// A TIFF holding `pages` in order.
    static func multipageTIFF(_ pages: [Page]) throws -> [UInt8] {
        var pixa = pixaCreate(Int32(pages.count))
        defer { pixaDestroy(&pixa) }
        for page in pages {
            let pix: UnsafeMutablePointer<PIX>
            switch page {
            case .gray(let image): pix = try ImageCodec.makePix(image)
            case .colour(let image): pix = try ImageCodec.makePix(image)
            }
            pixaAddPix(pixa, pix, Int32(L_INSERT))
        }
        var data: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        guard pixaWriteMemMultipageTiff(&data, &size, pixa) == 0, let data else {
            throw OCRError.encodeFailed("multi-page TIFF")
        }
        defer { free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// An RGBA PNG (8 bits a sample) whose pixel (x, y) is `pixel(x, y)` as (red, green, blue, alpha).
    static func rgbaPNG(width: Int, height: Int, pixel: (Int, Int) -> (Int, Int, Int, Int)) throws -> [UInt8] {
        guard let pix = pixCreate(Int32(width), Int32(height), 32) else { throw OCRError.encodeFailed("pixCreate") }
        pixSetSpp(pix, 4)
        for y in 0..<height {
            for x in 0..<width {
                let (red, green, blue, alpha) = pixel(x, y)
                var value: UInt32 = 0
                composeRGBAPixel(Int32(red), Int32(green), Int32(blue), Int32(alpha), &value)
                pixSetPixel(pix, Int32(x), Int32(y), value)
            }
        }
        return try ImageCodec.encode(pix, dpi: nil) { pixWriteMemPng($0, $1, $2, 0) }
    }

    /// A PNG of any colour type and bit depth from its raw scanlines (filter 0, stored deflate blocks).
    static func png(
        width: Int, height: Int, bitDepth: UInt8, colourType: UInt8, rows: [[UInt8]], palette: [UInt8] = [],
        transparency: [UInt8] = []
    ) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(PNGHeader.crc32(body))
        }
        let raw: [UInt8] = rows.flatMap { [UInt8(0)] + $0 }
        var zlib: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(raw.count, start + 65_535)
            let count = UInt16(end - start)
            zlib += [UInt8(end == raw.count ? 1 : 0), UInt8(count & 0xFF), UInt8(count >> 8)]
            zlib += [UInt8(~count & 0xFF), UInt8(~count >> 8)] as [UInt8]
            zlib += raw[start..<end]
            start = end
        } while start < raw.count
        var (a, b): (UInt32, UInt32) = (1, 0)
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        zlib += bigEndian(b << 16 | a)
        let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [bitDepth, colourType, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + (palette.isEmpty ? [] : chunk("PLTE", palette))
            + (transparency.isEmpty ? [] : chunk("tRNS", transparency)) + chunk("IDAT", zlib) + chunk("IEND", [])
    }
}
