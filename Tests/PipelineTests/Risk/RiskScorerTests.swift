import Lists
import MRZ
import Testing
import VisualZone

@testable import Pipeline

struct RiskScorerTests {
    typealias F = RiskFixtures

    private func codes(_ assessment: RiskAssessment) -> [String] { assessment.reasons.map(\.code.rawValue) }

    @Test("a clean, valid, unlisted document is clear with no reasons")
    func cleanIsClear() throws {
        let assessment = RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf).assess(F.result(F.document()))
        #expect(assessment == RiskAssessment(score: 0, level: .clear, reasons: [], policyVersion: "2026-11-30.3"))
    }

    @Test(
        "the fixed rules hold whatever the weights: with every weight 0 the floors still decide",
        arguments: [
            (ListStatus.stolen, ListMatchKind.exact, RiskLevel.alert, "LIST_STOLEN"),
            (.lost, .exact, .alert, "LIST_LOST"),
            (.revoked, .exact, .alert, "LIST_REVOKED"),
            (.invalidated, .exact, .alert, "LIST_REVOKED"),
            (.stolenBlank, .range, .alert, "LIST_STOLEN"),
            (.stolen, .fuzzy, .review, "LIST_FUZZY"),
        ])
    func listFloors(status: ListStatus, kind: ListMatchKind, level: RiskLevel, code: String) {
        let scorer = RiskScorer(policy: F.flatPolicy(points: 0), asOf: F.asOf)
        let assessment = scorer.assess(F.result(F.document(), list: F.verdict(status, kind)))
        #expect(assessment.level == level)
        #expect(assessment.score == 0)
        #expect(codes(assessment) == [code])
        #expect(assessment.reasons[0].detail.contains("R-1"))
    }

    @Test(
        "a printed field that differs from the MRZ is a review, two are an alert, whatever the weights; unread is nothing",
        arguments: [
            ([VisualField.birthDate], RiskLevel.review, ["VIZ_MISMATCH"]),
            ([.birthDate, .surname], .alert, ["VIZ_MISMATCH"]),
            ([], .clear, []),
        ])
    func printedPageAgainstTheMRZ(differing: [VisualField], level: RiskLevel, expected: [String]) {
        var fields: [VisualField: FieldComparison] = [.documentNumber: .unread, .sex: .unread]
        for field in differing { fields[field] = FieldComparison(verdict: .differs, printed: "X") }
        fields[.expiryDate] = FieldComparison(verdict: .agrees, printed: "Y")
        let reading = ScanReading(
            file: "scan.png", sha256: "00", status: .ok, document: F.document(), list: F.notListed,
            visualZone: VisualZoneCheck(fields: fields))
        let assessment = RiskScorer(policy: F.flatPolicy(points: 0), asOf: F.asOf).assess(reading)
        #expect(assessment.level == level)
        #expect(codes(assessment) == expected)
        // The detail names the fields, never the values.
        if let detail = assessment.reasons.first?.detail {
            #expect(differing.allSatisfy { detail.contains($0.rawValue) } && !detail.contains("X"))
        }
    }

    @Test("a fuzzy hit names the listed number")
    func fuzzyNamesTheListedNumber() throws {
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf)
        let assessment = scorer.assess(F.result(F.document(), list: F.verdict(.stolen, .fuzzy, number: "CO1XOOT47")))
        #expect(assessment.reasons.first?.detail.contains("CO1XOOT47") == true)
        #expect(assessment.level == .review)
    }

    @Test("a composite-only failure (every field digit right) is an alert; a field digit failure at least review")
    func checkDigitFloors() {
        let scorer = RiskScorer(policy: F.flatPolicy(points: 0), asOf: F.asOf)
        let compositeOnly = F.document {
            $0[1][43] = $0[1][43] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        }
        #expect(compositeOnly.checks.fieldsPass && compositeOnly.checks.composite == false)
        let tampered = scorer.assess(F.result(compositeOnly))
        #expect(tampered.level == .alert)
        #expect(codes(tampered) == ["COMPOSITE_CHECK"])
        #expect(tampered.reasons[0].detail.contains("altered"))

        let badBirthDigit = F.document {
            $0[1][19] = $0[1][19] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        }
        let failed = scorer.assess(F.result(badBirthDigit))
        #expect(failed.level == .review)
        #expect(codes(failed).contains("CHECK_DIGIT"))
        #expect(codes(failed).contains("COMPOSITE_CHECK"))
    }

    @Test(
        "dates against each other and the as-of date",
        arguments: [
            ("800101", "200101", ["EXPIRED"]),
            ("261201", "300101", ["BIRTH_IN_FUTURE"]),
            ("200101", "100101", ["EXPIRED", "EXPIRY_BEFORE_BIRTH"]),
            ("800231", "300101", ["DATE_INVALID"]),
        ])
    func dates(birth: String, expiry: String, expected: [String]) throws {
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf)
        let assessment = scorer.assess(F.result(F.document(birth: birth, expiry: expiry)))
        #expect(Set(codes(assessment)) == Set(expected))
        #expect(assessment.level >= .review)
    }

    @Test("a holder older than the policy's limit is DATE_INVALID, judged as of the given day")
    func implausibleAge() throws {
        let policy = try F.shippedPolicy()
        let document = F.document(birth: "300101", expiry: "300101")  // born 1930 when read in 2026
        let later = MRZDate(year: 2051, month: 6, day: 1)!
        let assessment = RiskScorer(policy: policy, asOf: later).assess(F.result(document))
        #expect(assessment.reasons.contains { $0.code == .dateInvalid && $0.detail.contains("121 years") })
        #expect(
            !RiskScorer(policy: policy, asOf: F.asOf).assess(F.result(document)).reasons.contains {
                $0.code == .dateInvalid
            })
    }

    @Test(
        "specimens: the ICAO state, names and numbers",
        arguments: [
            ("UTO", "C01X00T47", "MUELLER", "JAN"), ("D", "L898902C3", "MUELLER", "JAN"),
            ("D", "C01X00T47", "ERIKSSON", "ANNA MARIA"), ("D", "C01X00T47", "SPECIMEN", "JAN"),
        ])
    func specimens(state: String, number: String, surname: String, given: String) throws {
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf)
        let document = F.document(state: state, number: number, surname: surname, givenNames: given)
        #expect(codes(scorer.assess(F.result(document))).contains("SPECIMEN"))
    }

    @Test("an unknown state code is UNKNOWN_STATE")
    func unknownState() throws {
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf)
        #expect(codes(scorer.assess(F.result(F.document(state: "QQQ")))).contains("UNKNOWN_STATE"))
    }

    @Test(
        "known ICAO deviations (a name starting <<, X for sex) weigh low: MRZ_DEVIATION, clear",
        arguments: [
            ("MUELLER", true, 1), ("", false, 1), ("", true, 2),
        ])
    func deviations(surname: String, sexX: Bool, findings: Int) throws {
        let policy = try F.shippedPolicy()
        let document = F.document(surname: surname, givenNames: "SURYA") { lines in
            if sexX { lines[1][20] = UInt8(ascii: "X") }
        }
        #expect(document.valid && document.errorCodes.isEmpty)
        #expect(document.findings.count == findings)
        let checked = ListVerdict(checked: true, hits: [], listVersion: "v1")
        let assessment = RiskScorer(policy: policy, asOf: F.asOf).assess(F.result(document, list: checked))
        #expect(codes(assessment) == ["MRZ_DEVIATION"], "both deviations make one reason, weighed once")
        #expect(assessment.score == 5 && policy.points[.mrzDeviation] == 5)
        #expect(assessment.score < policy.reviewFrom)
        #expect(assessment.level == .clear)
        #expect(!assessment.reasons[0].detail.contains("SURYA"))
        #expect(RiskRule.mrzDeviation.floor == .clear)
    }

    @Test("OCR: low confidence, and repairs weighed by how many characters changed")
    func ocrReasons() throws {
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf)
        func ocr(_ confidence: Double, _ corrected: [String]) -> OCRSummary {
            OCRSummary(confidence: confidence, corrected: corrected, model: "mrz", rotation: 0, skew: 0)
        }
        let low = scorer.assess(F.result(F.document(), ocr: ocr(0.4, [])))
        #expect(codes(low) == ["LOW_CONFIDENCE"])
        #expect(low.level == .clear)
        let few = scorer.assess(F.result(F.document(), ocr: ocr(0.9, ["line2[5]: O->0"])))
        #expect(
            few.reasons == [
                RiskReason(
                    code: .repaired, points: 5,
                    detail: "check-digit repair changed 1 character of the read (line2[5]: O->0)")
            ])
        let many = scorer.assess(F.result(F.document(), ocr: ocr(0.9, ["a", "b", "c"])))
        #expect(codes(many) == ["REPAIRED"])
        #expect(many.level == .review)
    }

    @Test("a list that could not be consulted is never clear")
    func listUnchecked() {
        let scorer = RiskScorer(policy: F.flatPolicy(points: 0), asOf: F.asOf)
        let down = ListVerdict(checked: false, hits: [], listVersion: "v1", unavailable: "connection refused")
        let assessment = scorer.assess(F.result(F.document(), list: down))
        #expect(assessment.level == .review)
        #expect(codes(assessment) == ["LIST_UNCHECKED"])
    }

    @Test(
        "scans that could not be read need a look",
        arguments: [
            (ScanResult.Status.noMRZ, "NO_MRZ"), (.unreadable, "UNREADABLE"), (.error, "BAD_FILE"),
        ])
    func unreadScans(status: ScanResult.Status, code: String) {
        let scorer = RiskScorer(policy: F.flatPolicy(points: 0), asOf: F.asOf)
        let result = ScanReading(
            file: "x", sha256: nil, status: status,
            problem: ScanProblem(code: ReasonCode(rawValue: code)!, detail: "why"))
        let assessment = scorer.assess(result)
        #expect(assessment.level == .review)
        #expect(codes(assessment) == [code])
    }

    @Test("score is the sum of points capped at 100, reasons most points first, level by the thresholds")
    func scoring() throws {
        let scorer = RiskScorer(policy: try F.shippedPolicy(), asOf: F.asOf)
        let expired = scorer.assess(F.result(F.document(expiry: "200101")))
        #expect(expired.score == 30 && expired.level == .review)
        let stolenSpecimen = scorer.assess(F.result(F.document(state: "UTO"), list: F.verdict(.stolen, .exact)))
        #expect(stolenSpecimen.score == 100)
        #expect(codes(stolenSpecimen) == ["LIST_STOLEN", "SPECIMEN"])
        let weights = scorer.assess(F.result(F.document(expiry: "200101"), list: F.verdict(.stolen, .fuzzy)))
        #expect(weights.score == 75 && weights.level == .alert)
    }
}
