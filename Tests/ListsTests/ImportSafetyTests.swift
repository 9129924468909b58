import Foundation
import Testing

@testable import Lists

/// An import that would empty the list or replace it with a much smaller one, and rows repeating a
/// record_id: on both stores.
@Suite struct ImportSafetyTests {
    private let header = "record_id,issuing_state,document_number,status\n"

    private func expectListUnchanged(_ fixture: StoreFixture, records: Int = 5, generation: Int = 1) throws {
        let store = try fixture.open()
        #expect(
            try store.info()
                == ListInfo(
                    version: "v1", importedAt: "2026-11-24T00:00:00Z", records: records, generation: generation))
        let matcher = try ListMatcher(store: store)
        #expect(matcher.usesFilter)
        #expect(try matcher.verdict(issuingState: "UKR", documentNumber: "FA123456").match == .exact)
    }

    private func expectRefused(_ body: () throws -> Void) {
        #expect {
            try body()
        } throws: { error in
            guard case .refusedImport = error as? ListError else { return false }
            return "\(error)".contains("the list is unchanged")
        }
    }

    @Test(arguments: Backend.allCases)
    func aReplaceThatWouldEmptyTheListIsRefusedAndChangesNothing(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)], version: "v1")
            let slips = [
                ("empty", ""), ("header only", header),
                ("all rows bad", header + "X-1,UTOX,1,stolen\nX-2,UTO,,stolen\n"),
            ]
            for (name, text) in slips {
                let path = try fixture.file("\(name).csv", text)
                expectRefused { try importFiles(fixture, [path], replace: true) }
                try expectListUnchanged(fixture)
            }
            // A delta withdrawing every record would empty it as well.
            let all = try fixture.file("all.csv", header + (1...5).map { "IF-2024-00000\($0),,,withdrawn\n" }.joined())
            expectRefused { try importFiles(fixture, [all]) }
            try expectListUnchanged(fixture)

            // Said explicitly, it is done.
            let emptied = try importFiles(fixture, [all], safety: ListImportSafety(allowEmpty: true)).report
            #expect(emptied.info.records == 0 && emptied.withdrawn == 5)
        }
    }

    @Test(arguments: Backend.allCases)
    func aFirstImportThatLoadsNothingLeavesNoList(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            expectRefused { try importFiles(fixture, [try fixture.file("h.csv", header)]) }
            let info = try fixture.open().info()
            #expect(info == nil)
            #expect(throws: ListError.self) { _ = try ListMatcher(store: try fixture.open()) }
        }
    }

    @Test(arguments: Backend.allCases)
    func aReplaceKeepingLessThanHalfIsRefusedUnlessAllowed(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)], version: "v1")
            let two = try fixture.file("two.csv", header + "N-1,ESP,AAA000001,stolen\nN-2,ESP,AAA000002,stolen\n")
            expectRefused { try importFiles(fixture, [two], replace: true) }
            try expectListUnchanged(fixture)
            // A delta of the same rows is not a shrink: it only adds.
            #expect(try importFiles(fixture, [two], version: "v1").report.info.records == 7)
            let three = try fixture.file(
                "three.csv",
                header + "N-3,ESP,AAA000003,stolen\n"
                    + "N-4,ESP,AAA000004,stolen\n" + "N-5,ESP,AAA000005,stolen\n")
            expectRefused { try importFiles(fixture, [three], replace: true) }  // 3 of 7
            let four = try fixture.file(
                "four.csv",
                header + "N-6,ESP,AAA000006,stolen\n"
                    + String(
                        try String(contentsOfFile: three, encoding: .utf8).dropFirst(header.count)))
            #expect(try importFiles(fixture, [four], replace: true).report.info.records == 4)  // 4 of 7: kept
            let replaced = try importFiles(fixture, [two], replace: true, safety: ListImportSafety(allowShrink: true))
            #expect(replaced.report.info.records == 2)
        }
    }

    @Test(arguments: Backend.allCases, [false, true])
    func rowsRepeatingAnIDOfTheirFileAreCountedOnceAndReported(_ backend: Backend, delta: Bool) throws {
        try withFixture(backend) { fixture in
            if delta { try importFiles(fixture, [try fixture.file("list.csv", sampleCSV)]) }
            let before = delta ? 5 : 0
            // More rows than a batch, so a repeat can lie in another batch than its first row.
            var rows = (0..<10_010).map { "R-\($0),UTO,X\($0),stolen\n" }
            rows[10_005] = "R-3,UTO,X3,lost\n"  // line 10 007 repeats line 5
            rows[10_006] = "R-4,,,withdrawn\n"  // line 10 008 repeats line 6
            rows[10_007] = "R-0,UTO,X0,lost\n"  // line 10 009 repeats line 2
            let first = try fixture.file("first.csv", header + rows.joined())
            // Another file naming the same ids is an update, not a repeat; a withdrawal of an unknown id is one.
            let second = try fixture.file(
                "second.csv", header + "R-1,UTO,X1,revoked\nR-2,,,withdrawn\nZ-9,,,withdrawn\n")
            let report = try importFiles(fixture, [first, second]).report
            #expect(report.repeatedIDs == 3)
            #expect(
                report.repeatedRows.map(\.description) == [
                    "\(first):10007: record_id already given on line 5; the later row stands",
                    "\(first):10008: record_id already given on line 6; the later row stands",
                    "\(first):10009: record_id already given on line 2; the later row stands",
                ])
            #expect(report.upserted == 10_010 - 3 + 1)
            #expect(report.withdrawn == 1 && report.withdrawnUnknown == 1)
            // Every row counted once.
            #expect(report.upserted + report.withdrawn + report.withdrawnUnknown + report.repeatedIDs == 10_013)
            #expect(report.info.records == before + 10_010 - 3 - 2)  // withdrawn
            let matcher = try ListMatcher(store: try fixture.open())
            func status(_ number: String) throws -> [ListStatus] {
                try matcher.verdict(issuingState: "UTO", documentNumber: number).hits.map(\.record.status)
            }
            #expect(try status("X3") == [.lost])
            #expect(try status("X1") == [.revoked])
            #expect(try !matcher.verdict(issuingState: "UTO", documentNumber: "X4").hit)
            #expect(try !matcher.verdict(issuingState: "UTO", documentNumber: "X2").hit)
        }
    }

    @Test(arguments: Backend.allCases)
    func aWithdrawalOfAnUnknownRecordInAFirstImportIsCountedUnknown(_ backend: Backend) throws {
        try withFixture(backend) { fixture in
            let path = try fixture.file("list.csv", header + "A-1,UTO,X1,stolen\nZ-1,,,withdrawn\n")
            let report = try importFiles(fixture, [path]).report
            #expect(report.withdrawn == 0 && report.withdrawnUnknown == 1 && report.upserted == 1)
        }
    }
}
