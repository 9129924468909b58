import CTesseract

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Image formats docguard reads, told by content (Leptonica's magic-number sniffing), never by name.
public enum ImageFormat: String, Sendable {
    case png, jpeg, tiff, pnm, bmp, webp, gif, jp2
}

/// How colour becomes grey.
public enum GrayConversion: Sendable {
    /// Luminance (BT.601), as a scanner's grey mode gives: the fast path, and what the model was trained on.
    case luminance
    /// Each pixel's brightest channel: coloured print (annotation boxes, stamps, tinted guilloche, a red
    /// "SPECIMEN") washes out to white while black MRZ ink stays black. ICAO 9303-3 asks for MRZ print that
    /// is dark in every band, so this view keeps the MRZ and drops much of what crosses it.
    case inkOnly
}

/// Decoding and encoding through Leptonica; the only Swift code here that touches Pix pointers.
public enum ImageCodec {
    /// Default pixel budget: larger images are refused before decoding (decompression bombs).
    public static let defaultPixelBudget = 60_000_000
    /// Most pages of a multi-page TIFF that are read; a scanner's front and back fit many times over.
    public static let maximumPages = 16

    /// Decodes page `page` (0-based; only TIFF has more than one) of an image file's bytes to greyscale, upright
    /// as its EXIF orientation says (phones store pictures turned or mirrored and say so there). Colour goes to
    /// grey by luminance; transparency is laid over white. The header is read first and images over
    /// `pixelBudget` pixels are refused undecoded. `conversion` says how colour becomes grey.
    ///
    /// `reduction` (1, 2, 4 or 8) decodes a JPEG at that fraction of its size, which its decoder does at a
    /// fraction of the work and memory (a 12-megapixel colour photo is 48 MB whole); other formats ignore it.
    public static func decodeGray(
        _ bytes: [UInt8], page: Int = 0, pixelBudget: Int = defaultPixelBudget,
        conversion: GrayConversion = .luminance, reduction: Int = 1
    ) throws -> GrayImage {
        silenceLeptonica
        guard bytes.count >= 8 else { throw OCRError.badImage(bytes.isEmpty ? "empty file" : "file too short") }
        let format = try sniffFormat(bytes)
        let (width, height) = try dimensions(bytes, format: format, page: page)
        guard width * height <= pixelBudget else {
            throw OCRError.tooLarge(width: width, height: height, budget: pixelBudget)
        }
        let luminanceOnly = conversion == .luminance
        guard
            let pix = bytes.withUnsafeBufferPointer({
                readPix($0, format: format, page: page, luminanceOnly: luminanceOnly, reduction: reduction)
            })
        else {
            throw OCRError.badImage("corrupt or truncated \(format) data")
        }
        var owned: UnsafeMutablePointer<PIX>? = pix
        defer { pixDestroy(&owned) }
        let gray = try grayPixels(of: pix, conversion: conversion)
        return format == .jpeg ? ExifOrientation(jpeg: bytes).upright(gray) : gray
    }

    /// True when the image (page `page`) holds colour, so `GrayConversion.inkOnly` sees more than luminance.
    public static func hasColour(_ bytes: [UInt8], page: Int = 0) -> Bool {
        silenceLeptonica
        guard bytes.count >= 8, let format = try? sniffFormat(bytes),
            let header = header(bytes, format: format, page: page)
        else { return false }
        return header.samples >= 3 || header.colormapped
    }

    /// Pages in the file: the number of TIFF directories (up to `maximumPages`), 1 for every other format.
    public static func pageCount(_ bytes: [UInt8]) -> Int {
        silenceLeptonica
        guard bytes.count >= 8, (try? sniffFormat(bytes)) == .tiff else { return 1 }
        var count = 1
        while count < maximumPages, (try? dimensions(bytes, format: .tiff, page: count)) != nil { count += 1 }
        return count
    }

    /// Width and height from the header alone.
    private static func dimensions(_ bytes: [UInt8], format: ImageFormat, page: Int) throws -> (Int, Int) {
        guard let header = header(bytes, format: format, page: page), header.width > 0, header.height > 0 else {
            throw OCRError.badImage(page == 0 ? "unreadable \(format) header" : "no page \(page + 1)")
        }
        return (header.width, header.height)
    }

    /// What the header of page `page` says (TIFF pages have a header each); nil when it cannot be read.
    private static func header(_ bytes: [UInt8], format: ImageFormat, page: Int)
        -> (width: Int, height: Int, samples: Int, colormapped: Bool)?
    {
        var width: Int32 = 0
        var height: Int32 = 0
        var bitsPerSample: Int32 = 0
        var samples: Int32 = 0
        var leptFormat: Int32 = 0
        var colormapped: Int32 = 0
        var resolution: Int32 = 0
        let status = bytes.withUnsafeBufferPointer {
            format == .tiff
                ? readHeaderMemTiff(
                    $0.baseAddress, $0.count, Int32(page), &width, &height, &bitsPerSample, &samples, &resolution,
                    &colormapped, &leptFormat)
                : pixReadHeaderMem(
                    $0.baseAddress, $0.count, &leptFormat, &width, &height, &bitsPerSample, &samples, &colormapped)
        }
        guard status == 0 else { return nil }
        return (Int(width), Int(height), Int(samples), colormapped != 0)
    }

    /// The decoded Pix, or nil when the data is corrupt.
    private static func readPix(
        _ buffer: UnsafeBufferPointer<UInt8>, format: ImageFormat, page: Int, luminanceOnly: Bool, reduction: Int
    ) -> UnsafeMutablePointer<PIX>? {
        let reduction = Int32([1, 2, 4, 8].contains(reduction) ? reduction : 1)
        switch format {
        case .jpeg:
            // The luminance channel only (what a grey conversion would give, at a third of the work); CMYK and
            // YCCK files (print and PDF workflows) have no such channel and are read in colour.
            return
                (luminanceOnly
                ? pixReadMemJpeg(buffer.baseAddress, buffer.count, 0, reduction, nil, Int32(L_JPEG_READ_LUMINANCE))
                : nil)
                ?? pixReadMemJpeg(buffer.baseAddress, buffer.count, 0, reduction, nil, 0)
        case .tiff: return pixReadMemTiff(buffer.baseAddress, buffer.count, Int32(page))
        default: return pixReadMem(buffer.baseAddress, buffer.count)
        }
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

    /// Encodes greyscale pages as one multi-page TIFF (a scanner's front and back; for tests and interchange).
    /// Leptonica writes multi-page TIFF to files only: the pages go through a private temporary file.
    public static func tiff(pages: [GrayImage]) throws -> [UInt8] {
        var template = Array("/tmp/docguard-pages-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw OCRError.encodeFailed("no temporary file for a multi-page TIFF") }
        close(descriptor)
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        var pixa = pixaCreate(Int32(pages.count))
        guard pixa != nil else { throw OCRError.encodeFailed("out of memory") }
        defer { pixaDestroy(&pixa) }
        for page in pages {
            var pix: UnsafeMutablePointer<PIX>? = try makePix(page)
            pixaAddPix(pixa, pix, Int32(L_INSERT))
            pix = nil
        }
        guard pixaWriteMultipageTiff(path, pixa) == 0, let file = fopen(path, "rb") else {
            throw OCRError.encodeFailed("Leptonica's multi-page TIFF writer failed")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
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
        case Int32(IFF_BMP): return .bmp
        case Int32(IFF_WEBP): return .webp
        case Int32(IFF_GIF): return .gif
        case Int32(IFF_JP2): return .jp2
        case Int32(IFF_TIFF), Int32(IFF_TIFF_G3), Int32(IFF_TIFF_G4),
            Int32(IFF_TIFF_PACKBITS), Int32(IFF_TIFF_RLE), Int32(IFF_TIFF_LZW),
            Int32(IFF_TIFF_ZIP), Int32(IFF_TIFF_JPEG):
            return .tiff
        default: throw OCRError.badImage("not a PNG, JPEG, TIFF, PNM, BMP, WebP, GIF or JPEG 2000 file")
        }
    }

    /// Leptonica prints to stderr by default; docguard reports errors itself.
    private static let silenceLeptonica: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()

    /// The grey pixels of `pix`, which is left unfit for further use: a grey `pix` is read in place (its bytes
    /// reordered), not copied first, which spares a 12-megapixel photo 12 MB at its peak.
    private static func grayPixels(of pix: UnsafeMutablePointer<PIX>, conversion: GrayConversion) throws
        -> GrayImage
    {
        // What is transparent shows the paper: laid over white (its colour values may be anything, often black).
        var flattened: UnsafeMutablePointer<PIX>? =
            pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4 ? pixAlphaBlendUniform(pix, 0xFFFF_FF00) : nil
        defer { pixDestroy(&flattened) }
        let opaque = flattened ?? pix
        var colour: UnsafeMutablePointer<PIX>? =
            conversion == .inkOnly && pixGetDepth(opaque) != 32 ? pixConvertTo32(opaque) : nil
        defer { pixDestroy(&colour) }
        let readInPlace = conversion == .luminance && pixGetDepth(opaque) == 8 && pixGetColormap(opaque) == nil
        let converted: UnsafeMutablePointer<PIX>?
        switch conversion {
        case .luminance where readInPlace:
            converted = nil
        case .luminance:
            // Colour through the BT.601 luminance weights, as `ColorImage.gray` and a scanner's grey mode.
            converted =
                pixGetDepth(opaque) == 32
                ? pixConvertRGBToGray(opaque, 0.299, 0.587, 0.114) : pixConvertTo8(opaque, 0)
        case .inkOnly:
            converted = pixConvertRGBToGrayMinMax(colour ?? opaque, Int32(L_CHOOSE_MAX))
        }
        var owned: UnsafeMutablePointer<PIX>? = converted
        defer { pixDestroy(&owned) }
        guard let gray = readInPlace ? opaque : converted else { throw OCRError.badImage("unsupported pixel layout") }
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
