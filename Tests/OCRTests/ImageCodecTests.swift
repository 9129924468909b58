import Testing

@testable import OCR

@Suite struct ImageCodecTests {
    /// A small page with a gradient and a dark square, so decode errors would show.
    static let page: GrayImage = {
        var image = GrayImage(width: 64, height: 40)
        for y in 0..<40 {
            for x in 0..<64 { image[x, y] = UInt8(128 + (x + y) % 100) }
        }
        for y in 10..<20 { for x in 10..<30 { image[x, y] = 10 } }
        return image
    }()

    @Test("lossless formats round-trip pixel for pixel", arguments: ["png", "tiff", "pnm"])
    func losslessRoundTrip(format: String) throws {
        let bytes: [UInt8]
        switch format {
        case "png": bytes = try ImageCodec.png(Self.page)
        case "tiff": bytes = try ImageCodec.tiff(Self.page)
        default: bytes = try ImageCodec.pnm(Self.page)
        }
        #expect(try ImageCodec.sniffFormat(bytes).rawValue == format)
        #expect(try ImageCodec.decodeGray(bytes) == Self.page)
    }

    @Test func jpegDecodesCloseToTheOriginal() throws {
        let bytes = try ImageCodec.jpeg(Self.page, quality: 95)
        #expect(try ImageCodec.sniffFormat(bytes) == .jpeg)
        let decoded = try ImageCodec.decodeGray(bytes)
        #expect(decoded.width == 64 && decoded.height == 40)
        let worst = zip(decoded.pixels, Self.page.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst < 40)
    }

    @Test func colourIsReadAsLuminance() throws {
        let red = ColorImage(width: 2, height: 1, rgb: [255, 0, 0, 0, 0, 255])
        let decoded = try ImageCodec.decodeGray(ImageCodec.png(red))
        #expect(abs(Int(decoded[0, 0]) - Int(red.gray[0, 0])) <= 2)
        #expect(abs(Int(decoded[1, 0]) - Int(red.gray[1, 0])) <= 2)
    }

    @Test("bad input is a typed error, never a crash", arguments: BadInput.allCases)
    func badInput(kind: BadInput) throws {
        #expect(throws: OCRError.self) { try ImageCodec.decodeGray(kind.bytes()) }
    }

    @Test func hugeImagesAreRefusedFromTheHeader() throws {
        // A PNG whose header claims 100 000 × 100 000 pixels and has no image data at all.
        let bytes = PNGHeader.bytes(width: 100_000, height: 100_000)
        #expect(throws: OCRError.tooLarge(width: 100_000, height: 100_000, budget: ImageCodec.defaultPixelBudget)) {
            try ImageCodec.decodeGray(bytes)
        }
        let small = try ImageCodec.png(Self.page)
        #expect(throws: OCRError.self) { try ImageCodec.decodeGray(small, pixelBudget: 100) }
    }
}

/// Kinds of file that are not images docguard can read.
enum BadInput: String, CaseIterable, CustomTestStringConvertible {
    case empty, tiny, text, randomBytes, truncatedPNG, truncatedJPEG, pngSignatureOnly

    var testDescription: String { rawValue }

    func bytes() throws -> [UInt8] {
        switch self {
        case .empty: return []
        case .tiny: return [0x89, 0x50]
        case .text: return Array("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nnot an image\n".utf8)
        case .randomBytes:
            var state: UInt32 = 12345
            return (0..<4096).map { _ in
                state = state &* 1_664_525 &+ 1_013_904_223
                return UInt8(truncatingIfNeeded: state >> 24)
            }
        case .truncatedPNG: return Array(try ImageCodec.png(ImageCodecTests.page).prefix(60))
        case .truncatedJPEG: return Array(try ImageCodec.jpeg(ImageCodecTests.page, quality: 80).prefix(200))
        case .pngSignatureOnly: return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        }
    }
}

/// A PNG signature and IHDR chunk (with a correct CRC) declaring any size: a decompression-bomb header.
enum PNGHeader {
    static func bytes(width: UInt32, height: UInt32) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        let chunk = Array("IHDR".utf8) + bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian(13) + chunk + bigEndian(crc32(chunk))
            + bigEndian(0) + Array("IEND".utf8) + bigEndian(0xAE42_6082)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
