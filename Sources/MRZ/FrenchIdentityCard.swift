/// What the French identity card's MRZ (`FRA_ID`, 1988–2021 model) says about its validity without an expiry
/// date: the card number starts with the year and month of issue (YYMM), and no card of this model is valid
/// longer than 15 years (10 years when issued before 2004 or to a minor; 15 for adults' cards issued from
/// 2004, by the décret n° 2013-1188 extension). So a card is certainly expired once 15 years from the end of
/// its month of issue have passed, whoever holds it.
public enum FrenchIdentityCard {
    /// Longest validity of any card of this model, in years.
    public static let longestValidityYears = 15

    /// The month of issue, as its first day, read from a `FRA_ID` document's number; nil for another format
    /// or a number that does not start with a year and a real month.
    public static func issueMonth(of document: MRZDocument) -> MRZDate? {
        guard document.format == .fraID, let number = document.documentNumber, number.utf8.count >= 4 else {
            return nil
        }
        let digits = Array(number.utf8.prefix(4)).map { Int($0) - 48 }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let yy = digits[0] * 10 + digits[1]
        // The model was issued from 1988 to 2021.
        let year = yy >= 88 ? 1900 + yy : 2000 + yy
        return MRZDate(year: year, month: digits[2] * 10 + digits[3], day: 1)
    }

    /// The last day the card can possibly be valid: the first day of the month after its month of issue,
    /// `longestValidityYears` later. Nil when the issue month cannot be read.
    public static func latestPossibleExpiry(of document: MRZDocument) -> MRZDate? {
        guard let issued = issueMonth(of: document) else { return nil }
        let month = issued.month == 12 ? 1 : issued.month + 1
        let year = issued.year + longestValidityYears + (issued.month == 12 ? 1 : 0)
        return MRZDate(year: year, month: month, day: 1)
    }
}
