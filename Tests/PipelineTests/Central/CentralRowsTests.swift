import Lists
import Testing

@testable import Pipeline

/// A result line as `central_results` keys and shows it.
struct CentralRowsTests {
    func centralRow(_ line: String) -> CentralResultRow? { CentralResultRow(line: Array(line.utf8)[...], sequence: 7) }

    @Test func aCheckedScanCarriesItsListGenerationAndWhatTheHubShows() throws {
        let line = SyntheticResults.line(10)
        let row = try #require(centralRow(line))
        #expect(row.listGeneration == 3 && row.record == 0 && row.postSequence == 7 && row.level == "alert")
        #expect(row.sha256.count == 64 && row.file == "scans/10.png" && row.listVersion == "v3" && row.line == line)
    }

    @Test(arguments: [
        (#"{"file":"a.png","list":null,"mrz":null,"risk":null,"status":"error"}"#, -1, "", 0),
        (
            #"{"file":null,"record":4,"list":{"checked":false,"generation":5,"hit":false,"records":[]},"status":"unreadable","sha256":"ab"}"#,
            -1, "ab", 4
        ),
        (
            #"{"file":"f.edi","record":2,"list":{"checked":true,"generation":5,"hit":false,"records":[]},"status":"ok","sha256":"cd"}"#,
            5, "cd", 2
        ),
    ])
    func theKey(_ line: String, _ generation: Int, _ sha256: String, _ record: Int) throws {
        let row = try #require(centralRow(line))
        #expect(row.listGeneration == generation && row.sha256 == sha256 && row.record == record)
    }

    @Test func aLineThatIsNotAResultHasNoRow() {
        #expect(centralRow("not json") == nil && centralRow(#"{"status":"ok"}"#) == nil)
    }
}
