import Foundation
import OCR
import Synth
import Testing

/// A scanner's multi-page TIFF through the binary: a stolen passport on page 2 is seen, screened, named by its
/// page, and the scan alerts — whatever page 1 shows.
@Suite struct MultiPageTIFFTests {
    let space = CLIWorkspace()

    @Test func aListedDocumentOnPageTwoAlertsAndItsPageIsNamed() throws {
        let options = SynthOptions(count: 2, seed: 616, formats: [.td3], dpi: 200, cleanOnly: true, lossless: true)
        let scans = try (0..<2).map { try ScanSynthesizer.scan(index: $0, options: options) }
        let pages = try scans.map { try ImageCodec.decodeGray($0.imageBytes) }
        let tiff = try space.write("front-and-back.tif", Data(try ImageCodec.tiff(pages: pages)))
        let stolen = scans[1].truth.lines
        let state = String(stolen[0].dropFirst(2).prefix(3)).replacingOccurrences(of: "<", with: "")
        let number = String(stolen[1].prefix(9)).replacingOccurrences(of: "<", with: "")
        let store = try space.store(
            "record_id,issuing_state,document_number,status\nPAGE-2,\(state),\(number),stolen\n")

        let run = try Docguard.run(["scan", tiff, "--lists", store, "--as-of", "2026-11-30"])
        #expect(run.status == 0, "\(run.stderr)")
        let results = CLIWorkspace.results(run.stdout)
        #expect(results.count == 1, "one result per file")
        let result = try #require(results.first)
        #expect(CLIWorkspace.level(result) == "alert", "\(CLIWorkspace.reasons(result))")
        #expect(CLIWorkspace.reasons(result).contains("LIST_STOLEN"))
        #expect((result["ocr"] as? [String: Any])?["page"] as? Int == 2)
        #expect((result["mrz"] as? [String: Any])?["lines"] as? [String] == stolen)
        #expect((result["ocr"] as? [String: Any])?["otherDocuments"] as? Int == 1, "page 1's document is counted")
    }
}
