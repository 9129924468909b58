import MRZ
import Testing

@testable import Eval
@testable import Pipeline

/// Scoring reads against the truth: tallies per group, miss causes, and a report that keeps MRZ text out
/// unless asked.
@Suite struct EvaluationTests {
    static let td3 = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]
    static let td1 = [
        "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]

    /// `line` with the characters at `positions` replaced by `X`.
    static func misprinted(_ line: String, at positions: [Int]) -> String {
        var bytes = Array(line.utf8)
        for position in positions { bytes[position] = UInt8(ascii: "X") }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "a miss is put down to its cause",
        arguments: [
            (nil, td3, ScanResult.Status.noMRZ, "no MRZ"),
            (nil, td3, .error, "bad file"),
            (nil, td3, .unreadable, "unreadable"),
            (nil, td3, .ok, "unreadable"),
            ([td3[0]], td3, .ok, "layout"),
            (td3 + [td3[1]], td3, .ok, "layout"),
            ([td3[0], String(td3[1].dropLast())], td3, .ok, "layout"),
            ([td3[0], misprinted(td3[1], at: [3])], td3, .ok, "characters (wrong characters per line: 0, 1)"),
            (
                [misprinted(td3[0], at: [2]), misprinted(td3[1], at: [0, 27, 43])], td3, .ok,
                "characters (wrong characters per line: 1, 3)"
            ),
            (td1, [], .ok, "false read"),
        ] as [([String]?, [String], ScanResult.Status, String)])
    func cause(read: [String]?, truth: [String], status: ScanResult.Status, description: String) {
        #expect(MissCause.of(read: read, truth: truth, status: status).description == description)
    }

    @Test("a line read one column off is shifted", arguments: [1, -1, 2])
    func shifted(by shift: Int) throws {
        // The second line as if its origin were placed `shift` columns off: the read runs ahead or behind.
        let line = Array(Self.td3[1].utf8)
        let moved = (0..<line.count).map { index in
            let source = index - shift
            return source >= 0 && source < line.count ? line[source] : UInt8(ascii: "<")
        }
        let read = [Self.td3[0], String(decoding: moved, as: UTF8.self)]
        let finding = MissCause.of(read: read, truth: Self.td3, status: .ok)
        #expect(finding.kind == .shifted)
        #expect(finding.wrongPerLine.count == 2 && finding.wrongPerLine[0] == 0 && finding.wrongPerLine[1] > 11)
        // A few wrong characters are characters, not a shift.
        let few = [Self.td3[0], Self.misprinted(Self.td3[1], at: [1, 2, 3, 4, 5])]
        #expect(MissCause.of(read: few, truth: Self.td3, status: .ok).kind == .characters)
    }

    /// A result that read `lines` (nil: nothing) with `status`.
    static func result(_ file: String, read lines: [String]?, status: ScanResult.Status = .ok) -> ScanReading {
        let document = lines.map { MRZParser.parse($0.map { Array($0.utf8) }, currentYear: 2026) }
        return ScanReading(
            file: file, sha256: nil, status: status, document: document, seconds: 0.5, cpuSeconds: 0.25)
    }

    /// Five scans: two photos (one read, one with a wrong character), two scans (a blank page rightly without
    /// MRZ, an MRZ not found) and a TD1 read where the page has none.
    static func evaluation() -> Evaluation {
        var evaluation = Evaluation()
        let wrong = [td3[0], misprinted(td3[1], at: [9])]
        let rows: [(String, [String]?, ScanResult.Status, [String], String, String)] = [
            ("a.png", td3, .ok, td3, "photo", "TD3"),
            ("b.png", wrong, .ok, td3, "photo", "TD3"),
            ("c.png", nil, .noMRZ, [], "scan", "none"),
            ("d.png", nil, .noMRZ, td1, "scan", "TD1"),
            ("e.png", td1, .ok, [], "scan", "none"),
        ]
        for (file, read, status, truth, kind, format) in rows {
            evaluation.record(
                result(file, read: read, status: status),
                expected: EvalCase(
                    scan: file, lines: truth, groups: [EvalGroup("kind", kind), EvalGroup("format", format)]))
        }
        return evaluation
    }

    @Test func scansAreTalliedPerGroup() {
        let evaluation = Self.evaluation()
        func tally(_ group: String, _ name: String) -> [Int] {
            evaluation.tallies[group]?[name].map { [$0.read, $0.total] } ?? []
        }
        #expect(tally("overall", "all") == [2, 5])
        #expect(tally("kind", "photo") == [1, 2] && tally("kind", "scan") == [1, 3])
        #expect(tally("format", "TD3") == [1, 2] && tally("format", "none") == [1, 2])
        #expect(tally("format", "TD1") == [0, 1])
        #expect(evaluation.misses.map(\.file) == ["b.png", "d.png", "e.png"])
        #expect(evaluation.misses.map(\.cause.kind) == [.characters, .noMRZ, .falseRead])
        #expect(evaluation.seconds == [0.5, 0.5, 0.5, 0.5, 0.5] && evaluation.cpuSeconds.count == 5)
    }

    /// The report's lines, trimmed of trailing blanks.
    static func lines(_ report: String) -> [String] { report.split(separator: "\n").map(String.init) }

    /// The table row for `name`, split on blanks.
    static func row(_ name: String, in report: String) -> [String]? {
        lines(report).first { $0.hasPrefix(name + " ") }?.split(separator: " ").map(String.init)
    }

    @Test func theReportHasATablePerGroupingAndTheMissesWithoutText() throws {
        let report = Self.evaluation().report(wallSeconds: 2, jobs: 1, model: "ocrb")
        let lines = Self.lines(report)
        #expect(lines.first == "exact-MRZ read rate, model ocrb, 1 job(s)")
        // Kind first, then format, then the overall line.
        let headers = lines.filter { $0.hasSuffix("read / scans    rate") }.map { $0.split(separator: " ")[0] }
        #expect(headers == ["kind", "format", "overall"])
        #expect(Self.row("photo", in: report) == ["photo", "1", "/", "2", "50.0", "%"])
        #expect(Self.row("scan", in: report) == ["scan", "1", "/", "3", "33.3", "%"])
        #expect(Self.row("TD1", in: report) == ["TD1", "0", "/", "1", "0.0", "%"])
        #expect(Self.row("all", in: report) == ["all", "2", "/", "5", "40.0", "%"])
        #expect(lines.contains("misses by cause: characters 1, false read 1, no MRZ 1"))
        #expect(lines.contains("b.png: characters (wrong characters per line: 0, 1)"))
        #expect(lines.contains("d.png: no MRZ"))
        #expect(lines.contains("e.png: false read"))
        #expect(lines.contains { $0.hasPrefix("CPU time per scan: mean 250 ms") })
        for text in Self.td3 + Self.td1 + ["ERIKSSON", "L898902C3", "D23145890"] {
            #expect(!report.contains(text), "\(text)")
        }
        #expect(!report.contains("truth:") && !report.contains("read:"))
    }

    @Test func theReportShowsTheTextOnlyWhenAsked() {
        let report = Self.evaluation().report(wallSeconds: 2, jobs: 3, model: "ocrb", showingText: true)
        let lines = Self.lines(report)
        #expect(lines.first == "exact-MRZ read rate, model ocrb, 3 job(s)")
        let miss = lines.firstIndex(of: "b.png: characters (wrong characters per line: 0, 1)") ?? lines.count - 2
        #expect(lines[miss + 1] == "  truth: \(Self.td3[0]) / \(Self.td3[1])")
        #expect(lines[miss + 2] == "  read:  \(Self.td3[0]) / \(Self.misprinted(Self.td3[1], at: [9]))")
        let nothing = lines.firstIndex(of: "d.png: no MRZ") ?? lines.count - 2
        #expect(lines[nothing + 2] == "  read:  -")
    }

    @Test func aPerfectRunHasNoMissList() {
        var evaluation = Evaluation()
        evaluation.record(
            Self.result("a.png", read: Self.td3),
            expected: EvalCase(scan: "a.png", lines: Self.td3, groups: [EvalGroup("kind", "photo")]))
        let report = evaluation.report(wallSeconds: 1, jobs: 1, model: "ocrb")
        #expect(Self.row("photo", in: report) == ["photo", "1", "/", "1", "100.0", "%"])
        #expect(!report.contains("misses"))
    }

    @Test func aReadThatIsNotOKCountsAsNothingRead() {
        // An unreadable result may carry the document it gave up on; it is still not a read.
        var evaluation = Evaluation()
        evaluation.record(
            Self.result("a.png", read: Self.td3, status: .unreadable),
            expected: EvalCase(scan: "a.png", lines: Self.td3, groups: []))
        #expect(evaluation.misses.first?.read == nil)
        #expect(evaluation.misses.first?.cause.kind == .unreadable)
    }
}
