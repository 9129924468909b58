import Dispatch
import Foundation
import MRZ
import OCR
import Plumbing

/// Training lines for the MRZ model cut from synthetic scans by the pipeline's own locator and line cutter,
/// so the model sees exactly the images it gets at run time (`docguard synth --line-crops`).
///
/// For each scan it writes, per MRZ line, `NAME.png` (the line image), `NAME.gt.txt` (the printed text)
/// and `NAME.box` (Tesseract's line box: the tight box around the line's ink, as single-line page mode
/// crops it), ready for `tesseract NAME.png NAME --psm 13 lstm.train`. Scans whose band is not found with
/// the printed line count, line length and turn are left out: their crops would not match their text.
public enum TrainingLineBatch {
    /// How many lines were written and how many scans were left out.
    public struct Summary: Sendable, Equatable {
        /// Line images written.
        public var lines: Int
        /// Scans whose band was missed or mis-measured.
        public var skippedScans: Int
    }

    /// Renders `options.count` scans and writes their line crops flat into `directory`, named
    /// `<format>_<scan>_<line>`.
    public static func write(
        _ options: SynthOptions, to directory: String,
        cutter: MRZLineCutter = MRZLineCutter()
    ) throws -> Summary {
        try options.validate()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tally = Locked((summary: Summary(lines: 0, skippedScans: 0), failures: 0))
        ParallelWork.forEach(options.count) { index in
            do {
                let scan = try ScanSynthesizer.scan(index: index, options: options)
                guard let crops = try lineCrops(of: scan, cutter: cutter) else {
                    tally.withLock { $0.summary.skippedScans += 1 }
                    return
                }
                let stem = scan.relativePath.split(separator: ".")[0].replacingOccurrences(of: "/", with: "_")
                for (line, (image, text)) in zip(crops, scan.truth.lines).enumerated() {
                    try save(
                        image, text: text, characterHeight: cutter.characterHeight,
                        base: "\(directory)/\(stem)_\(line)")
                }
                tally.withLock { $0.summary.lines += crops.count }
            } catch {
                tally.withLock { $0.failures += 1 }
            }
        }
        let (summary, failures) = tally.withLock { ($0.summary, $0.failures) }
        if failures > 0 { throw SynthError.badOptions("\(failures) scans failed to render or write") }
        return summary
    }

    /// The scan's line images as the reader would cut them, turned the way the truth says; nil when the
    /// locator's band does not match the printed MRZ.
    static func lineCrops(of scan: SyntheticScan, cutter: MRZLineCutter) throws -> [GrayImage]? {
        let page = try ImageCodec.decodeGray(scan.imageBytes)
        guard var band = MRZLocator().locate(page) else { return nil }
        if band.rotationDegrees != scan.truth.rotation { band = band.flipped() }
        guard band.rotationDegrees == scan.truth.rotation, band.lineCount == scan.truth.lines.count,
            band.lineLength == scan.truth.lines.first?.count
        else { return nil }
        return cutter.cut(band, on: page).images
    }

    private static func save(_ image: GrayImage, text: String, characterHeight: Double, base: String) throws {
        let box = InkBox.of(image, characterHeight: characterHeight)
        var boxText = ""
        for character in text { boxText += "\(character) \(box.left) \(box.bottom) \(box.right) \(box.top) 0\n" }
        boxText += "\t \(box.left) \(box.bottom) \(box.right) \(box.top) 0\n"
        do {
            try Data(ImageCodec.png(image)).write(to: URL(fileURLWithPath: base + ".png"))
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: base + ".gt.txt"))
            try Data(boxText.utf8).write(to: URL(fileURLWithPath: base + ".box"))
        } catch {
            throw SynthError.write(path: base, reason: error.localizedDescription)
        }
    }
}

/// The tight box around a line image's own ink, in Tesseract's box coordinates (origin bottom left): dark
/// columns and rows within the line's own height around the image's middle row (where the cutter puts the
/// line), so fragments of neighbouring lines at the top and bottom edges and lone specks are left out.
struct InkBox: Equatable {
    var left: Int, bottom: Int, right: Int, top: Int

    static func of(_ image: GrayImage, characterHeight: Double) -> InkBox {
        let threshold = ImageOps.otsuThreshold(image)
        let reach = Int((0.65 * characterHeight).rounded())
        let rows = max(0, image.height / 2 - reach)..<min(image.height, image.height / 2 + reach + 1)
        func dark(_ x: Int, _ y: Int) -> Bool { image[x, y] <= threshold }
        let inkColumns = (0..<image.width).filter { x in rows.filter { dark(x, $0) }.count >= 2 }
        guard let left = inkColumns.first, let right = inkColumns.last else {
            return InkBox(left: 0, bottom: 0, right: image.width, top: image.height)
        }
        let inkRows = rows.filter { y in (left...right).filter { dark($0, y) }.count >= 3 }
        let first = inkRows.first ?? rows.lowerBound
        let last = inkRows.last ?? (rows.upperBound - 1)
        return InkBox(left: left, bottom: image.height - 1 - last, right: right + 1, top: image.height - first)
    }
}
