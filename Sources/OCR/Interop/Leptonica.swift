import CTesseract

/// Image formats docguard reads, told by content (Leptonica's magic-number sniffing), never by name.
public enum ImageFormat: String, Sendable {
    case png, jpeg, tiff, pnm
}

/// Decoding and encoding through Leptonica; the only Swift code here that touches Pix pointers.
public enum ImageCodec {
    /// Default pixel budget: larger images are refused before decoding (decompression bombs).
    public static let defaultPixelBudget = 60_000_000

    /// Decodes a PNG, JPEG, TIFF (first page) or PNM file's bytes to greyscale.
    /// The header is read first and images over `pixelBudget` pixels are refused undecoded.
    public static func decodeGray(_ bytes: [UInt8], pixelBudget: Int = defaultPixelBudget) throws -> GrayImage {
        silenceLeptonica
        guard bytes.count >= 8 else { throw OCRError.badImage(bytes.isEmpty ? "empty file" : "file too short") }
        let format = try sniffFormat(bytes)
        var width: Int32 = 0
        var height: Int32 = 0
        var bitsPerSample: Int32 = 0
        var samples: Int32 = 0
        var leptFormat: Int32 = 0
        var colormapped: Int32 = 0
        let headerStatus = bytes.withUnsafeBufferPointer {
            pixReadHeaderMem(
                $0.baseAddress, $0.count, &leptFormat, &width, &height, &bitsPerSample, &samples,
                &colormapped)
        }
        guard headerStatus == 0, width > 0, height > 0 else { throw OCRError.badImage("unreadable \(format) header") }
        guard Int(width) * Int(height) <= pixelBudget else {
            throw OCRError.tooLarge(width: Int(width), height: Int(height), budget: pixelBudget)
        }
        // JPEG: decode the luminance channel only (what a grey conversion would give, at a third of the work).
        let decoded = bytes.withUnsafeBufferPointer { buffer in
            format == .jpeg
                ? pixReadMemJpeg(buffer.baseAddress, buffer.count, 0, 1, nil, Int32(L_JPEG_READ_LUMINANCE))
                : pixReadMem(buffer.baseAddress, buffer.count)
        }
        guard let pix = decoded else {
            throw OCRError.badImage("corrupt or truncated \(format) data")
        }
        var owned: UnsafeMutablePointer<PIX>? = pix
        defer { pixDestroy(&owned) }
        return try grayPixels(of: pix)
    }

    /// Encodes greyscale as PNG, recording `dpi` in the file when given.
    public static func png(_ image: GrayImage, dpi: Int? = nil) throws -> [UInt8] {
        try encode(makePix(image), dpi: dpi) { data, size, pix in pixWriteMemPng(data, size, pix, 0) }
    }

    /// Encodes colour as PNG, recording `dpi` in the file when given.
    public static func png(_ image: ColorImage, dpi: Int? = nil) throws -> [UInt8] {
        try encode(makePix(image), dpi: dpi) { data, size, pix in pixWriteMemPng(data, size, pix, 0) }
    }

    /// Encodes greyscale as baseline JPEG at `quality` (1–100).
    public static func jpeg(_ image: GrayImage, quality: Int, dpi: Int? = nil) throws -> [UInt8] {
        try encode(makePix(image), dpi: dpi) { data, size, pix in pixWriteMemJpeg(data, size, pix, Int32(quality), 0) }
    }

    /// Encodes colour as baseline JPEG at `quality` (1–100).
    public static func jpeg(_ image: ColorImage, quality: Int, dpi: Int? = nil) throws -> [UInt8] {
        try encode(makePix(image), dpi: dpi) { data, size, pix in pixWriteMemJpeg(data, size, pix, Int32(quality), 0) }
    }

    /// Encodes greyscale as an uncompressed TIFF (for tests and interchange).
    public static func tiff(_ image: GrayImage) throws -> [UInt8] {
        try encode(makePix(image), dpi: nil) { data, size, pix in pixWriteMemTiff(data, size, pix, Int32(IFF_TIFF)) }
    }

    /// Encodes greyscale as binary PGM (PNM family).
    public static func pnm(_ image: GrayImage) throws -> [UInt8] {
        try encode(makePix(image), dpi: nil) { data, size, pix in pixWriteMemPnm(data, size, pix) }
    }

