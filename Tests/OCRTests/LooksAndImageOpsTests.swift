import Testing

@testable import OCR

@Suite struct MRZLocatorLookTests {
    typealias Look = MRZLocator.Look

    static func plain(_ scale: Double) -> Look { Look(scale: scale, sensitive: false) }
    static func faint(_ scale: Double) -> Look { Look(scale: scale, sensitive: true) }

    @Test(
        "looks at pages of every size, cheapest first",
        arguments: [
            // A 12-megapixel phone photo: reduced by 4, then finer, faint print, then coarser.
            (4000, 3000, [plain(1.0 / 4), plain(1.0 / 2), faint(1.0 / 4), faint(1.0 / 2), plain(1.0 / 8)]),
            // An A4 page at 300 dpi: reduced by 3, then by 2 (half, rounded up: never the whole 8.7 MP page).
            (2480, 3508, [plain(1.0 / 3), plain(1.0 / 2), faint(1.0 / 3), faint(1.0 / 2), plain(1.0 / 6)]),
            // Reduced by 2, too narrow for the coarser look (700 / 4 pixels across).
            (2000, 700, [plain(1.0 / 2), plain(1), faint(1.0 / 2), faint(1)]),
            // Reduced by 2 and wide enough for it (1000 / 4).
            (1400, 1000, [plain(1.0 / 2), plain(1), faint(1.0 / 2), faint(1), plain(1.0 / 4)]),
            // Reduced by 3 (half of that rounds up to 2), too narrow for the coarser look (1000 / 6).
            (6000, 1000, [plain(1.0 / 3), plain(1.0 / 2), faint(1.0 / 3), faint(1.0 / 2)]),
            // Within the budget and not small: as it is, then twice the size.
            (1000, 800, [plain(1), plain(2), faint(1), faint(2)]),
            (500, 500, [plain(1), plain(2), faint(1), faint(2)]),
        ])
    func looks(width: Int, height: Int, expected: [Look]) {
        let locator = MRZLocator()
        let looks = locator.looks(width: width, height: height)
        #expect(looks == expected)
        let first = looks[0].scale
        #expect(Double(width) * first * Double(height) * first <= Double(locator.workingPixelBudget))
        // No look works on more than four times the budget: the working memory per worker stays bounded.
        let finest = looks.map(\.scale).max() ?? 1
        let finestPixels = Double(width) * finest * Double(height) * finest
        #expect(finest > 1 || finestPixels <= 4 * Double(locator.workingPixelBudget))
    }

    @Test("a small page is enlarged first", arguments: [(282, 179), (300, 200), (120, 80)])
    func smallPage(width: Int, height: Int) throws {
        let locator = MRZLocator()
        let looks = locator.looks(width: width, height: height)
        try #require(looks.count == 4)
        // Enlarged to about the enlarged working size, then to half that scale.
        let enlarged = Double(width * height) * looks[0].scale * looks[0].scale
        #expect(abs(enlarged / Double(locator.enlargedWorkingPixels) - 1) < 0.01)
        #expect(looks[0].scale > 2 && !looks[0].sensitive)
        #expect(abs(looks[1].scale - looks[0].scale / 2) < 1e-9 && !looks[1].sensitive)
        #expect(looks[2] == Self.faint(looks[0].scale) && looks[3] == Self.faint(looks[1].scale))
    }

    @Test func theSettingsMoveTheBoundaries() {
        var locator = MRZLocator()
        locator.workingPixelBudget = 200_000
        #expect(locator.looks(width: 1000, height: 800).first == Self.plain(1.0 / 2))
        locator.smallPagePixels = 1_000_000
        locator.workingPixelBudget = 1_300_000
        #expect(locator.looks(width: 1000, height: 800).first == Self.plain(1))
        #expect(locator.looks(width: 800, height: 500).first?.scale ?? 0 > 1)
    }
}

