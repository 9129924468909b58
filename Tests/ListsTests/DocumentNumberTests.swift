import Testing

@testable import Lists

@Suite struct DocumentNumberTests {
    @Test func normalisesFillersCaseSpacesAndDashes() {
        #expect(DocumentNumber.normalized("l898902c<") == "L898902C")
        #expect(DocumentNumber.normalized("L898-902 C") == "L898902C")
        #expect(DocumentNumber.normalized("<<<") == nil)
        #expect(DocumentNumber.normalized("AB/12") == nil)
    }

    @Test func foldsOnlyTheConfusableLetters() {
        #expect(DocumentNumber.folded("OIBSZG") == "018526")
        #expect(DocumentNumber.folded("C01X") == "C01X")
    }

    @Test func statesDropFillersAndMustBeLetters() {
        #expect(DocumentNumber.state("D<<") == "D")
        #expect(DocumentNumber.state("utO") == "UTO")
        #expect(DocumentNumber.state("U1O") == nil)
        #expect(DocumentNumber.state("ABCD") == nil)
    }
}
