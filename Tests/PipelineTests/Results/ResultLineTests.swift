import Foundation
import MRZ
import Testing

@testable import Pipeline

/// The one reader of docguard's result lines: the JSON parser under it, the typed members, and what each
/// reader (resume, clone history, qa) does with a line that is not a result.
struct JSONParserTests {
    @Test("every golden result line parses to a value that writes back the same bytes")
    func goldenRoundTrip() throws {
        let text = try String(
            contentsOf: ResultLineReaderTests.golden.appendingPathComponent("scan-subset.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 12)
        for line in lines {
            #expect(JSONWriter.text(try JSONParser.parse(Array(line.utf8))) == String(line))
        }
    }

    @Test(
        "values",
        arguments: [
            (
                #" {"b" : [1, -2.5, 3e2, true, false, null], "a": {}} "#,
                JSONValue.object([
                    "a": .object([:]),
                    "b": .array([
                        .int(1), .double(-2.5), .double(300), .bool(true),
                        .bool(false), .null,
                    ]),
                ])
            ),
            (#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#, .string("\"\\/\u{8}\u{c}\n\r\té😀")),
            (#"{"a": 1, "a": 2}"#, .object(["a": .int(2)])),
            ("-0", .int(0)), ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ])
    func values(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
    }

    @Test(
        "not JSON",
        arguments: [
            "", " ", "{", "[1,]", #"{"a":1,}"#, "01", "1.", ".5", "+1", "1e", "tru", "nul", #"{'a':1}"#, #"{"a" 1}"#,
            #"{1:2}"#, "\"a\u{01}\"", #""\x""#, #""\ud83d""#, #""\ude00""#, "[1] [2]", "1e999", "\"\u{FF}\"",
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ])
    func notJSON(text: String) {
        var bytes = Array(text.utf8)
        if text == "\"\u{FF}\"" { bytes = [0x22, 0xFF, 0x22] }  // not UTF-8
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
    }
}

struct ResultLineTests {
    static let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]

    static func line(_ text: String) throws(ResultLine.Malformed) -> ResultLine {
        try ResultLine(parsing: Array(text.utf8))
    }

    @Test("the members its readers use, typed")
    func typedMembers() throws {
        let line = try Self.line(
            #"{"file":"a.jpg","sha256":"ab","status":"ok","other":[1],"#
                + #""mrz":{"lines":["\#(Self.td3[0])","\#(Self.td3[1])"],"#
                + #""issuingState":"UTO","documentNumber":"L898902C3","surname":"ERIKSSON","givenNames":"ANNA MARIA","#
                + #""birthDate":"1974-08-12","expiryDate":null,"checks":{"documentNumber":true,"birthDate":false}}}"#)
        #expect(line.key == "a.jpg" && line.record == nil && line.sha256 == "ab" && line.status == .ok)
        #expect(
            line.mrz
                == ResultLine.MRZFields(
                    lines: Self.td3, issuingState: "UTO", documentNumber: "L898902C3", surname: "ERIKSSON",
                    givenNames: "ANNA MARIA", birthDate: MRZDate(year: 1974, month: 8, day: 12), expiryDate: nil,
                    documentNumberCheck: true, birthDateCheck: false))
        #expect(line.fields["other"] == .array([.int(1)]))
        let record = try Self.line(#"{"record":7,"status":"error","sha256":null,"mrz":null}"#)
        #expect(record.key == "record 7" && record.sha256 == nil && record.mrz == nil)
    }

    @Test(
        "a line that is not a result says why",
        arguments: [
            ("not json", ResultLine.Malformed.notJSONObject), ("[1]", .notJSONObject), ("", .notJSONObject),
            (#"{"schema":"x"}"#, .notResult("no file or record")),
            (#"{"file":"a","status":"weird"}"#, .notResult("status is not a known code")),
            (#"{"file":"a","status":5}"#, .notResult("status is not a text")),
            (#"{"file":"a"}"#, .notResult("no status")),
            (#"{"file":7,"status":"ok"}"#, .notResult("file is not a text")),
            (#"{"record":"7","status":"ok"}"#, .notResult("record is not a whole number")),
            (#"{"file":"a","status":"ok","mrz":{"lines":"P<"}}"#, .notResult("mrz.lines is not a list of texts")),
            (#"{"file":"a","status":"ok","mrz":{}}"#, .notResult("no mrz.lines")),
            (
                #"{"file":"a","status":"ok","mrz":{"lines":[],"birthDate":"1974-13-40"}}"#,
                .notResult("mrz.birthDate is not a date")
            ),
            (
                #"{"file":"a","status":"ok","mrz":{"lines":[],"checks":{"birthDate":"yes"}}}"#,
                .notResult("mrz.checks.birthDate is not true or false")
            ),
        ])
    func malformed(text: String, expected: ResultLine.Malformed) {
        #expect(throws: expected) { try Self.line(text) }
    }
}

/// What each reader does with lines that are not results: resume and recovery pass them over, clone
/// history passes them over, the batch report refuses the file (ResultLineReaderTests), qa refuses it
/// naming the line (QACommandTests).
@Suite final class MalformedResultLineTests {
    private let scratch = ScratchFolder("result-lines")

    func file(_ lines: [String]) throws -> String {
        let path = try scratch.newFolder().appendingPathComponent("results.jsonl").path
        try (lines.joined(separator: "\n")).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("resume passes over lines that are not results or have no hash, and drops a last line cut short")
    func resume() throws {
        let path = try file([
            #"{"file":"a.jpg","sha256":"aa","status":"ok"}"#, "garbage", #"{"file":"b.jpg","status":"error"}"#,
            #"{"file":"c.jpg","sha256":"cc","status":"weird"}"#, #"{"file":"d.jpg","sha256":"dd","status":"error"}"#,
            #"{"file":"e.jpg","sha256":"ee","sta"#,
        ])
        let results = try ResultLog.completedResults(path)
        #expect(results.map(\.sha256) == ["aa", "dd"])
        #expect(results.map(\.status) == ["ok", "error"])
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix(#""status":"error"}"# + "\n"))
        #expect(try ResultLog.completedHashes(path) == ["aa", "dd"])
    }

    @Test("clone history passes over lines that are not results and names a record by its line")
    func cloneHistory() throws {
        func mrz(_ surname: String) -> String {
            #"{"lines":[],"issuingState":"UTO","documentNumber":"L898902C3","surname":"\#(surname)","#
                + #""checks":{"documentNumber":true}}"#
        }
        let path = try file([
            #"{"file":"x.jpg","status":"ok","mrz":\#(mrz("NOTREAD")),"risk":{"level":7}}"#.replacingOccurrences(
                of: #""status":"ok""#, with: #""status":1"#),
            "", #"{"record":3,"status":"ok","mrz":\#(mrz("ERIKSSON"))}"#,
        ])
        let clones = CloneRegister()
        try clones.remember(resultsAt: path)
        var today = MRZDocument(lines: [])
        today.issuingState = "UTO"
        today.documentNumber = "L898902C3"
        today.surname = "NOTREAD"
        today.checks.documentNumber = true
        // The first line is not a result (status 1): the holder it names was never seen.
        let sighting = clones.sighting(for: today, order: 0)
        #expect(
            sighting?.detail == "the same issuing state and document number was seen in \(path) line 3 with a "
                + "different name")
    }
}