@Suite struct ImageOpsTests {
    @Test func enlargingSamplesThePageAtIOverTheScale() {
        // A horizontal ramp 0, 20, 40, … and one dark pixel on white below it.
        var image = GrayImage(width: 10, height: 6, fill: 255)
        for x in 0..<10 { image[x, 0] = UInt8(20 * x) }
        image[4, 3] = 0
        let large = ImageOps.enlarge(image, by: 2.5)
        #expect(large.width == 25 && large.height == 15)
        // Output pixel i lies at i / 2.5 on the ramp, where the ramp reads 8i (the last page column only by
        // nearest neighbour).
        for i in 0..<23 { #expect(abs(Int(large[i, 0]) - 8 * i) <= 1, "column \(i)") }
        // The dark pixel lands at (4, 3) × 2.5, not half a pixel off: column 10 samples x = 4 exactly, rows 7
        // and 8 sample y = 2.8 and 3.2, each 80 % dark pixel.
        #expect(large[10, 7] == 51 && large[10, 8] == 51)
        #expect(large[9, 7] > 51 && large[11, 7] > 51 && large[10, 6] > 51 && large[10, 9] > 51)
    }

    /// 240 × 60 pixels: the left half bright paper (245) under glare with faint strokes (215), the right half
    /// dimmer paper (200) with strong strokes (40); strokes three pixels wide every fifteen.
    static let glare: GrayImage = {
        var image = GrayImage(width: 240, height: 60)
        for y in 0..<60 {
            for x in 0..<240 {
                let stroke = x % 15 < 3
                image[x, y] = x < 120 ? (stroke ? 215 : 245) : (stroke ? 40 : 200)
            }
        }
        return image
    }()

    @Test func localContrastMakesAFaintStrokeAsDarkAsAStrongOne() {
        let even = ImageOps.normalizeLocalContrast(Self.glare, window: 31)
        #expect(even.width == 240 && even.height == 60)
        // Well inside each half, away from where a window spans both.
        let faintStroke = even[46, 30]
        let strongStroke = even[181, 30]
        let faintPaper = even[52, 30]
        let strongPaper = even[187, 30]
        #expect(Int(Self.glare[46, 30]) - Int(Self.glare[181, 30]) > 150)
        #expect(abs(Int(faintStroke) - Int(strongStroke)) <= 10)
        #expect(faintStroke < 100 && strongStroke < 100)
        #expect(faintPaper > 170 && strongPaper > 170)
        // A plain global stretch leaves the faint stroke lighter than the dim paper.
        let global = ImageOps.normalizeContrast(Self.glare)
        #expect(global[46, 30] > global[187, 30])
    }

    @Test func localContrastLeavesAnEvenPatchMidGrey() {
        let even = ImageOps.normalizeLocalContrast(GrayImage(width: 40, height: 30, fill: 90), window: 15)
        #expect(even.pixels.allSatisfy { $0 == 170 })
        let empty = GrayImage(width: 0, height: 0)
        #expect(ImageOps.normalizeLocalContrast(empty, window: 15) == empty)
    }

    @Test func sharpeningDeepensASoftStrokeAndLeavesFlatAreasAlone() {
        // A soft vertical stroke: 200 paper, 120 at its core, 160 at its shoulders.
        var soft = GrayImage(width: 30, height: 10, fill: 200)
        for y in 0..<10 {
            soft[14, y] = 160
            soft[15, y] = 120
            soft[16, y] = 160
        }
        let sharp = ImageOps.sharpen(soft, radius: 2, amount: 1.5)
        #expect(sharp[15, 5] < 80)
        #expect(sharp[2, 5] == 200 && sharp[27, 5] == 200)
        // Paper right beside the stroke is pushed lighter, never darker.
        #expect(sharp[12, 5] >= 200)
        let flat = GrayImage(width: 12, height: 7, fill: 90)
        #expect(ImageOps.sharpen(flat, radius: 2, amount: 1.5) == flat)
        let empty = GrayImage(width: 0, height: 0)
        #expect(ImageOps.sharpen(empty, radius: 2, amount: 1.5) == empty)
    }
}
