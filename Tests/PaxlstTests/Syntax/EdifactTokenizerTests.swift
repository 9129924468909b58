import Testing

@testable import Paxlst

@Suite struct EdifactTokenizerTests {
    static func segments(_ text: String) -> [EdifactSegment] {
        EdifactTokenizer.segments(of: Array(text.utf8)).segments
    }

    @Test func standardSeparatorsWithoutServiceStringAdvice() {
        let segments = Self.segments("NAD+FL+++DOE:JOHN:WAYNE'ATT+2++M'")
        #expect(segments.map(\.tag) == ["NAD", "ATT"])
        #expect(segments[0].elements == [["FL"], [""], [""], ["DOE", "JOHN", "WAYNE"]])
        #expect(segments[0].value(4, 3) == "WAYNE")
        #expect(segments[0].value(4, 4) == "")
        #expect(segments[0].value(9) == "")
        #expect(segments[1].value(3) == "M")
        #expect(segments.map(\.filePosition) == [1, 2])
    }

    @Test func serviceStringAdviceSetsEverySeparator() {
        // Component `^`, element `|`, decimal `,`, release `!`, reserved `~`, terminator `#`.
        let segments = Self.segments("UNA^|,!~#NAD|FL|||O'NEIL^ANNE!#MARIE#DOC|P^110^111|AB!|12!!3#")
        #expect(segments.map(\.tag) == ["NAD", "DOC"])
        #expect(segments[0].value(4, 1) == "O'NEIL")
        #expect(segments[0].value(4, 2) == "ANNE#MARIE")
        #expect(segments[1].value(1, 3) == "111")
        #expect(segments[1].value(2) == "AB|12!3")
    }

    @Test func releaseCharacterMakesEverySeparatorData() {
        let segments = Self.segments("NAD+FL+++O?'NEIL:ANNE?:MARIE'COM+?+44 20 7946 0000:TE'FTX+WHAT???''")
        #expect(segments.count == 3)
        #expect(segments[0].value(4, 1) == "O'NEIL")
        #expect(segments[0].value(4, 2) == "ANNE:MARIE")
        #expect(segments[1].value(1, 1) == "+44 20 7946 0000")
        #expect(segments[2].value(1) == "WHAT?'")
    }

    @Test(arguments: ["\n", "\r\n", "  \n", "\t", ""])
    func layoutBetweenSegmentsIsNotData(_ layout: String) {
        let text = ["UNA:+.? '", "UNH+1+PAXLST:D:05B:UN:IATA'", "BGM+745'", "NAD+FL+++DOE:JOHN'"].joined(
            separator: layout)
        let segments = Self.segments(text + layout)
        #expect(segments.map(\.tag) == ["UNH", "BGM", "NAD"])
        #expect(segments[2].value(4, 2) == "JOHN")
    }

    @Test func lineBreaksInsideASegmentAreLayoutToo() {
        let segments = Self.segments("NAD+FL+++STRANGE:HENRI\r\nETTA'DOC+P+7209\n15106'")
        #expect(segments[0].value(4, 2) == "HENRIETTA")
        #expect(segments[1].value(2) == "720915106")
    }

    @Test func byteOrderMarkIsSkipped() {
        let segments = EdifactTokenizer.segments(of: [0xEF, 0xBB, 0xBF] + Array("UNH+1+PAXLST'".utf8)).segments
        #expect(segments.first?.tag == "UNH")
    }

    @Test func utf8AndLatin1NamesBothRead() {
        let utf8 = Self.segments("NAD+FL+++MÜLLER:JÜRGEN'")
        #expect(utf8[0].value(4, 1) == "MÜLLER")
        // ISO 8859-1 (`UNOC`): Ü is the single byte DC.
        let latin1 = EdifactTokenizer.segments(of: Array("NAD+FL+++M".utf8) + [0xDC] + Array("LLER'".utf8)).segments
        #expect(latin1[0].value(4, 1) == "MÜLLER")
    }

    @Test func aSecondServiceStringAdviceChangesTheSeparatorsFromThere() {
        let segments = Self.segments("UNA:+.? 'BGM+745'UNA:*.? $BGM*250$")
        #expect(segments.map { $0.value(1) } == ["745", "250"])
    }

    @Test func badServiceStringAdviceIsAnIssueAndTheStandardSeparatorsStay() {
        let (segments, issues) = EdifactTokenizer.segments(of: Array("UNA::.? 'BGM+745'".utf8))
        #expect(issues.map(\.code) == [.badServiceStringAdvice])
        #expect(segments.map { $0.value(1) } == ["745"])
    }

    @Test func theLastSegmentWithoutTerminatorIsKeptAndMarked() {
        let segments = Self.segments("BGM+745'CNT+42:2")
        #expect(segments.map(\.isTerminated) == [true, false])
        #expect(segments[1].value(1, 2) == "2")
    }

    @Test func writerAndTokenizerAgreeOnEveryByteThatNeedsRelease() {
        let separators = EdifactSeparators(una: Array("^|,!~#".utf8))!
        var writer = EdifactWriter(separators: separators, lineBreak: "")
        let nasty = "A^B|C!D#E'F+G:H?I"
        writer.segment("FTX", [nasty, nasty], [nasty])
        let segment = EdifactTokenizer.segments(of: Array((separators.una + writer.text).utf8)).segments[0]
        #expect(segment.elements == [[nasty, nasty], [nasty]])
    }
}
