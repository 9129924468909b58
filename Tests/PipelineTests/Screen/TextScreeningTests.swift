import Foundation
import MRZ
@testable import Pipeline
import Testing

struct TextScreeningTests {
    typealias F = RiskFixtures
    private let scratch = ScratchFolder("screening")

    @Test("screening thousands of records on several workers flags exactly the clones one pass in order flags")
    func cloneFlagsMatchAnInOrderPass() throws {
        let names = ["MUELLER", "NGUYEN", "OKONKWO", "PAPANDROPOULOUS", "KIM"]
        // Every seventh document repeats the number of one far before it (in another slice of the chunk),
        // half of them with another holder.
        let documents = (0..<3_000).map { index in
            let source = index % 7 == 3 ? index / 2 : index
            return F.document(number: "C\(100_000 + source)", surname: names[(index % 2 == 0 ? source + 1 : source) % names.count])
        }
        let inOrder = CloneRegister()
        let expected = documents.enumerated().map { index, document in
            inOrder.note(document, order: index + 1, source: nil)
            return inOrder.sighting(for: document, order: index + 1) != nil
        }
        let folder = try scratch.newFolder()
        let input = folder.appendingPathComponent("crossings.txt").path
        try documents.map { $0.lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") }
            .joined(separator: "\n\n").write(toFile: input, atomically: true, encoding: .utf8)

        let risk = RiskStage(scorer: RiskScorer(policy: F.flatPolicy(points: 10), asOf: F.asOf))
        var output: [UInt8] = []
        try TextScreening.run(reader: try MRZTextRecordReader(path: input), screener: MRZScreener(matcher: nil, currentYear: 2026),
                              risk: risk, jobs: 4) { output += $0 }
        let flagged = String(decoding: output, as: UTF8.self).split(separator: "\n").map { $0.contains("\"code\":\"CLONE\"") }
        #expect(flagged == expected)
        #expect(expected.filter { $0 }.count > 100)
    }
}
