import Foundation
import MRZ
import Testing

@testable import OCR

/// The real Tesseract engine with the project's best model on TestImages: every format, every turn, skews
/// and each degradation class.
@Suite struct MRZReaderTests {
    /// A TestImages scan and what its ground truth says.
    struct Specimen: CustomTestStringConvertible, Sendable {
        let path: String
        let format: String
        let lines: [String]
        let degradations: [String]
        let rotation: Int
        let skew: Double
        var testDescription: String {
            "\(format) \(degradations.isEmpty ? "clean" : degradations.joined(separator: "+"))"
        }
    }

    static let testImages = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("TestImages")

    /// Every scan with ground truth, sorted by path.
    static let all: [Specimen] = {
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: testImages.path) else { return [] }
        var specimens: [Specimen] = []
        for case let relative as String in walker where relative.hasSuffix(".json") {
            let truthURL = testImages.appendingPathComponent(relative)
            guard let data = try? Data(contentsOf: truthURL),
                let truth = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                truth["schema"] as? String == "docguard.truth/1"
            else { continue }
            let stem = truthURL.deletingPathExtension().path
            guard let image = ["jpg", "png"].map({ stem + "." + $0 }).first(where: manager.fileExists(atPath:)) else {
                continue
            }
            specimens.append(
                Specimen(
                    path: image, format: truth["format"] as? String ?? "", lines: truth["lines"] as? [String] ?? [],
                    degradations: truth["degradations"] as? [String] ?? [], rotation: truth["rotation"] as? Int ?? -1,
                    skew: truth["skewDegrees"] as? Double ?? 0))
        }
        return specimens.sorted { $0.path < $1.path }
    }()

    /// The first clean scan of each format and the first scan of each degradation class.
    static let sample: [Specimen] = {
        var chosen: [Specimen] = []
        for format in ["TD1", "TD2", "TD3", "MRVA", "MRVB"] {
            if let clean = all.first(where: { $0.format == format && $0.degradations.isEmpty }) { chosen.append(clean) }
        }
        let classes = ["rot90", "rot180", "rot270", "skew", "blur", "noise", "jpeg", "low_dpi", "uneven_light", "grey"]
        // Spread the degradation picks over the formats: each goes to the format chosen least so far.
        for name in classes {
            let candidates = all.filter { $0.degradations.contains(name) && !chosen.map(\.path).contains($0.path) }
            let pick = candidates.min { a, b in
                (chosen.filter { $0.format == a.format }.count, a.path) < (
                    chosen.filter { $0.format == b.format }.count, b.path
                )
            }
            if let pick { chosen.append(pick) }
        }
        return chosen
    }()

    @Test func theSampleCoversEveryFormatAndDegradation() {
        #expect(Set(Self.sample.map(\.format)) == ["TD1", "TD2", "TD3", "MRVA", "MRVB"])
        #expect(Self.sample.count == 15)
    }

    @Test("locates the band, its turn and skew, and reads the MRZ", arguments: sample)
    func reads(specimen: Specimen) throws {
        // One engine per test: engines are never shared between threads.
        let reader = MRZReader(engine: try TesseractEngine(model: try OCRModel.locate(nil)))
        do {
            let page = try ImageCodec.decodeGray([UInt8](Data(contentsOf: URL(fileURLWithPath: specimen.path))))
            let reading = try #require(reader.read(page, currentYear: 2026))
            #expect(reading.band.rotationDegrees == specimen.rotation)
            #expect(abs(reading.band.skewDegrees - specimen.skew) < 1.0)
            #expect(reading.band.lineCount == specimen.lines.count)
            #expect(reading.band.lineLength == specimen.lines.first?.count)
            // Clean scans must read exactly; a degraded one may lose a character or two to the engine, never
            // its place: the read stays aligned with the truth, column for column.
            let read = reading.document.lineTexts
            if specimen.degradations.isEmpty {
                #expect(read == specimen.lines)
            } else {
                let pairs = zip(read.joined(), specimen.lines.joined())
                let right = pairs.filter { $0 == $1 }.count
                #expect(Double(right) >= 0.95 * Double(specimen.lines.joined().count), "read \(read)")
            }
        }
    }

    @Test func aPageWithoutAnMRZHasNoBand() throws {
        var page = GrayImage(width: 900, height: 600, fill: 235)
        // A photo-like dark box and some short "words": print, but no MRZ.
        for y in 100..<400 { for x in 80..<300 { page[x, y] = 60 } }
        for word in 0..<6 {
            for y in (120 + word * 40)..<(135 + word * 40) {
                for x in 400..<(460 + word * 20) where x % 12 < 8 { page[x, y] = 20 }
            }
        }
        #expect(MRZLocator().locate(page) == nil)
    }
}
