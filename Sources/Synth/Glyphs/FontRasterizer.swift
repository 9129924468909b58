import CFreeType

/// Renders glyphs through FreeType (OCR-B, or the visual zone's face); the only code in Synth that touches C
/// pointers.
/// Owns its `FT_Library` and `FT_Face`; one per worker, never shared across tasks.
final class FontRasterizer {
    /// The Debian fonts-ocr-b regular face (the other OCRB*.otf files are variants).
    static let ocrBPath = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
    /// DejaVu Sans (Debian fonts-dejavu-core): the visual zone's values on pages of varied sets, whose national
    /// characters (Ç, Å, Ł, İ, Ř, ẞ …) OCR-B lacks.
    static let dejaVuSansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    /// DejaVu Sans Mono, regular and bold (Debian fonts-dejavu-core): a sans-serif monospaced face for zones not
    /// printed in OCR-B.
    static let sansMonoPaths = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    ]

    private var library: FT_Library?
    private var face: FT_Face?
    private let path: String
    private var cache: [Int: Glyph] = [:]

    /// Opens the font at `path`.
    init(path: String = FontRasterizer.ocrBPath) throws {
        self.path = path
        try check("FT_Init_FreeType", FT_Init_FreeType(&library))
        try check("FT_New_Face", FT_New_Face(library, path, 0, &face))
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// The glyph of Unicode `code` at an em size of `pixelSize` pixels (quantised to 1/64 pixel).
    func glyph(_ code: UInt32, pixelSize: Double) throws -> Glyph {
        let size64 = Int((pixelSize * 64).rounded())
        let key = size64 << 21 | Int(code)
        if let cached = cache[key] { return cached }
        guard let face else { throw SynthError.font(path: path, call: "FT_New_Face", code: -1) }
        try check("FT_Set_Char_Size", FT_Set_Char_Size(face, 0, FT_F26Dot6(size64), 72, 72))
        try check("FT_Load_Char", FT_Load_Char(face, FT_ULong(code), FT_Int32(FT_LOAD_RENDER)))
        let slot = face.pointee.glyph.pointee
        let bitmap = slot.bitmap
        let width = Int(bitmap.width)
        let height = Int(bitmap.rows)
        let pitch = Int(bitmap.pitch)
        var coverage = [UInt8](repeating: 0, count: width * height)
        if let buffer = bitmap.buffer, width > 0, height > 0 {
            for row in 0..<height {
                for column in 0..<width { coverage[row * width + column] = buffer[row * pitch + column] }
            }
        }
        let glyph = Glyph(
            width: width, height: height, left: Int(slot.bitmap_left), top: Int(slot.bitmap_top),
            advance: Double(slot.advance.x) / 64, coverage: coverage)
        cache[key] = glyph
        return glyph
    }

    /// Height of a capital letter as a fraction of the em size, measured on `H` so that MRZ text can
    /// be sized by its printed character height.
    func capHeightPerEm() throws -> Double {
        let reference = 200.0
        return Double(try glyph(UInt32(UInt8(ascii: "H")), pixelSize: reference).height) / reference
    }

    /// Whether the face has a glyph of its own for `scalar` (FreeType would draw a missing one as an empty box).
    func hasGlyph(_ scalar: Unicode.Scalar) -> Bool {
        guard let face else { return false }
        return FT_Get_Char_Index(face, FT_ULong(scalar.value)) != 0
    }

    private func check(_ call: String, _ error: FT_Error) throws {
        guard error == 0 else { throw SynthError.font(path: path, call: call, code: error) }
    }
}
