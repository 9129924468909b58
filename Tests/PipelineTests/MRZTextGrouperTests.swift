import MRZ
import Pipeline
import Testing

struct MRZTextGrouperTests {
    let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    let td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]

    @Test("blank lines separate documents; surrounding spaces and CR are dropped")
    func blankLines() {
        let input = ["  " + td3[0] + "\r", td3[1], "", "", td1[0], td1[1], td1[2] + "  ", ""]
        let documents = MRZTextGrouper.documents(in: input)
        #expect(documents.count == 2)
        #expect(documents[0] == td3.map { Array($0.utf8) })
        #expect(documents[1] == td1.map { Array($0.utf8) })
    }

    @Test("a group of several same-length documents without blank lines is split")
    func splitRuns() {
        #expect(MRZTextGrouper.documents(in: td3 + td3 + td3).count == 3)
        #expect(MRZTextGrouper.documents(in: td1 + td1).count == 2)
    }

    @Test("a group that cannot be split stays one malformed document")
    func unsplittable() {
        let documents = MRZTextGrouper.documents(in: td3 + [td3[0]])
        #expect(documents.count == 1)
        #expect(MRZParser.parse(documents[0], currentYear: 2026).errorCodes == [.format])
    }
}
