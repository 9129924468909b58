import MRZ
import Testing

@testable import VisualZone

@Suite struct PrintedDateTests {
    static let birth = MRZDate(year: 1974, month: 8, day: 12)!

    @Test(arguments: [
        "12 AUG 1974", "12 AUG/AOÛT 74", "12.08.1974", "12/08/1974", "1974-08-12", "12 08 1974", "12 AOÛT/AUG 1974",
        "DATE OF BIRTH 12 Aug 1974 F", "12 AGO 1974", "12 AGOSTO 1974", "12. August 1974", "12 SIE 1974",
        "08/12/1974", "AUG 12, 1974", "12 AUG l974", "12-08-74", "12AUG1974", "12 AOUTAUG 1974", "12 AUG/AOUUT 1974",
        "12 AUGJAOUT 1974", "12 AOUTIAUG 1974", "1208 1974",
    ])
    func readsEveryPrintedForm(_ text: String) {
        let dates = PrintedDateFinder.dates(in: text)
        #expect(dates.contains { $0.matches(Self.birth) }, "\(text): \(dates)")
    }

    @Test(arguments: ["12 AUG 1975", "13.08.1974", "12 SEP 1974", "1974-08-21", "PASSPORT L898902C3", "12 AUG", ""])
    func otherTextIsNotTheDate(_ text: String) {
        #expect(!PrintedDateFinder.dates(in: text).contains { $0.matches(Self.birth) }, "\(text)")
    }

    @Test func aNumberBrokenByAMarkNoDateIsWrittenWithGivesNoDate() {
        // `20%6`: a glyph of the year the engine could not read; `28 JUN 20` is no date of the page's.
        #expect(PrintedDateFinder.dates(in: "28 JUN 20%6").isEmpty)
        #expect(PrintedDateFinder.dates(in: "28 JUN 2006").first?.year == 2006)
        #expect(PrintedDateFinder.dates(in: "28·06·2006").first?.year == 2006)
        #expect(PrintedDateFinder.dates(in: "(28.06.2006)").first?.year == 2006)
        #expect(PrintedDateFinder.dates(in: "“28 JUN 2006”").first?.year == 2006)
    }

    @Test func lookAlikesJoinShortNumbersOnly() {
        #expect(PrintedDateFinder.dates(in: "23 DEC 2O34").first?.year == 2034)
        #expect(PrintedDateFinder.dates(in: "23DEC2004").first?.dayMonths.first?.month == 12)
    }

    @Test func germanMarchAndTwoDates() {
        let dates = PrintedDateFinder.dates(in: "01 MÄR/MAR 2020   01 MRZ/MAR 2030")
        #expect(dates.count == 2)
        #expect(dates.map { $0.dayMonths.first?.month } == [3, 3])
        #expect(dates.map(\.year) == [2020, 2030])
    }

    @Test func twoDigitYearsResolveBeforeTheirBound() {
        let date = PrintedDateFinder.dates(in: "12 AUG 74").first
        #expect(date?.date(near: MRZDate(year: 2030, month: 1, day: 1)!, yearsAfter: 10)?.year == 1974)
        let expiry = PrintedDateFinder.dates(in: "01 JAN 35").first
        #expect(expiry?.date(near: MRZDate(year: 2030, month: 1, day: 1)!, yearsAfter: 10)?.year == 2035)
    }

    @Test(arguments: [("12 AUG 1914", true), ("12.06.1974", true), ("12 AUG 1979", false), ("12 AUG 1969", false)])
    func oneDigitSlipsAreConfusedDigitsOnly(_ text: String, _ slip: Bool) {
        let date = PrintedDateFinder.dates(in: text).first!
        #expect(date.isOneDigitSlip(from: Self.birth) == slip)
    }

    @Test func dayAndMonthRunTogetherMaySlipInAnyDigit() {
        let merged = PrintedDateFinder.dates(in: "1308 1974").first!
        #expect(merged.runTogether)
        #expect(merged.isOneDigitSlip(from: Self.birth))
        #expect(!PrintedDateFinder.dates(in: "13 08 1974").first!.isOneDigitSlip(from: Self.birth))
        #expect(!PrintedDateFinder.dates(in: "1308 1979").first!.isOneDigitSlip(from: Self.birth))
        // Two numbers of four digits with more after them are no date.
        #expect(PrintedDateFinder.dates(in: "1208 1974 5").isEmpty)
    }
}
