import Foundation
import Lists
import MRZ

@testable import Pipeline

/// Policies, documents and results for the risk tests.
enum RiskFixtures {
    /// The package root, found from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped policy.
    static func shippedPolicy() throws -> RiskPolicy {
        try RiskPolicyFile.load(packageRoot.appendingPathComponent("Models/risk.yaml").path)
    }

    /// A policy where every rule weighs `points`: with 0, only the fixed rules can raise the level.
    static func flatPolicy(points: Int) -> RiskPolicy {
        RiskPolicy(
            version: "test", reviewFrom: 30, alertFrom: 70,
            points: Dictionary(uniqueKeysWithValues: RiskRule.allCases.map { ($0, points) }),
            lowConfidenceBelow: 0.6, repairedManyCharacters: 3, maxAgeYears: 120,
            specimens: SpecimenMarkers(
                states: ["UTO"], names: ["ERIKSSON ANNA MARIA"], nameWords: ["SPECIMEN"],
                numbers: ["L898902C3"]))
    }

    static let asOf = MRZDate(year: 2026, month: 11, day: 24)!

    /// A valid TD3 document from these fields (check digits computed).
    static func document(
        state: String = "D", number: String = "C01X00T47", surname: String = "MUELLER",
        givenNames: String = "JAN", birth: String = "800101", expiry: String = "300101",
        alter: ((inout [[UInt8]]) -> Void)? = nil
    ) -> MRZDocument {
        let fields = MRZFields(
            format: .td3, documentCode: "P", issuingState: state, surname: surname, givenNames: givenNames,
            documentNumber: number, nationality: state, birthDate: birth, sex: "M", expiryDate: expiry,
            optionalData: "", optionalData2: "", emptyOptionalCheckIsFiller: false)
        var lines = MRZComposer.compose(fields)
        alter?(&lines)
        return MRZParser.parse(lines, currentYear: 2026)
    }

    /// A list consulted that does not hold the document.
    static let notListed = ListVerdict(checked: true, hits: [], listVersion: "v1")

    /// A screened result for `document` (by default checked against a list that does not hold it).
    static func result(
        _ document: MRZDocument, list: ListVerdict? = notListed, ocr: OCRSummary? = nil, file: String = "scan.png"
    ) -> ScanReading {
        ScanReading(file: file, sha256: "00", status: .ok, document: document, ocr: ocr, list: list)
    }

    /// A list hit on `number` of the given status and kind.
    static func verdict(_ status: ListStatus, _ kind: ListMatchKind, number: String = "C01X00T47") -> ListVerdict {
        let record = ListRecord(
            recordID: "R-1", issuingState: "D", documentNumber: number, documentType: "P", status: status,
            reportedOn: "2025-01-01")
        return ListVerdict(checked: true, hits: [ListHit(record: record, kind: kind)], listVersion: "v1")
    }
}
