import Foundation
import MRZ
import OCR
import Testing

@testable import Synth

/// Training crops (`docguard synth --line-crops`): the reader's own line images, with the printed text and
/// a tight ink box that Tesseract's training tools accept.
struct TrainingLineBatchTests {
    @Test func writesEachScansLinesWithTextAndInkBox() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docguard-crops-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = SynthOptions(count: 5, seed: 11, dpi: 200, cleanOnly: true)
        let summary = try TrainingLineBatch.write(options, to: folder.path)
        let scans = try (0..<5).map { try ScanSynthesizer.scan(index: $0, options: options) }
        #expect(summary.skippedScans == 0)
        #expect(summary.lines == scans.map(\.truth.lines.count).reduce(0, +))
        for scan in scans {
            let stem = scan.relativePath.split(separator: ".")[0].replacingOccurrences(of: "/", with: "_")
            for (index, text) in scan.truth.lines.enumerated() {
                let base = folder.appendingPathComponent("\(stem)_\(index)").path
                #expect(try String(contentsOfFile: base + ".gt.txt", encoding: .utf8) == text + "\n")
                let image = try ImageCodec.decodeGray(Array(Data(contentsOf: URL(fileURLWithPath: base + ".png"))))
                let boxes = try String(contentsOfFile: base + ".box", encoding: .utf8).split(separator: "\n")
                #expect(boxes.count == text.count + 1)
                let numbers = boxes.last!.split(separator: " ").compactMap { Int($0) }
                #expect(numbers.count == 5)
                let (left, bottom, right, top) = (numbers[0], numbers[1], numbers[2], numbers[3])
                // Inside the image, clear of the 1.5-character margins, about one character high.
                #expect(left > 10 && right < image.width - 10 && left < right)
                #expect(bottom > 0 && top < image.height && top - bottom >= 20 && top - bottom <= 30)
            }
        }
    }
}
