import Testing

@testable import Paxlst

/// A broken message is reported by message and segment position, never by value, and every traveller that
/// can be read is still returned, in that message and in the others.
@Suite struct BrokenMessageTests {
    static let text = """
        UNA:+.? '
        UNB+UNOA:4+AIR+DG+260301:0900+IC9'
        UNH+M1+PAXLST:D:05B:UN:IATA'
        BGM+745'
        TDT+20+XY9+++XY'
        LOC+125+AMS'
        DTM+189:2603010800:201'
        LOC+87+KBP'
        DTM+232:2603011200:201'
        NAD+FL+++ZELENSKA:OKSANA'
        ATT+2++F'
        DTM+329:881350'
        NAT+2+UKR'
        DOC+P:110:111+FA123456'
        DTM+36:311231'
        LOC+91+UKR'
        XYZ+SECRETVALUE'
        NAD+FL+++KOVALENKO:TARAS'
        ATT+2++M'
        DTM+329:790704'
        DOC+P:110:111'
        LOC+91+UKR'
        NAD+FL+++BONDAR:IRYNA'
        ATT+2++F'
        CNT+42:5'
        UNT+30+M1'
        UNH+M2+PAXLST:D:05B:UN:IATA'
        BGM+745'
        NAD+FL+++MELNYK:PETRO'
        DOC+P+EB999999'
        DTM+36:20300230'
        SMITH JOHN'
        CNT+42:1'
        UNZ+2+IC9'
        """

    static let personalValues = [
        "ZELENSKA", "OKSANA", "881350", "FA123456", "SECRETVALUE", "KOVALENKO", "TARAS", "790704", "BONDAR", "IRYNA",
        "MELNYK", "PETRO", "EB999999", "20300230", "SMITH", "JOHN",
    ]

    static let file = PaxlstReader.read(text, asOfYear: 2026)

    @Test func everyTravellerIsStillReturned() {
        #expect(Self.file.travellers.map(\.surname) == ["ZELENSKA", "KOVALENKO", "BONDAR", "MELNYK"])
        #expect(Self.file.travellers.map(\.messagePosition) == [1, 1, 1, 2])
        #expect(Self.file.travellers.map(\.position) == [1, 2, 3, 1])
    }

    @Test func issuesNameMessageSegmentAndTagInSegmentOrder() {
        let first = Self.file.messages[0].issues
        #expect(
            first.map(\.code) == [
                .invalidDate, .unknownSegment, .missingDocumentNumber, .noDocument, .travellerCountMismatch,
                .segmentCountMismatch,
            ])
        #expect(first.map(\.segmentPosition) == [10, 15, 19, 21, 23, 24])
        #expect(first.map(\.tag) == ["DTM", "XYZ", "DOC", "NAD", "CNT", "UNT"])
        #expect(first.allSatisfy { $0.messagePosition == 1 })
        #expect(
            first[0].description == "message 1, segment 10 (DTM): DATE_INVALID: DTM+329 date of birth is not a date")
        #expect(first[4].detail == "CNT+42 declares 5 travellers, the message has 3")

        let second = Self.file.messages[1].issues
        #expect(second.map(\.code) == [.invalidDate, .malformedSegment, .missingMessageTrailer])
        #expect(second.map(\.segmentPosition) == [5, 6, nil])
        #expect(second[1].tag == nil)
        #expect(Self.file.fileIssues.isEmpty)
    }

    @Test func noIssueTextCarriesAPersonalValue() {
        let texts = Self.file.issues.map(\.description)
        #expect(texts.count == 9)
        for value in Self.personalValues {
            #expect(!texts.contains { $0.contains(value) }, "\(value) leaked")
        }
    }

    @Test func whatCannotBeReadIsMarkedOnTheTravellerOrDocument() {
        let travellers = Self.file.travellers
        #expect(travellers[0].birthDate == nil)
        #expect(travellers[0].issues.map(\.code) == [.invalidDate])
        #expect(travellers[0].documents.map(\.isReadable) == [true])
        #expect(travellers[0].documents[0].number == "FA123456")

        #expect(travellers[1].birthDate?.description == "1979-07-04")
        #expect(travellers[1].documents.map(\.isReadable) == [false])
        #expect(travellers[1].documents[0].unreadableReason?.code == .missingDocumentNumber)
        #expect(travellers[1].documents[0].issuingState == "UKR")

        #expect(travellers[2].documents.isEmpty)
        #expect(travellers[2].issues.map(\.code) == [.noDocument])

        #expect(travellers[3].documents[0].number == "EB999999")
        #expect(travellers[3].documents[0].expiryDate == nil)
        #expect(travellers[3].documents[0].issues.map(\.code) == [.invalidDate])
    }

    @Test func aMessageOfAnotherTypeIsReportedAndItsSegmentsNotRead() {
        let file = PaxlstReader.read("UNH+1+CUSRES:D:05B:UN:IATA'NAD+FL+++DOE'UNT+3+1'", asOfYear: 2026)
        #expect(file.messages.count == 1)
        #expect(file.travellers.isEmpty)
        #expect(file.issues.map(\.code) == [.notPaxlst])
    }

    @Test func segmentsOutOfPlaceAreReported() {
        let file = PaxlstReader.read(
            "UNH+1+PAXLST:D:05B:UN:IATA'BGM+999'DOC+P+X1'NAD+FL+++DOE'ATT+2++Q'DTM+36:300101'UNT+7+1'", asOfYear: 2026)
        #expect(
            file.issues.map(\.code) == [.unknownCode, .misplacedSegment, .noDocument, .unknownCode, .misplacedSegment])
        #expect(file.issues.map(\.segmentPosition) == [2, 3, 4, 5, 6])
        #expect(file.travellers.count == 1)
        #expect(file.travellers[0].sex == nil)
    }
}
