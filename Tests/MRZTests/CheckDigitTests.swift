import MRZ
import Testing

/// ICAO 9303-3 Appendix A worked examples.
struct CheckDigitTests {
    @Test(
        "ICAO 9303-3 App A examples 1 and 2",
        arguments: [
            ("520727", 3),
            ("AB2134<<<", 5),
            ("L898902C3", 6),
            ("740812", 2),
            ("<<<<<<<<<<<<<<", 0),
        ])
    func fieldDigits(input: String, expected: Int) {
        #expect(CheckDigit.compute(Array(input.utf8)) == expected)
    }

    @Test("ICAO 9303-3 App A composite examples 3, 4 and 5")
    func compositeDigits() {
        // Example 3 (TD3) and 5 (TD2): the data the composite covers, joined.
        #expect(
            CheckDigit.compute(
                Array(("HA672242<6" + "5802254" + "9601086" + String(repeating: "<", count: 14) + "0").utf8)) == 8)
        #expect(CheckDigit.compute(Array(("HA672242<6" + "5802254" + "9601086<<<<<<<").utf8)) == 8)
        // Example 4 (TD1): upper line 6–30 and middle line 1–7, 9–15, 19–29.
        let upper = "I<UTOD231458907<<<<<<<<<<<<<<<"
        let middle = "3407127M9507122YTO<<<<<<<<<<<"
        let spans = [
            MRZSpan(line: 0, start: 5, length: 25), MRZSpan(line: 1, start: 0, length: 7),
            MRZSpan(line: 1, start: 8, length: 7), MRZSpan(line: 1, start: 18, length: 11),
        ]
        #expect(CheckDigit.compute(over: spans, in: bytes([upper, middle])) == 2)
    }

    @Test("characters outside the MRZ set have no check digit", arguments: ["ab12", "12 34", "12-34", "É"])
    func invalidCharacters(input: String) {
        #expect(CheckDigit.compute(Array(input.utf8)) == nil)
    }
}
