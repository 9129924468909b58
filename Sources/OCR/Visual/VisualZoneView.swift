import MRZ

/// The printed page around an MRZ, cut out upright: the region above the band where ICAO 9303 documents print the
/// visual inspection zone (ICAO 9303-4 §4.1 zones I–V; 9303-5 and -6 alike), sized from the band itself, so no
/// layout of the issuer's is needed. Scaled so the MRZ's capitals would be `characterHeight` pixels high: the page's
/// own text then reaches the engine large enough, and a 40-megapixel photo costs what a 300 dpi scan does.
public struct VisualZoneView: Sendable {
    /// The upright view.
    public var image: GrayImage
    /// The page point at the view's top-left pixel.
    public var origin: Point
    /// Page displacement per view pixel along the view's rows and down its columns.
    public var xStep: Point
    /// Page displacement per view pixel down the view.
    public var yStep: Point
    /// Whether the view was enlarged from print under `coarseCharacterHeight`.
    public var isCoarse: Bool

    /// Capital height of the MRZ, in view pixels, the view is scaled to: the values (printed about as large) then
    /// read as well as at 26 and cost less (TestImages: 136 ms more per scan than without the check at 22, 152 at
    /// 26, 111 at 18, where more verdicts go unread; real-dev: as many or more fields agree at 22 as at 26).
    public static let characterHeight = 22.0
    /// MRZ capital height, in page pixels, under which the page is printed too coarsely to tell one digit from its
    /// neighbour surely, however sure the engine is: web copies measure 4-10 px here, scans of 150 dpi and more 12
    /// px and more.
    public static let coarseCharacterHeight = 10.0
    /// Height of the region above the band, in MRZ line lengths: a passport's data page is about 0.62 of its MRZ
    /// lines' length high above them, a card's 0.5.
    static let heightShare = 0.62
    /// Margin left and right of the band, in MRZ line lengths.
    static let sideShare = 0.08

    /// The view above `band` on `page`.
    public init(band: MRZBand, on page: GrayImage) {
        let scale = Self.characterHeight / max(1, band.characterHeight)
        isCoarse = band.characterHeight < Self.coarseCharacterHeight
        let length = Double(band.lineLength - 1) * band.pitch
        let top =
            band.origin - band.down * (band.characterHeight + Self.heightShare * length)
            - band.axis * (Self.sideShare * length + band.pitch / 2)
        let width = Int(((1 + 2 * Self.sideShare) * length + band.pitch) * scale)
        let height = Int((Self.heightShare * length + 0.5 * band.characterHeight) * scale)
        origin = top
        xStep = band.axis * (1 / scale)
        yStep = band.down * (1 / scale)
        // Shrinking by more than half at once would skip pixels: reduce the page first.
        var source = page
        var factor = 1
        while scale * Double(factor) < 0.5, factor < 16 { factor *= 2 }
        if factor > 1 { source = ImageOps.reduce(page, by: factor) }
        let reduced = 1 / Double(factor)
        image = ImageOps.normalizeContrast(
            ImageOps.resample(
                source, origin: Point(x: top.x * reduced, y: top.y * reduced), xStep: xStep * reduced,
                yStep: yStep * reduced, width: max(1, width), height: max(1, height)))
    }

    /// The page point of view pixel (`x`, `y`).
    public func pagePoint(x: Double, y: Double) -> Point { origin + xStep * x + yStep * y }
}
