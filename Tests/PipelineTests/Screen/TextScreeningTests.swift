import Foundation
import Lists
import MRZ
import Testing

@testable import Pipeline

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
            return F.document(
                number: "C\(100_000 + source)", surname: names[(index % 2 == 0 ? source + 1 : source) % names.count])
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
        try TextScreening.run(
            reader: try MRZTextRecordReader(path: input), screener: MRZScreener(matcher: nil, currentYear: 2026),
            risk: risk, jobs: 4
        ) { output += $0 }
        let flagged = String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            $0.contains("\"code\":\"CLONE\"")
        }
        #expect(flagged == expected)
        #expect(expected.filter { $0 }.count > 100)
    }

    @Test("screening on several workers gives every record the list verdict a lookup of its own gives")
    func listVerdictsMatchOneLookupAtATime() throws {
        let folder = try scratch.newFolder()
        // Every seventh number listed, one in 50 (in the listed range) as a stolen blank, one in 100 with an
        // O for its 0 (a fuzzy hit of a listed number).
        var csv = "record_id,issuing_state,document_number,status,number_to\n"
        for index in stride(from: 0, to: 3_000, by: 7) { csv += "R\(index),D,C\(100_000 + index),stolen,\n" }
        csv += "BLANKS,D,C102000,stolen_blank,C102099\n"
        let list = folder.appendingPathComponent("list.csv").path
        try csv.write(toFile: list, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("lists.sqlite").path
        _ = try ListImporter.run(
            files: [list], into: try ListStores.open(storePath, create: true), replace: false,
            version: "t", importedAt: "2026-11-24T00:00:00Z"
        ) { _ in }
        let matcher = try ListMatcher(store: try ListStores.open(storePath))

        let documents = (0..<3_000).map { index in
            let number = "C\(100_000 + index)"
            return F.document(number: index % 100 == 49 ? number.replacingOccurrences(of: "0", with: "O") : number)
        }
        let input = folder.appendingPathComponent("crossings.txt").path
        try documents.map { $0.lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") }
            .joined(separator: "\n\n").write(toFile: input, atomically: true, encoding: .utf8)
        var output: [UInt8] = []
        try TextScreening.run(
            reader: try MRZTextRecordReader(path: input), screener: MRZScreener(matcher: matcher, currentYear: 2026),
            risk: RiskStage(scorer: RiskScorer(policy: F.flatPolicy(points: 10), asOf: F.asOf)), jobs: 4
        ) { output += $0 }

        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        try #require(lines.count == documents.count)
        var hits = 0
        var kinds: Set<String> = []
        for (line, document) in zip(lines, documents) {
            let verdict = try matcher.verdict(
                issuingState: document.issuingState, documentNumber: document.documentNumber)
            let list =
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["list"]
                as? [String: Any]
            #expect(list?["hit"] as? Bool == verdict.hit, "\(document.documentNumber ?? "")")
            #expect(list?["match"] as? String == verdict.match?.rawValue, "\(document.documentNumber ?? "")")
            if verdict.hit { hits += 1 }
            if let kind = verdict.match?.rawValue { kinds.insert(kind) }
        }
        #expect(hits > 500)
        #expect(kinds == ["exact", "range", "fuzzy"])
    }
}
