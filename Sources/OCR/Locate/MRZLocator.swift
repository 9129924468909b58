/// Finds MRZ bands on a whole page: bring the page to a working scale, threshold against the local mean, label
/// blobs, chain them into text lines and pick the MRZ lines. Pages differ too much for one look to find every
/// MRZ (web copies with 6-pixel characters, 12-megapixel photos with the document in a third of the frame,
/// faint print on a light background), so the locator offers a short list of looks, cheapest first; the reader
/// takes the next only when what the earlier ones found does not read. Pure: no I/O.
public struct MRZLocator: Sendable {
    /// Largest working image, in pixels; bigger pages are reduced by an integer factor first. A 300 dpi
    /// passport page on a scanner bed is reduced by 2, leaving MRZ characters about 14 pixels high.
    public var workingPixelBudget = 1_300_000
    /// Pages under this many pixels (web copies, characters 6-10 pixels high) are enlarged to
    /// `enlargedWorkingPixels` first, so characters a few pixels high become blobs apart from their neighbours.
    public var smallPagePixels = 250_000
    /// What a small page is enlarged to, in pixels.
    public var enlargedWorkingPixels = 800_000
    /// Most bands offered per look: two documents on one page, or a line of other print that looks like an MRZ.
    public var bandsPerLook = 3

    /// A locator with default settings.
    public init() {}

    /// One way of looking at a page.
    public struct Look: Sendable, Equatable {
        /// Working pixels per page pixel: below 1 an integer reduction, above 1 an enlargement.
        public var scale: Double
        /// Whether faint print counts as ink (a lower contrast threshold): for washed-out or light MRZ print.
        public var sensitive: Bool
    }

    /// The looks to try on a page of this size, cheapest and likeliest first: the page at its usual working
    /// scale, then finer (small characters in a large frame), then with faint print taken as ink, then coarser
    /// (very large characters).
    public func looks(width: Int, height: Int) -> [Look] {
        let pixels = Double(max(1, width * height))
        let reduction = max(1, Int((pixels / Double(workingPixelBudget)).squareRoot().rounded(.up)))
        var looks: [Look] = []
        if reduction > 1 {
            looks.append(Look(scale: 1 / Double(reduction), sensitive: false))
            // Finer: half the reduction, rounded up, for small characters in a large frame (a phone photo); rounded
            // down, a 10-megapixel photo (reduced by 3) was looked at whole, 80 MB of working memory per worker.
            looks.append(Look(scale: 1 / Double((reduction + 1) / 2), sensitive: false))
        } else if pixels < Double(smallPagePixels) {
            let enlargement = (Double(enlargedWorkingPixels) / pixels).squareRoot()
            looks.append(Look(scale: enlargement, sensitive: false))
            looks.append(Look(scale: max(1, enlargement / 2), sensitive: false))
        } else {
            looks.append(Look(scale: 1, sensitive: false))
            looks.append(Look(scale: 2, sensitive: false))
        }
        // The same two scales with faint print taken as ink.
        looks += looks.map { Look(scale: $0.scale, sensitive: true) }
        // Coarser: very large characters on a large page.
        if reduction > 1, min(width, height) / (reduction * 2) >= 200 {
            looks.append(Look(scale: 1 / Double(reduction * 2), sensitive: false))
        }
        return looks
    }

    /// The first band of the first look: where the MRZ most likely is, or nil when that look finds none.
    public func locate(_ page: GrayImage) -> MRZBand? {
        looks(width: page.width, height: page.height).first.flatMap { bands(on: page, look: $0).first }
    }

    /// The bands `look` finds on `page`, most MRZ-like first, in page coordinates.
    public func bands(on page: GrayImage, look: Look) -> [MRZBand] {
        let work: GrayImage
        if look.scale < 1 {
            work = ImageOps.reduce(page, by: Int((1 / look.scale).rounded()))
        } else if look.scale > 1 {
            work = ImageOps.enlarge(page, by: look.scale)
        } else {
            work = page
        }
        let longSide = max(work.width, work.height)
        let window = min(101, max(31, longSide / 25)) | 1
        let mask =
            look.sensitive
            ? InkMask(work, window: window, relativeContrast: 0.12, minimumContrast: 14)
            : InkMask(work, window: window)
        let blobs = TextLineFinder.characterLike(
            ConnectedComponents.blobs(in: mask), minSize: 6,
            maxSize: max(12, min(work.width, work.height) / 8))
        var finder = TextLineFinder()
        let lines = finder.lines(from: blobs, minimumCount: 4)
        var bandFinder = MRZBandFinder()
        bandFinder.maximumBands = bandsPerLook
        return bandFinder.bands(lines: lines, axisAngle: finder.axisAngle, characters: blobs).map {
            $0.mapped(fromWorkingScale: look.scale)
        }
    }
}

extension MRZBand {
    /// The band found on an image `scale` times the page's size, in page coordinates.
    func mapped(fromWorkingScale scale: Double) -> MRZBand {
        guard scale != 1 else { return self }
        var band = self
        let factor = 1 / scale
        // A reduced pixel i covers page pixels i*f ..< (i+1)*f: its centre is at (i + 0.5) * f - 0.5. An enlarged
        // pixel i samples the page at i / scale (ImageOps.enlarge).
        let offset = scale < 1 ? Point(x: (factor - 1) / 2, y: (factor - 1) / 2) : Point(x: 0, y: 0)
        band.origin = origin * factor + offset
        band.curves = curves?.map { $0.scaled(by: factor, offset: offset) }
        band.pitch *= factor
        band.lineOffsets = lineOffsets.map { $0 * factor }
        band.characterHeight *= factor
        band.extent *= factor
        return band
    }

    /// True when `other` is the same band found again (another look or the other way round): same lines, same
    /// place within a character, same direction within two degrees.
    public func isSameBand(as other: MRZBand) -> Bool {
        guard lineCount == other.lineCount, abs(pitch / other.pitch - 1) < 0.15 else { return false }
        let straight = axis.dot(other.axis)
        guard abs(straight) > 0.9994 else { return false }
        // The other way round starts at this band's far end.
        let start = straight > 0 ? other.origin : other.flipped().origin
        let offset = start - origin
        return abs(offset.dot(axis)) < 1.5 * pitch && abs(offset.dot(down)) < 0.6 * characterHeight
    }
}