    /// The format the bytes are in, from their magic number.
    static func sniffFormat(_ bytes: [UInt8]) throws -> ImageFormat {
        var leptFormat: Int32 = 0
        _ = bytes.withUnsafeBufferPointer { findFileFormatBuffer($0.baseAddress, &leptFormat) }
        switch leptFormat {
        case Int32(IFF_PNG): return .png
        case Int32(IFF_JFIF_JPEG): return .jpeg
        case Int32(IFF_PNM): return .pnm
        case Int32(IFF_TIFF), Int32(IFF_TIFF_G3), Int32(IFF_TIFF_G4),
            Int32(IFF_TIFF_PACKBITS), Int32(IFF_TIFF_RLE), Int32(IFF_TIFF_LZW),
            Int32(IFF_TIFF_ZIP), Int32(IFF_TIFF_JPEG):
            return .tiff
        default: throw OCRError.badImage("not a PNG, JPEG, TIFF or PNM file")
        }
    }

    /// Leptonica prints to stderr by default; docguard reports errors itself.
    private static let silenceLeptonica: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()

    private static func grayPixels(of pix: UnsafeMutablePointer<PIX>) throws -> GrayImage {
        // Colour through the BT.601 luminance weights, as `ColorImage.gray` and a scanner's grey mode.
        let converted = pixGetDepth(pix) == 32 ? pixConvertRGBToGray(pix, 0.299, 0.587, 0.114) : pixConvertTo8(pix, 0)
        guard let gray = converted else { throw OCRError.badImage("unsupported pixel layout") }
        var owned: UnsafeMutablePointer<PIX>? = gray
        defer { pixDestroy(&owned) }
        let width = Int(pixGetWidth(gray))
        let height = Int(pixGetHeight(gray))
        let wordsPerLine = Int(pixGetWpl(gray))
        guard pixGetDepth(gray) == 8, let data = pixGetData(gray) else { throw OCRError.badImage("unsupported depth") }
        pixEndianByteSwap(gray)  // Leptonica keeps bytes big-endian inside 32-bit words
        var out = [UInt8](repeating: 0, count: width * height)
        let source = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        out.withUnsafeMutableBufferPointer { dest in
            for y in 0..<height {
                (dest.baseAddress! + y * width).update(from: source + y * wordsPerLine * 4, count: width)
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }

    static func makePix(_ image: GrayImage) throws -> UnsafeMutablePointer<PIX> {
        guard let pix = pixCreate(Int32(image.width), Int32(image.height), 8), let data = pixGetData(pix) else {
            throw OCRError.encodeFailed("out of memory")
        }
        let wordsPerLine = Int(pixGetWpl(pix))
        let dest = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt8.self)
        image.pixels.withUnsafeBufferPointer { source in
            for y in 0..<image.height {
                (dest + y * wordsPerLine * 4).update(from: source.baseAddress! + y * image.width, count: image.width)
            }
        }
        pixEndianByteSwap(pix)
        return pix
    }

    static func makePix(_ image: ColorImage) throws -> UnsafeMutablePointer<PIX> {
        guard let pix = pixCreate(Int32(image.width), Int32(image.height), 32), let data = pixGetData(pix) else {
            throw OCRError.encodeFailed("out of memory")
        }
        let wordsPerLine = Int(pixGetWpl(pix))
        image.rgb.withUnsafeBufferPointer { rgb in
            for y in 0..<image.height {
                let row = data + y * wordsPerLine
                for x in 0..<image.width {
                    let i = 3 * (y * image.width + x)
                    row[x] = UInt32(rgb[i]) << 24 | UInt32(rgb[i + 1]) << 16 | UInt32(rgb[i + 2]) << 8
                }
            }
        }
        return pix
    }

    static func encode(
        _ pix: UnsafeMutablePointer<PIX>, dpi: Int?,
        writer: (
            UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>,
            UnsafeMutablePointer<PIX>
        ) -> Int32
    ) throws -> [UInt8] {
        var owned: UnsafeMutablePointer<PIX>? = pix
        defer { pixDestroy(&owned) }
        if let dpi { pixSetResolution(pix, Int32(dpi), Int32(dpi)) }
        var data: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        guard writer(&data, &size, pix) == 0, let data else { throw OCRError.encodeFailed("Leptonica writer failed") }
        defer { free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
