import Foundation
import Lists
import MRZ
import Synth
import Testing

@testable import Pipeline

/// The French identity card (`FRA_ID`) through the whole pipeline: a rendered card (`docguard synth` renders the
/// ICAO formats only, so it is drawn here on TD2's card), real Tesseract with the shipped model, the shipped
/// risk policy, the CSV and HTML writers. Its MRZ has no expiry date, and nothing may invent one.
@Suite(.serialized)
struct FrenchIDScenarioTests {
    private let scratch = ScratchFolder("french-id")

    typealias F = RiskFixtures

    static let fields = MRZFields(
        format: .fraID, documentCode: "ID", issuingState: "FRA", surname: "BERTHIER", givenNames: "CORINNE",
        documentNumber: "190592310285", nationality: "FRA", birthDate: "651206", sex: "F", expiryDate: "")

    /// A scan of the card with `fields`, clean or turned and skewed.
    static func render(
        _ name: String, in folder: URL, fields: MRZFields = fields, rotation: Int = 0,
        skew: Double = 0
    ) throws -> String {
        var plan = ScanPlan.draw(index: 0, options: SynthOptions(count: 1, seed: 1988, formats: [.td2]))
        plan.fields = fields
        plan.degradations = []
        plan.rotation = rotation
        plan.skewDegrees = skew
        plan.dpi = 200
        let path = folder.appendingPathComponent(name).path
        try Data(ScanSynthesizer.render(plan, lossless: true).imageBytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("scans of the card read as FRA_ID, valid, with no expiry date, and no EXPIRED within 15 years of issue")
    func scans() throws {
        let folder = try scratch.newFolder()
        var coded = Self.fields
        coded.surname = "DE LA CRUZ"
        coded.givenNames = "MARIE CHRISTINE"
        coded.documentNumber = "120375012345"
        coded.optionalData = "750123"
        let files = [
            try Self.render("a-clean.png", in: folder),
            try Self.render("b-turned.png", in: folder, rotation: 90, skew: 4),
            try Self.render("c-coded.png", in: folder, fields: coded),
        ]
        let expected = [Self.fields, Self.fields, coded].map(MRZComposer.compose)
        let late = MRZDate(year: 2027, month: 3, day: 31)!  // within 15 years of both cards' months of issue
        let results = try RiskScenarioTests.run(files, matcher: nil, asOf: late)
        for (file, lines) in zip(files, expected) {
            let result = try #require(results[file])
            #expect(result.status == .ok, "\(file)")
            let document = try #require(result.document)
            #expect(document.format == .fraID)
            #expect(document.lines == lines, "\(document.lineTexts)")
            #expect(document.valid)
            #expect(document.expiryDate == nil && document.nationality == "FRA")
            let codes = result.risk?.reasons.map(\.code.rawValue) ?? []
            #expect(!codes.contains("EXPIRED") && !codes.contains("EXPIRY_BEFORE_BIRTH"), "\(codes)")
        }
    }

    @Test("a card past 15 years from its month of issue is EXPIRED although its MRZ has no expiry date")
    func expiredByIssueMonth() throws {
        var fields = Self.fields
        fields.documentNumber = "940992310285"  // the specimen: issued September 1994
        let document = MRZParser.parse(MRZComposer.compose(fields), currentYear: 2026)
        #expect(FrenchIdentityCard.issueMonth(of: document) == MRZDate(year: 1994, month: 9, day: 1))
        #expect(FrenchIdentityCard.latestPossibleExpiry(of: document) == MRZDate(year: 2009, month: 10, day: 1))
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: MRZDate(year: 2026, month: 11, day: 30)!)
        let assessment = scorer.assess(F.result(document, list: ListVerdict(checked: true, hits: [], listVersion: "v")))
        #expect(assessment.reasons.map(\.code) == [.expired])
        #expect(assessment.level >= .review)
        // The same card a day before the latest possible expiry: nothing to say.
        let early = RiskScorer(policy: try F.shippedPolicy(), asOf: MRZDate(year: 2009, month: 9, day: 30)!)
        #expect(
            early.assess(F.result(document, list: ListVerdict(checked: true, hits: [], listVersion: "v"))).reasons
                .isEmpty)
        // December rolls into the next year.
        fields.documentNumber = "981292310285"
        let december = MRZParser.parse(MRZComposer.compose(fields), currentYear: 2026)
        #expect(FrenchIdentityCard.latestPossibleExpiry(of: december) == MRZDate(year: 2014, month: 1, day: 1))
    }

    @Test("risk, CSV and HTML take a document without an expiry date: no EXPIRED, an empty cell, a dash")
    func writers() throws {
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: MRZDate(year: 2030, month: 1, day: 1)!)
        func assessed(_ lines: [[UInt8]], file: String = "scan.png") -> ScanResult {
            let reading = F.result(
                MRZParser.parse(lines, currentYear: 2026),
                list: ListVerdict(checked: true, hits: [], listVersion: "v1"), file: file)
            return ScanResult(reading, risk: scorer.assess(reading))
        }
        let result = assessed(MRZComposer.compose(Self.fields))
        #expect(result.risk?.level == .clear)
        #expect(result.risk?.reasons == [])
        // The surname altered under the final check digit: the tampering signal, an alert the report details.
        var lines = MRZComposer.compose(Self.fields)
        lines[0][12] = UInt8(ascii: "Z")
        let altered = assessed(lines, file: "altered.png")
        #expect(altered.risk?.level == .alert)
        #expect(altered.risk?.reasons.map(\.code.rawValue) == ["COMPOSITE_CHECK"])

        let folder = try scratch.newFolder()
        let csvPath = folder.appendingPathComponent("out.csv").path
        let csv = CSVResultWriter(try OutputFile(path: csvPath))
        try csv.write(result)
        try csv.finish()
        let row = try String(contentsOfFile: csvPath, encoding: .utf8).components(separatedBy: "\r\n")[1]
        #expect(row.contains(",FRA_ID,ID,FRA,190592310285,FRA,BERTHIER,CORINNE,1965-12-06,F,,true,"), "\(row)")

        let htmlPath = folder.appendingPathComponent("out.html").path
        let context = ReportContext(title: "Night batch", asOf: "2030-01-01", policyVersion: "p1", listVersion: "v1")
        let html = HTMLReportWriter(try OutputFile(path: htmlPath), context: context)
        try html.write(result)
        try html.write(altered)
        try html.finish()
        let page = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(page.contains("<h2>Clear (1)</h2>"))
        #expect(page.contains("<dt>Document</dt><dd>FRA_ID ID</dd>"))
        #expect(page.contains("<dt>Expires</dt><dd>–</dd>"))
    }
}
