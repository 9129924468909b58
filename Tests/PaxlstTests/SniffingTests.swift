import Testing

@testable import Paxlst

@Suite struct SniffingTests {
    @Test(arguments: [
        "UNA:+.? 'UNB+UNOA:4+A+B+260301:0900+1'", "UNB+UNOA:4+A+B+260301:0900+1'", "  \r\nUNH+1+PAXLST:D:05B:UN:IATA'",
        "\u{FEFF}UNA:*.? $UNB*UNOA:4$", "UNA^|,!~#",
    ])
    func paxlstIsToldByItsFirstSegment(_ text: String) {
        #expect(PaxlstReader.looksLikePaxlst(Array(text.utf8)))
    }

    @Test(arguments: [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        "{\"lines\":[\"P<UTO\"]}", "", "UN", "UNB", "UNBOUND", "UNA::.? '", "I<UTOD231458907<<<<<<<<<<<<<<<",
    ])
    func otherInputIsNot(_ text: String) {
        #expect(!PaxlstReader.looksLikePaxlst(Array(text.utf8)))
    }
}
