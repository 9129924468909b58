import Testing

@testable import Paxlst

@Suite struct EdifactEnvelopeTests {
    static func envelope(_ text: String) -> (messages: [EdifactMessage], issues: [PaxlstIssue]) {
        EdifactEnvelope.messages(in: EdifactTokenizer.segments(of: Array(text.utf8)).segments)
    }

    static let twoInterchanges = """
        UNA:+.? '
        UNB+UNOA:4+AIR1:ZZ+DOCGUARD:ZZ+260301:0900+IC1++APIS'
        UNG+PAXLST+AIR1:ZZ+DOCGUARD:ZZ+260301:0900+G1+UN+D:05B'
        UNH+M1+PAXLST:D:05B:UN:IATA'
        BGM+745'
        UNT+3+M1'
        UNH+M2+PAXLST:D:05B:UN:IATA'
        BGM+250'
        CNT+42:0'
        UNT+4+M2'
        UNE+2+G1'
        UNZ+1+IC1'
        UNA:+.? '
        UNB+UNOA:4+AIR1:ZZ+DOCGUARD:ZZ+260301:0905+IC2++APIS'
        UNH+M3+PAXLST:D:02B:UN:IATA'
        BGM+745'
        UNT+3+M3'
        UNZ+1+IC2'
        """

    @Test func messagesOfSeveralInterchangesAndGroupsArePlaced() {
        let (messages, issues) = Self.envelope(Self.twoInterchanges)
        #expect(issues.isEmpty)
        #expect(messages.map(\.reference) == ["M1", "M2", "M3"])
        #expect(messages.map(\.position) == [1, 2, 3])
        #expect(messages.map(\.interchangeReference) == ["IC1", "IC1", "IC2"])
        #expect(messages.map(\.directory) == ["D05B", "D05B", "D02B"])
        #expect(messages.allSatisfy { $0.type == "PAXLST" && $0.issues.isEmpty })
        #expect(messages[1].segments.map(\.positionInMessage) == [1, 2, 3, 4])
        #expect(messages[1].segments.map(\.positionInInterchange) == [6, 7, 8, 9])
        #expect(messages[2].segments.map(\.positionInInterchange) == [2, 3, 4])
        #expect(messages[1].content.map(\.tag) == ["BGM", "CNT"])
    }

    @Test func bareMessagesNeedNoInterchange() {
        let (messages, issues) = Self.envelope(
            "UNH+A+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+A'UNH+B+PAXLST:D:02B:UN:IATA'UNT+2+B'")
        #expect(issues.isEmpty)
        #expect(messages.map(\.reference) == ["A", "B"])
        #expect(messages.allSatisfy { $0.interchangeReference == nil && $0.issues.isEmpty })
        #expect(messages[0].segments.allSatisfy { $0.positionInInterchange == nil })
    }

    @Test func aMissingTrailerEndsTheMessageWhereTheNextOneStarts() {
        let (messages, _) = Self.envelope("UNH+A+PAXLST:D:05B:UN:IATA'BGM+745'UNH+B+PAXLST:D:05B:UN:IATA'UNT+2+B'")
        #expect(messages.map(\.reference) == ["A", "B"])
        #expect(messages[0].issues.map(\.code) == [.missingMessageTrailer])
        #expect(messages[0].issues[0].messagePosition == 1)
        #expect(messages[0].content.map(\.tag) == ["BGM"])
        #expect(messages[1].issues.isEmpty)
    }

    @Test func trailerCountsAndReferencesAreChecked() {
        let (messages, issues) = Self.envelope(
            "UNB+UNOA:4+A+B+260301:0900+IC'UNH+A+PAXLST:D:05B:UN:IATA'BGM+745'UNT+5+Z'UNZ+2+IC'")
        #expect(messages[0].issues.map(\.code) == [.segmentCountMismatch, .messageReferenceMismatch])
        #expect(messages[0].issues[0].segmentPosition == 3)
        #expect(messages[0].issues[0].detail.contains("the message has 3"))
        #expect(issues.map(\.code) == [.interchangeCountMismatch])
        #expect(issues[0].filePosition == 5)
    }

    @Test func segmentsOutsideAnyMessageAreReportedNotDropped() {
        let (_, issues) = Self.envelope("BGM+745'UNH+A+PAXLST:D:05B:UN:IATA'UNT+2+A'NAD+FL+++DOE'")
        #expect(issues.map(\.code) == [.outsideMessage, .outsideMessage])
        #expect(issues.map(\.filePosition) == [1, 4])
        #expect(issues.map(\.tag) == ["BGM", "NAD"])
    }

    @Test func anInterchangeWithoutTrailerIsReported() {
        let (messages, issues) = Self.envelope("UNB+UNOA:4+A+B+260301:0900+IC'UNH+A+PAXLST:D:05B:UN:IATA'UNT+2+A'")
        #expect(messages.count == 1)
        #expect(issues.map(\.code) == [.missingInterchangeTrailer])
    }
}
