import Foundation
import Lists
import MRZ
import Paxlst
import TestSupport
import Testing

@testable import Pipeline

/// Advance Passenger Information screened like MRZ text: PAXLST files in, one result per traveller document out,
/// against a real SQLite list store and the shipped risk policy.
struct APIScreeningTests {
    typealias F = RiskFixtures
    private let scratch = ScratchFolder("api-screening")

    /// The store: the stolen passport and the listed visa.
    private func store(in folder: URL) throws -> ListMatcher {
        try ListMatcher(store: try ListStores.open(try SampleFlightStore.make(in: folder)))
    }

    /// The result lines of screening `files` with `jobs` workers, and the issues reported.
    private func screen(_ files: [String], matcher: ListMatcher, jobs: Int) throws -> (
        lines: [String], issues: [String]
    ) {
        let issues = IssueLog()
        let reader = PaxlstRecordReader(paths: files, asOfYear: 2026) { file, issue in issues.add("\(file): \(issue)") }
        let risk = RiskStage(scorer: RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf))
        var output: [UInt8] = []
        try TextScreening.run(
            reader: reader, screener: MRZScreener(matcher: matcher, currentYear: 2026), risk: risk, jobs: jobs
        ) { output += $0 }
        return (String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init), issues.lines)
    }

    private final class IssueLog: @unchecked Sendable {
        private(set) var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
    }

    private func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("a flight with a listed passport, a listed visa, an expired passport and a clone gives exactly those")
    func aFlightGivesExactlyItsAlertsAndReviews() throws {
        let folder = try scratch.newFolder()
        let file = folder.appendingPathComponent("UA123.edi").path
        try PaxlstSample.flight.write(toFile: file, atomically: true, encoding: .utf8)
        let matcher = try store(in: folder)
        let (lines, issues) = try screen([file], matcher: matcher, jobs: 1)
        #expect(issues.isEmpty, "\(issues)")
        try #require(lines.count == 8)
        var summary: [String] = []
        for line in lines {
            let result = try object(line)
            let risk = try #require(result["risk"] as? [String: Any])
            let codes = (risk["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            let api = try #require(result["api"] as? [String: Any])
            summary.append("\(api["role"]!) \(api["documentType"]!) \(risk["level"]!) \(codes.joined(separator: ","))")
            #expect(result["file"] as? String == file)
            #expect(api["flight"] as? String == "UA123")
            #expect((api["arrival"] as? [String: Any])?["place"] as? String == "JFK")
        }
        #expect(
            summary == [
                "passenger P alert LIST_STOLEN",
                "passenger P clear ",
                "passenger V alert LIST_REVOKED",
                // Valid on the run's day (24 November), expired on the day the flight lands.
                "passenger P review EXPIRED",
                "passenger P clear ",
                "passenger P review CLONE",
                "passenger P clear ",
                "crew P clear ",
            ])
        let second = try object(lines[1])
        let mrz = try #require(second["mrz"] as? [String: Any])
        #expect(mrz["surname"] as? String == "OBRIEN")
        #expect((mrz["lines"] as? [Any])?.isEmpty == true)
        #expect(second["record"] as? Int == 2)
        #expect(try screen([file], matcher: matcher, jobs: 2).lines == lines)
    }

    @Test("a broken message: every traveller still screened, an unreadable result where no number, issues by place")
    func aBrokenMessageHidesNoTraveller() throws {
        let folder = try scratch.newFolder()
        // CNT says 9, the UNT count is wrong, a DOC has no number, a birth date is no date.
        let broken = PaxlstSample.flight
            .replacingOccurrences(of: "CNT+42:6'", with: "CNT+42:9'")
            .replacingOccurrences(of: "UNT+55+PAX001'", with: "UNT+50+PAX001'")
            .replacingOccurrences(of: "DOC+P:110:111+NL444444'", with: "DOC+P:110:111'")
            .replacingOccurrences(of: "DTM+329:850315'", with: "DTM+329:851345'")
        let file = folder.appendingPathComponent("UA123.edi").path
        try broken.write(toFile: file, atomically: true, encoding: .utf8)
        let (lines, issues) = try screen([file], matcher: try store(in: folder), jobs: 2)
        try #require(lines.count == 8)
        let results = try lines.map(object)
        let statuses = results.map { $0["status"] as? String ?? "" }
        #expect(statuses == ["ok", "ok", "ok", "ok", "ok", "ok", "unreadable", "ok"])
        #expect(((results[0]["risk"] as? [String: Any])?["level"] as? String) == "alert")
        let unreadable = results[6]
        #expect(((unreadable["error"] as? [String: Any])?["code"] as? String) == "UNREADABLE")
        #expect(((unreadable["risk"] as? [String: Any])?["level"] as? String) != "clear")
        let dated = try #require(results[3]["risk"] as? [String: Any])
        #expect((dated["reasons"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "DATE_INVALID" })
        let apiIssues = (results[0]["api"] as? [String: Any])?["issues"] as? [String] ?? []
        #expect(apiIssues.contains { $0.contains("CNT_COUNT") })
        #expect(apiIssues.contains { $0.contains("UNT_COUNT") })
        #expect(issues.contains { $0.contains("message 1") && $0.contains("CNT_COUNT") })
        for text in issues + apiIssues {
            for value in ["SHEVCHENKO", "FA123456", "851345", "NL444444", "JANSEN"] { #expect(!text.contains(value)) }
        }
    }

    @Test("a PAXLST name and the MRZ name of the same holder are one holder for CLONE")
    func paxlstAndMRZNamesCompareEqual() throws {
        let mrz = MRZParser.parse(
            [
                Array("P<D<<MUELLER<<DORA<<<<<<<<<<<<<<<<<<<<<<<<<<".utf8),
                Array("C01X00T478D<<9009095F3109098<<<<<<<<<<<<<<<2".utf8),
            ], currentYear: 2026)
        let file = PaxlstReader.read(PaxlstSample.flight, asOfYear: 2026)
        let traveller = file.travellers[3]
        let api = try #require(APIRecord.fields(of: traveller.documents[0], holder: traveller))
        #expect(api.surname == mrz.surname && api.givenNames == mrz.givenNames)
        let register = CloneRegister()
        register.note(mrz, order: 1, source: nil)
        register.note(api, order: 2, source: nil)
        #expect(register.sighting(for: api, order: 2) == nil)
        var keyedIn = traveller.documents[0]
        keyedIn.number = "c01x 00t47"
        #expect(APIRecord.fields(of: keyedIn, holder: traveller)?.documentNumber == api.documentNumber)
        let other = try #require(APIRecord.fields(of: file.travellers[4].documents[0], holder: file.travellers[4]))
        register.note(other, order: 3, source: nil)
        #expect(register.sighting(for: other, order: 3) != nil)
    }

    @Test("API result lines read back are the same lines; the report groups them by flight, alerts first")
    func readBackReportAndCSV() throws {
        let folder = try scratch.newFolder()
        let file = folder.appendingPathComponent("UA123.edi").path
        try PaxlstSample.flight.write(toFile: file, atomically: true, encoding: .utf8)
        let (lines, _) = try screen([file], matcher: try store(in: folder), jobs: 2)
        let results = folder.appendingPathComponent("results.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: results, atomically: true, encoding: .utf8)
        var readBack: [String] = []
        let report = folder.appendingPathComponent("report.html").path
        let csv = folder.appendingPathComponent("results.csv").path
        let context = ReportContext(title: "API", asOf: "2026-11-24", policyVersion: "p", listVersion: "t")
        let writers: [any ResultWriter] = [
            HTMLReportWriter(try OutputFile(path: report), context: context),
            CSVResultWriter(try OutputFile(path: csv)),
        ]
        try ResultLineReader.forEach(inFile: results) { result in
            readBack.append(JSONWriter.text(result))
            for output in writers { try output.write(result) }
        }
        for output in writers { try output.finish() }
        #expect(readBack == lines)

        let page = try String(contentsOfFile: report, encoding: .utf8)
        let heading = "<h2>UA123 YVR→JFK arriving 2026-12-01T18:30: 2 alerts, 2 reviews</h2>"
        let flight = try #require(page.range(of: heading))
        let places = ["passenger 1 ·", "passenger 2 ·", "passenger 5 ·", "passenger 3 ·"].map {
            page.range(of: $0)?.lowerBound
        }
        #expect(places.allSatisfy { $0 != nil && $0! > flight.upperBound })
        // Alerts first (the stolen passport, the revoked visa), then reviews by score (the clone, the expired one).
        #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted())
        #expect(!page.contains("<h2>Alerts") && !page.contains("No pictures with this result"))
        #expect(page.contains("<p class=\"meta\">8 documents · as of 2026-11-24"))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n").dropLast()
        #expect(rows.count == 9)
        #expect(rows[1].hasSuffix(",UA123,YVR,JFK,2026-12-01T18:30,passenger,1,1,1"))
        #expect(rows[8].hasSuffix(",UA123,YVR,JFK,2026-12-01T18:30,crew,2,1,1"))
    }

    @Test("a document of yesterday's flight (--history) seen today with another holder is a CLONE")
    func cloneAcrossDaysThroughHistory() throws {
        let folder = try scratch.newFolder()
        let file = folder.appendingPathComponent("UA123.edi").path
        try PaxlstSample.flight.write(toFile: file, atomically: true, encoding: .utf8)
        let (yesterday, _) = try screen([file], matcher: try store(in: folder), jobs: 1)
        let history = folder.appendingPathComponent("yesterday.jsonl").path
        try (yesterday.joined(separator: "\n") + "\n").write(toFile: history, atomically: true, encoding: .utf8)
        let today = PaxlstSample.flight.replacingOccurrences(of: "JANSEN:FREEK", with: "VISSER:PIETER")
            .replacingOccurrences(of: "DTM+329:700707'", with: "DTM+329:710808'")
        let todayFile = folder.appendingPathComponent("UA125.edi").path
        try today.write(toFile: todayFile, atomically: true, encoding: .utf8)
        let register = CloneRegister()
        try register.remember(resultsAt: history)
        let risk = RiskStage(scorer: RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf), clones: register)
        var output: [UInt8] = []
        try TextScreening.run(
            reader: PaxlstRecordReader(paths: [todayFile], asOfYear: 2026),
            screener: MRZScreener(matcher: try store(in: try scratch.newFolder()), currentYear: 2026), risk: risk,
            jobs: 2
        ) { output += $0 }
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        let clones = lines.enumerated().filter { $0.element.contains(#""code":"CLONE""#) }.map(\.offset)
        // The holder swapped today, and the two who share a number as yesterday (both now seen before).
        #expect(clones.contains(6))
        #expect(lines[6].contains("yesterday.jsonl"))
    }
}
