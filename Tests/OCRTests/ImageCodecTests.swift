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

    @Test("other formats Leptonica reads decode to the same grey picture", arguments: ImageFiles.Written.allCases)
    func otherFormats(format: ImageFiles.Written) throws {
        let bytes = try format.bytes(Self.page)
        #expect(try ImageCodec.sniffFormat(bytes).rawValue == format.rawValue)
        #expect(ImageCodec.pageCount(bytes) == 1)
        #expect(try ImageCodec.decodeGray(bytes) == Self.page)
    }

    @Test("colour in other formats is read as luminance", arguments: [ImageFiles.Written.bmp, .webp, .jp2])
    func otherFormatsInColour(format: ImageFiles.Written) throws {
        let bytes = try format.bytes(Self.marks)
        #expect(ImageCodec.hasColour(bytes))
        let decoded = try ImageCodec.decodeGray(bytes)
        #expect(decoded.width == Self.marks.width && decoded.height == Self.marks.height)
        let worst = zip(decoded.pixels, Self.marks.gray.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 2)
    }

    /// Three pages of different sizes and content, the middle one in colour.
    static let pages: [ImageFiles.Page] = [
        .gray(page), .colour(marks), .gray(GrayImage(width: 20, height: 70, fill: 77)),
    ]

    @Test func everyPageOfAMultiPageTIFFIsRead() throws {
        let bytes = try ImageFiles.multipageTIFF(Self.pages)
        #expect(try ImageCodec.sniffFormat(bytes) == .tiff)
        #expect(ImageCodec.pageCount(bytes) == 3)
        #expect(try ImageCodec.decodeGray(bytes) == Self.page)
        #expect(try ImageCodec.decodeGray(bytes, page: 0) == Self.page)
        let second = try ImageCodec.decodeGray(bytes, page: 1)
        #expect(second.width == Self.marks.width && second.height == Self.marks.height)
        #expect(zip(second.pixels, Self.marks.gray.pixels).allSatisfy { abs(Int($0) - Int($1)) <= 2 })
        #expect(try ImageCodec.decodeGray(bytes, page: 2) == GrayImage(width: 20, height: 70, fill: 77))
        #expect(!ImageCodec.hasColour(bytes, page: 0))
        #expect(ImageCodec.hasColour(bytes, page: 1))
        #expect(!ImageCodec.hasColour(bytes, page: 2))
        #expect(throws: OCRError.badImage("no page 4")) { try ImageCodec.decodeGray(bytes, page: 3) }
    }

    @Test func pagesAreCountedUpToTheMaximum() throws {
        let many = (0..<(ImageCodec.maximumPages + 4)).map {
            ImageFiles.Page.gray(GrayImage(width: 8, height: 8, fill: UInt8($0 * 10)))
        }
        let bytes = try ImageFiles.multipageTIFF(many)
        #expect(ImageCodec.pageCount(bytes) == ImageCodec.maximumPages)
        // The cap is on counting, not on reading: a page past it is still there.
        #expect(try ImageCodec.decodeGray(bytes, page: ImageCodec.maximumPages + 1)[0, 0] == 170)
    }

    @Test(
        "pages of files that are not TIFF", arguments: [("png", 1), ("jpeg", 1), ("tiff", 1), ("garbage", 1)])
    func singlePageFiles(kind: String, pages: Int) throws {
        let bytes: [UInt8]
        switch kind {
        case "png": bytes = try ImageCodec.png(Self.page)
        case "jpeg": bytes = try ImageCodec.jpeg(Self.page, quality: 90)
        case "tiff": bytes = try ImageCodec.tiff(Self.page)
        default: bytes = try BadInput.randomBytes.bytes()
        }
        #expect(ImageCodec.pageCount(bytes) == pages)
    }

    @Test func transparentBlackInAnRGBAPNGIsPaper() throws {
        // Left half fully transparent black (what many editors store), then opaque black, opaque grey, and
        // black at half opacity.
        let bytes = try ImageFiles.rgbaPNG(width: 16, height: 4) { x, _ in
            switch x {
            case 0..<8: return (0, 0, 0, 0)
            case 8..<10: return (0, 0, 0, 255)
            case 10..<12: return (100, 100, 100, 255)
            default: return (0, 0, 0, 128)
            }
        }
        let decoded = try ImageCodec.decodeGray(bytes)
        for y in 0..<4 {
            #expect(decoded[3, y] == 255)
            #expect(decoded[8, y] == 0)
            #expect(abs(Int(decoded[10, y]) - 100) <= 1)
            #expect(abs(Int(decoded[14, y]) - 127) <= 2)
        }
        let inkOnly = try ImageCodec.decodeGray(bytes, conversion: .inkOnly)
        #expect(inkOnly[3, 0] == 255 && inkOnly[8, 0] == 0)
    }

    @Test func transparentBlackInAGreyAlphaPNGIsPaper() throws {
        // Grey + alpha (colour type 4): transparent black, opaque black, opaque 200, in three columns.
        let row: [UInt8] = [0, 0, 0, 255, 200, 255]
        let bytes = ImageFiles.png(width: 3, height: 2, bitDepth: 8, colourType: 4, rows: [row, row])
        #expect(!ImageCodec.hasColour(bytes))
        let decoded = try ImageCodec.decodeGray(bytes)
        #expect(decoded == GrayImage(width: 3, height: 2, pixels: [255, 0, 200, 255, 0, 200]))
    }

    @Test func sixteenBitGreyPNGDecodes() throws {
        // 16-bit samples 257·v read as v.
        let rows = (0..<Self.page.height).map { y in
            (0..<Self.page.width).flatMap { x in [Self.page[x, y], Self.page[x, y]] }
        }
        let bytes = ImageFiles.png(
            width: Self.page.width, height: Self.page.height, bitDepth: 16, colourType: 0, rows: rows)
        #expect(try ImageCodec.decodeGray(bytes) == Self.page)
    }

    @Test func palettePNGDecodes() throws {
        // Entry 0 white, 1 black, 2 pure red, 3 transparent black (tRNS): one row of each.
        let palette: [UInt8] = [255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 0]
        let rows: [[UInt8]] = [[0, 0], [1, 1], [2, 2], [3, 3]]
        let opaque = ImageFiles.png(
            width: 2, height: 3, bitDepth: 8, colourType: 3, rows: Array(rows.prefix(3)), palette: palette)
        let decoded = try ImageCodec.decodeGray(opaque)
        #expect(decoded[0, 0] == 255 && decoded[1, 1] == 0)
        #expect(abs(Int(decoded[0, 2]) - 76) <= 2)
        #expect(ImageCodec.hasColour(opaque))
        #expect(try ImageCodec.decodeGray(opaque, conversion: .inkOnly)[0, 2] == 255)
        let transparent = ImageFiles.png(
            width: 2, height: 4, bitDepth: 8, colourType: 3, rows: rows, palette: palette,
            transparency: [255, 255, 255, 0])
        let flattened = try ImageCodec.decodeGray(transparent)
        #expect(flattened[0, 1] == 0 && flattened[1, 3] == 255)
    }

    /// White with a black square on the left and a pure red one on the right.
    static let marks: ColorImage = {
        var rgb = [UInt8](repeating: 255, count: 48 * 24 * 3)
        for y in 4..<20 {
            for x in 4..<20 { rgb.replaceSubrange((3 * (y * 48 + x))..<(3 * (y * 48 + x) + 3), with: [0, 0, 0]) }
            for x in 28..<44 { rgb.replaceSubrange((3 * (y * 48 + x))..<(3 * (y * 48 + x) + 3), with: [255, 0, 0]) }
        }
        return ColorImage(width: 48, height: 24, rgb: rgb)
    }()

    @Test("ink-only washes coloured print out and keeps black", arguments: ["png", "jpeg"])
    func inkOnly(format: String) throws {
        let bytes = format == "png" ? try ImageCodec.png(Self.marks) : try ImageCodec.jpeg(Self.marks, quality: 95)
        let tolerance = format == "png" ? 2 : 24
        #expect(ImageCodec.hasColour(bytes))
        let luminance = try ImageCodec.decodeGray(bytes)
        let inkOnly = try ImageCodec.decodeGray(bytes, conversion: .inkOnly)
        // Centres of the black square, the red one, and the paper between them.
        #expect(Int(luminance[12, 12]) <= tolerance && Int(inkOnly[12, 12]) <= tolerance)
        #expect(abs(Int(luminance[36, 12]) - 76) <= tolerance)
        #expect(Int(inkOnly[36, 12]) >= 255 - tolerance)
        #expect(Int(luminance[24, 12]) >= 255 - tolerance && Int(inkOnly[24, 12]) >= 255 - tolerance)
    }

    @Test(
        "colour is told from grey",
        arguments: [
            ("grey PNG", false), ("colour PNG", true), ("grey JPEG", false), ("colour JPEG", true),
            ("grey TIFF", false), ("garbage", false), ("empty", false),
        ])
    func hasColour(kind: String, colour: Bool) throws {
        let bytes: [UInt8]
        switch kind {
        case "grey PNG": bytes = try ImageCodec.png(Self.page)
        case "colour PNG": bytes = try ImageCodec.png(Self.marks)
        case "grey JPEG": bytes = try ImageCodec.jpeg(Self.page, quality: 90)
        case "colour JPEG": bytes = try ImageCodec.jpeg(Self.marks, quality: 90)
        case "grey TIFF": bytes = try ImageCodec.tiff(Self.page)
        case "garbage": bytes = try BadInput.randomBytes.bytes()
        default: bytes = []
        }
        #expect(ImageCodec.hasColour(bytes) == colour)
    }

    @Test("bad input in the other formats is a typed error", arguments: ImageFiles.Written.allCases)
    func badOtherFormats(format: ImageFiles.Written) throws {
        let bytes = try format.bytes(Self.page)
        for cut in [bytes.count / 2, 40, 16] {
            #expect(throws: OCRError.self, "cut at \(cut)") { try ImageCodec.decodeGray(Array(bytes.prefix(cut))) }
        }
    }

    @Test func aTruncatedMultiPageTIFFKeepsTheWholePagesAndRefusesTheRest() throws {
        let whole = try ImageFiles.multipageTIFF(Self.pages)
        let bytes = Array(whole.prefix(whole.count / 2))
        #expect(ImageCodec.pageCount(bytes) < 3)
        #expect(try ImageCodec.decodeGray(bytes) == Self.page)
        #expect(throws: OCRError.self) { try ImageCodec.decodeGray(bytes, page: 2) }
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
