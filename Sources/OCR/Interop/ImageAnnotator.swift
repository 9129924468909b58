import CTesseract

/// Draws on a reduced copy of a page for QA: an outline in red and a caption (Leptonica's built-in font).
public enum ImageAnnotator {
    /// A PNG of `page` reduced to at most `maxSide` pixels, with `outline` (page coordinates) and `caption`.
    public static func annotatedPage(_ page: GrayImage, outline: [Point]?, caption: String, maxSide: Int) throws
        -> [UInt8]
    {
        let factor = max(1, (max(page.width, page.height) + maxSide - 1) / maxSide)
        let small = factor > 1 ? ImageOps.reduce(page, by: factor) : page
        let gray = try ImageCodec.makePix(small)
        var ownedGray: UnsafeMutablePointer<PIX>? = gray
        defer { pixDestroy(&ownedGray) }
        guard let color = pixConvert8To32(gray) else { throw OCRError.encodeFailed("colour conversion failed") }
        var ownedColor: UnsafeMutablePointer<PIX>? = color
        defer { pixDestroy(&ownedColor) }
        if let outline, outline.count > 1 {
            let scale = 1 / Double(factor)
            for (a, b) in zip(outline, outline.dropFirst() + [outline[0]]) {
                pixRenderLineArb(
                    color, Int32(a.x * scale), Int32(a.y * scale), Int32(b.x * scale), Int32(b.y * scale),
                    2, 230, 20, 20)
            }
        }
        var font = bmfCreate(nil, 10)
        defer { bmfDestroy(&font) }
        var overflow: Int32 = 0
        let captioned = font.flatMap {
            pixAddSingleTextblock(color, $0, caption, 0xC0_10_10_00, Int32(L_ADD_BELOW), &overflow)
        }
        // `encode` takes ownership of (one reference to) the pix it is given.
        guard let result = captioned ?? pixClone(color) else { throw OCRError.encodeFailed("out of memory") }
        return try ImageCodec.encode(result, dpi: nil) { pixWriteMemPng($0, $1, $2, 0) }
    }
}
