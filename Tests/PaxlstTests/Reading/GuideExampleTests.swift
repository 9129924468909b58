import MRZ
import Testing

@testable import Paxlst

/// Messages written segment by segment in the shape of the WCO/IATA PAXLST implementation guide's examples
/// (§5: single sector flight, passengers and crew; a progressive flight), with values of our own.
@Suite struct GuideExampleTests {
    static let passengerList = """
        UNA:+.? '
        UNB+UNOA:4+APIS*XYZ+DOCGUARD+260412:0900+000000007++APIS'
        UNG+PAXLST+XYZ AIRLINES+DOCGUARD+260412:0900+100+UN+D:05B'
        UNH+PAX001+PAXLST:D:05B:UN:IATA+XY401/260412/1615+01:F'
        BGM+745'
        RFF+TN:XY0004011:::1'
        NAD+MS+++OPS CONTROL'
        COM+?+1 703 555 0100:TE+?+1 703 555 0199:FX'
        TDT+20+XY401+++XY'
        LOC+125+YVR'
        DTM+189:2604121230:201'
        LOC+87+JFK'
        DTM+232:2604121615:201'
        NAD+FL+++PERRAULT:LOUIS:ETIENNE+12 RUE HAUTE+MONTREAL+QC+H2X 1Y4+CAN'
        ATT+2++M'
        DTM+329:571021'
        FTX+BAG+++XY123456:2'
        LOC+22+JFK'
        LOC+178+YVR'
        LOC+179+JFK'
        LOC+174+CAN'
        COM+514 555 0147:TE'
        NAT+2+CAN'
        RFF+AVF:QX7Y2K'
        RFF+SEA:23C'
        DOC+P:110:111+HK481920'
        DTM+36:300815'
        LOC+91+CAN'
        DOC+V:110:111+US3344556'
        DTM+36:20280101:102'
        LOC+91+USA'
        NAD+FL+++O?'BRIEN:SIOBHAN'
        ATT+2++F'
        DTM+329:19990228:102'
        LOC+178+YVR'
        LOC+179+JFK'
        NAT+2+IRL'
        RFF+AVF:QX7Y2L'
        DOC+P:110:111+PE7720391'
        DTM+36:290302'
        LOC+91+IRL'
        CNT+42:2'
        UNT+40+PAX001'
        UNE+1+100'
        UNZ+1+000000007'
        """

    static let crewList = """
        UNH+CRW1+PAXLST:D:02B:UN:IATA+LH400/260301/1130+01:F'
        BGM+250'
        NAD+MS+++LH CREW CONTROL'
        COM+069 555 0100:TE'
        TDT+20+LH400+++LH'
        LOC+125+FRA'
        DTM+189:2603011130:201'
        LOC+87+JFK'
        DTM+232:2603011410:201'
        NAD+FM+++HOFFMANN:KLAUS'
        ATT+2++M'
        DTM+329:19700312'
        NAT+2+DEU'
        DOC+P:110:111+C01X00T47'
        DTM+36:20300101'
        LOC+91+DEU'
        NAD+FM+++LEHMANN:ANNA MARIA'
        ATT+2++F'
        DTM+329:851107'
        NAT+2+AUT'
        DOC+P:110:111+U1234567'
        DTM+36:290615'
        LOC+91+AUT'
        CNT+42:2'
        UNT+25+CRW1'
        """

    static let year = 2026

    @Test func passengerListReadsFlightTravellersAndBothDocuments() throws {
        let file = PaxlstReader.read(Self.passengerList, asOfYear: Self.year)
        #expect(file.issues.isEmpty, "\(file.issues)")
        let message = try #require(file.messages.first)
        #expect(file.messages.count == 1)
        #expect(message.reference == "PAX001")
        #expect(message.directory == "D05B")
        #expect(message.interchangeReference == "000000007")
        #expect(message.listKind == .passengers)
        #expect(message.declaredTravellerCount == 2)
        let flight = try #require(message.flight)
        #expect(flight.identification == "XY401")
        #expect(flight.carrier == "XY")
        #expect(flight.departure?.place == "YVR")
        #expect(flight.departure?.time?.description == "2026-04-12T12:30")
        #expect(flight.arrival?.place == "JFK")
        #expect(flight.arrival?.time?.description == "2026-04-12T16:15")

        let travellers = file.travellers
        #expect(travellers.count == 2)
        let first = travellers[0]
        #expect(first.role == .passenger)
        #expect(first.surname == "PERRAULT")
        #expect(first.givenNames == ["LOUIS", "ETIENNE"])
        #expect(first.sex == "M")
        #expect(first.birthDate?.description == "1957-10-21")
        #expect(first.nationality == "CAN")
        #expect((first.messagePosition, first.messageReference, first.position) == (1, "PAX001", 1))
        #expect(first.segmentPosition == 11)
        #expect(first.documents.map(\.type) == ["P", "V"])
        #expect(first.documents.map(\.number) == ["HK481920", "US3344556"])
        #expect(first.documents.map { $0.expiryDate?.description } == ["2030-08-15", "2028-01-01"])
        #expect(first.documents.map(\.issuingState) == ["CAN", "USA"])
        #expect(first.documents.map(\.position) == [1, 2])
        #expect(first.documents.allSatisfy { $0.isReadable })

        let second = travellers[1]
        #expect(second.surname == "O'BRIEN")
        #expect(second.mrzSurname == "OBRIEN")
        #expect(second.birthDate?.description == "1999-02-28")
        #expect(second.position == 2)
        #expect(second.documents.map(\.number) == ["PE7720391"])
    }

