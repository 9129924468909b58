/// Finds the MRZ band on a whole page: downscale, threshold against the local mean, label blobs, chain them
/// into text lines and pick the MRZ lines. Pure: no I/O.
public struct MRZLocator: Sendable {
    /// Largest working image, in pixels; bigger pages are reduced by an integer factor first. A 300 dpi
    /// passport page on a scanner bed is reduced by 2, leaving MRZ characters about 14 pixels high.
    public var workingPixelBudget = 1_300_000

    /// A locator with default settings.
    public init() {}

    /// The band in page coordinates, or nil when the page shows no MRZ.
    public func locate(_ page: GrayImage) -> MRZBand? {
        let factor = max(
            1, Int((Double(page.width * page.height) / Double(workingPixelBudget)).squareRoot().rounded(.up)))
        let work = factor == 1 ? page : ImageOps.reduce(page, by: factor)
        let longSide = max(work.width, work.height)
        let mask = InkMask(work, window: min(101, max(31, longSide / 25)) | 1)
        let blobs = TextLineFinder.characterLike(
            ConnectedComponents.blobs(in: mask), minSize: 6,
            maxSize: max(12, min(work.width, work.height) / 8))
        var finder = TextLineFinder()
        let lines = finder.lines(from: blobs, minimumCount: 4)
        guard var band = MRZBandFinder().band(lines: lines, axisAngle: finder.axisAngle, characters: blobs) else {
            return nil
        }
        if factor > 1 {
            let scale = Double(factor)
            // A reduced pixel i covers page pixels i*f ..< (i+1)*f: its centre is at (i + 0.5) * f - 0.5.
            band.origin = band.origin * scale + Point(x: (scale - 1) / 2, y: (scale - 1) / 2)
            band.pitch *= scale
            band.lineOffsets = band.lineOffsets.map { $0 * scale }
            band.characterHeight *= scale
            band.extent *= scale
        }
        return band
    }
}
