import Foundation
import Plumbing
import Testing

@testable import OCR

/// The real Tesseract engine on a line cut from a TestImages scan.
@Suite struct TesseractEngineTests {
    static func firstLineImage(model: OCRModel) throws -> (GrayImage, String) {
        let specimen = try #require(MRZReaderTests.all.first { $0.degradations.isEmpty && $0.format == "TD3" })
        let page = try ImageCodec.decodeGray([UInt8](Data(contentsOf: URL(fileURLWithPath: specimen.path))))
        let reader = MRZReader(engine: try TesseractEngine(model: model))
        let reading = try #require(reader.read(page, currentYear: 2026))
        return (reading.lineImages[1], specimen.lines[1])
    }

    @Test func readsALineWithConfidencesBoxesAndAlternatives() throws {
        let model = try OCRModel.locate(nil)
        let (image, truth) = try Self.firstLineImage(model: model)
        let reading = try TesseractEngine(model: model).read(line: image)
        #expect(reading.characters.count >= truth.count - 2 && reading.characters.count <= truth.count + 2)
        #expect(reading.characters.allSatisfy { (0...1).contains($0.confidence) })
        #expect(reading.meanConfidence > 0.5)
        // Boxes run left to right across the line.
        let centers = reading.characters.map(\.center)
        #expect(zip(centers, centers.dropFirst()).allSatisfy { $0 < $1 })
        #expect(reading.characters.allSatisfy { !$0.alternatives.contains($0.byte) })
        print("alternatives:", reading.characters.filter { !$0.alternatives.isEmpty }.count)
    }

    @Test func thePageTextEngineGivesEachWordItsCharactersConfidences() throws {
        let specimen = try #require(MRZReaderTests.all.first { $0.degradations.isEmpty && $0.format == "TD3" })
        let page = try ImageCodec.decodeGray([UInt8](Data(contentsOf: URL(fileURLWithPath: specimen.path))))
        let reading = try #require(
            MRZReader(engine: try TesseractEngine(model: try OCRModel.locate(nil))).read(page, currentYear: 2026))
        let view = VisualZoneView(band: reading.band, on: page)
        let words = try PageTextEngine(model: try OCRModel.locate("eng")).read(view.image).words
        #expect(words.count >= 10)
        let numbers = words.filter { $0.text.contains(where: \.isNumber) }
        let given = numbers.filter { !$0.characterConfidences.isEmpty }
        // One confidence per character of a word with a digit, when the engine's symbols and the word's characters
        // line up (nearly always); none for words without.
        #expect(numbers.count >= 4 && Double(given.count) >= 0.9 * Double(numbers.count))
        #expect(words.filter { !$0.text.contains(where: \.isNumber) }.allSatisfy { $0.characterConfidences.isEmpty })
        #expect(given.allSatisfy { $0.characterConfidences.count == $0.text.count })
        #expect(given.allSatisfy { $0.characterConfidences.allSatisfy { (0...1).contains($0) } })
        // A character is never less sure than the word it stands in is, as the engine scores them.
        #expect(given.filter { $0.characterConfidences.max()! + 0.01 < $0.confidence }.isEmpty)
    }

    @Test func enginesMadeAndFreedOnManyThreadsAtOnceReadAlike() throws {
        let model = try OCRModel.locate(nil)
        let (image, _) = try Self.firstLineImage(model: model)
        let expected = try TesseractEngine(model: model).read(line: image).text
        let texts = Locked<[String]>([])
        // Each thread makes its own engine, reads, and frees it as the thread ends, all at once.
        ParallelWork.run(workers: 8) { _ in
            let text = (try? TesseractEngine(model: model))?.read(line: image).text ?? "no engine"
            texts.withLock { $0.append(text) }
        }
        #expect(texts.withLock { $0 } == [String](repeating: expected, count: 8))
    }

    @Test func aSettingTesseractRefusesIsAnEngineSetUpErrorNamingIt() throws {
        let model = try OCRModel.locate(nil)
        #expect(throws: OCRError.engineSettingRefused(name: "no_such_variable", value: "1")) {
            try TesseractEngine(model: model, settings: TesseractEngine.settings + [("no_such_variable", "1")])
        }
        #expect(TesseractEngine.settings.count == 5)
        _ = try TesseractEngine(model: model)  // every shipped setting is taken
    }

    @Test func aModelTesseractCannotLoadIsATypedErrorAndFreesItsHandleOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(repeating: 0x41, count: 4096).write(to: folder.appendingPathComponent("broken.traineddata"))
        let model = OCRModel(name: "broken", directory: folder.path)
        for _ in 0..<3 {
            #expect(throws: OCRError.engineInitFailed(name: "broken")) { try TesseractEngine(model: model) }
        }
    }

    @Test func anUnknownModelIsATypedError() {
        #expect(throws: OCRError.self) { try OCRModel.locate("no-such-model") }
    }
}