    @Test func crewListReadsCrewMembers() {
        let file = PaxlstReader.read(Self.crewList, asOfYear: Self.year)
        #expect(file.issues.isEmpty, "\(file.issues)")
        #expect(file.messages.first?.listKind == .crew)
        #expect(file.messages.first?.directory == "D02B")
        #expect(file.messages.first?.interchangeReference == nil)
        #expect(file.travellers.map(\.role) == [.crew, .crew])
        #expect(file.travellers.map(\.surname) == ["HOFFMANN", "LEHMANN"])
        #expect(file.travellers.map(\.givenNames) == [["KLAUS"], ["ANNA MARIA"]])
        #expect(file.travellers.map { $0.birthDate?.description } == ["1970-03-12", "1985-11-07"])
        #expect(file.travellers.map { $0.documents.first?.expiryDate?.description } == ["2030-01-01", "2029-06-15"])
        #expect(file.travellers[1].mrzGivenNames == "ANNA MARIA")
    }

    @Test func severalMessagesOfBothListsInOneFile() {
        let file = PaxlstReader.read(Self.passengerList + "\n" + Self.crewList, asOfYear: Self.year)
        #expect(file.issues.isEmpty, "\(file.issues)")
        #expect(file.messages.map(\.position) == [1, 2])
        #expect(file.travellers.map(\.messagePosition) == [1, 1, 2, 2])
        #expect(file.travellers.map(\.position) == [1, 2, 1, 2])
        #expect(file.travellers.map(\.role) == [.passenger, .passenger, .crew, .crew])
    }

    @Test func progressiveFlightAndInTransitParties() throws {
        let text = """
            UNH+1+PAXLST:D:05B:UN:IATA'
            BGM+745'
            TDT+20+XY122+++XY'
            LOC+92+CDG'
            DTM+189:2605010700:201'
            LOC+92+KEF'
            DTM+232:2605010930:201'
            NAD+DDU+++ANDERSEN:ERIK'
            DOC+P+N12345678'
            NAD+DDT+++BERG:LIV'
            DOC+P+N87654321'
            CNT+42:2'
            UNT+13+1'
            """
        let file = PaxlstReader.read(text, asOfYear: Self.year)
        #expect(file.issues.map(\.code) == [], "\(file.issues)")
        let flight = try #require(file.messages.first?.flight)
        #expect(flight.departure?.place == "CDG")
        #expect(flight.arrival?.place == "KEF")
        #expect(flight.arrival?.time?.description == "2026-05-01T09:30")
        #expect(file.travellers.map(\.role) == [.passenger, .crew])
        #expect(file.travellers.map { $0.documents.first?.number } == ["N12345678", "N87654321"])
        #expect(file.travellers.allSatisfy { $0.sex == nil && $0.birthDate == nil && $0.nationality == nil })
    }

    @Test(arguments: [("745", PaxlstListKind.passengers), ("250", .crew), ("266", .crew), ("336", .crew)])
    func listKindOfTheBeginningOfMessage(_ code: String, _ kind: PaxlstListKind) {
        let file = PaxlstReader.read("UNH+1+PAXLST:D:05B:UN:IATA'BGM+\(code)'UNT+3+1'", asOfYear: Self.year)
        #expect(file.messages.first?.listKind == kind)
        #expect(file.issues.isEmpty)
    }

    /// The flight's year, not `asOfYear`, decides: the rule SPEC.md gives MRZ birth dates, the flight as "now".
    @Test func twoDigitBirthYearsAreNotAfterTheFlightYear() {
        let text = """
            UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XY1'LOC+125+AAA'DTM+189:2601010000:201'
            NAD+FL+++A:B'DTM+329:261231'DOC+P+1'NAD+FL+++C:D'DTM+329:270101'DOC+P+2'UNT+12+1'
            """
        let births = PaxlstReader.read(text, asOfYear: 2040).travellers.map { $0.birthDate?.year }
        #expect(births == [2026, 1927])
    }
}
