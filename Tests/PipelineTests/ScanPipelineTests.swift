import Foundation
import MRZ
import OCR
import Plumbing
import Testing

@testable import Pipeline

/// The pipeline built through its composition root with a fake line recogniser in place of Tesseract (the
/// page decoding and band finding are real): batch and watch mode run the same stages, results come in input
/// order, weighed, each assembled once.
@Suite struct ScanPipelineTests {
    let scratch = ScratchFolder("scan-pipeline")

    static let asOf = MRZDate(year: 2026, month: 11, day: 30)!

    /// The passport every band is read as.
    static let lines = ["P<FSMARKFREITH<<ENYA<SIOBHAN<<<<<<<<<<<<<<<<", "B089704<<7FSM7710090F3402236<<<<<<<<<<<<<<06"]

    /// Reads every line image as the next line of `lines`, characters spread over the columns where the cutter
    /// puts them (1.5 pitches of margin each side); counts its reads.
    final class FakeRecognizer: LineRecognizer {
        private var next = 0
        private let reads: Locked<Int>

        init(reads: Locked<Int>) { self.reads = reads }

        func read(line image: GrayImage) -> LineReading {
            let text = Array(ScanPipelineTests.lines[next % ScanPipelineTests.lines.count].utf8)
            next += 1
            reads.withLock { $0 += 1 }
            let pitch = Double(image.width) / Double(text.count + 2)
            return LineReading(
                characters: text.enumerated().map { column, byte in
                    let center = (1.5 + Double(column)) * pitch
                    return RecognizedCharacter(
                        byte: byte, confidence: 0.95, left: Int(center - 0.4 * pitch), right: Int(center + 0.4 * pitch),
                        alternatives: [])
                })
        }
    }

    static func recognizers(_ reads: Locked<Int>) -> LineRecognizers {
        .custom(model: "fake") { FakeRecognizer(reads: reads) }
    }

    static func testImage(_ name: String) -> URL {
        RiskFixtures.packageRoot.appendingPathComponent("TestImages/\(name)")
    }

    /// A pipeline file in `folder` of `mode`'s keys, over the shipped policy and no lists.
    func pipeline(in folder: URL, _ keys: String, jobs: Int = 2) throws -> RunConfiguration {
        let path = folder.appendingPathComponent("pipeline.yaml").path
        try
            (keys + """

                risk: \(RiskFixtures.packageRoot.appendingPathComponent("Models/risk.yaml").path)
                lists: none
                jobs: \(jobs)
                """).write(toFile: path, atomically: true, encoding: .utf8)
        return try RunConfiguration.load(path)
    }

    static func lines(of file: String) throws -> [[String: Any]] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// What a read result says: the fake's document, its model, not checked against a list, so never clear.
    static func expectRead(_ result: [String: Any], file: String) {
        #expect(result["file"] as? String == file)
        #expect(result["status"] as? String == "ok")
        #expect((result["mrz"] as? [String: Any])?["lines"] as? [String] == lines)
        #expect((result["ocr"] as? [String: Any])?["model"] as? String == "fake")
        let risk = result["risk"] as? [String: Any]
        #expect(risk?["level"] as? String == "review")
        #expect((risk?["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["LIST_UNCHECKED"])
    }

    @Test("batch mode: every file through decode, read, look up, assess and emit, in input order")
    func batch() throws {
        let folder = try scratch.newFolder()
        let scans = folder.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        for name in ["a.jpg", "c.jpg"] {
            try FileManager.default.copyItem(at: Self.testImage("td3/0001.jpg"), to: scans.appendingPathComponent(name))
        }
        try Data("not an image".utf8).write(to: scans.appendingPathComponent("b.jpg"))
        let configuration = try pipeline(in: folder, "mode: batch\ninputs: [scans]\nresults: results.jsonl")
        let reads = Locked(0)
        let batch = try #require(BatchMode(configuration))
        let summary = try batch.run(today: Self.asOf, recognizers: Self.recognizers(reads))
        #expect(summary.scanned == 3 && summary.unread == 1)
        #expect(reads.withLock { $0 } >= 4, "the fake read both lines of both scans")

        let results = try Self.lines(of: try #require(configuration.appendedResults))
        try #require(results.count == 3)
        Self.expectRead(results[0], file: scans.path + "/a.jpg")
        #expect(results[1]["file"] as? String == scans.path + "/b.jpg")
        #expect(results[1]["status"] as? String == "error")
        #expect((results[1]["error"] as? [String: Any])?["code"] as? String == "BAD_FILE")
        #expect((results[1]["sha256"] as? String)?.count == 64)
        Self.expectRead(results[2], file: scans.path + "/c.jpg")
        // The same document twice with the same holder: no clone.
        #expect(!(results[2]["risk"] as? [String: Any]).map { "\($0)".contains("CLONE") }!)
    }

    @Test("watch mode: the same stages on the inbox, results written and scans moved, engines kept across passes")
    func watch() throws {
        let folder = try scratch.newFolder()
        let inbox = folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.testImage("td3/0001.jpg"), to: inbox.appendingPathComponent("a.jpg"))
        let configuration = try pipeline(
            in: folder,
            "mode: watch\ninbox: inbox\nprocessed: processed\nquarantine: quarantine\nresults: results.jsonl\n"
                + "settle_seconds: 0", jobs: 1)
        let results = try #require(configuration.appendedResults)
        let reads = Locked(0)
        let engines = Locked(0)
        let counting = LineRecognizers.custom(model: "fake") {
            engines.withLock { $0 += 1 }
            return FakeRecognizer(reads: reads)
        }
        let watch = try #require(try WatchMode(configuration, today: Self.asOf, recognizers: counting))
        var copiedSecond = false
        try watch.run(
            now: { "" },
            shouldStop: {
                let written = (try? Self.lines(of: results)) ?? []
                // A second scan arrives once the first is done: a later pass of the loop.
                if written.count == 1, !copiedSecond {
                    copiedSecond = true
                    try? FileManager.default.copyItem(
                        at: Self.testImage("td3/0001.jpg"), to: inbox.appendingPathComponent("b.jpg"))
                }
                return written.count >= 2
            })
        let written = try Self.lines(of: results)
        try #require(written.count == 2)
        Self.expectRead(written[0], file: inbox.path + "/a.jpg")
        Self.expectRead(written[1], file: inbox.path + "/b.jpg")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("processed/a.jpg").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("processed/b.jpg").path))
        #expect(engines.withLock { $0 } == 1, "one engine per worker, made once for the watcher's life")
    }
}
