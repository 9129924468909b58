import MRZ

/// One labelled entry of the visual zone.
struct VisualField: Sendable {
    /// The printed caption, e.g. `SURNAME / NOM`.
    let label: String
    /// The holder's data, upper case.
    let value: String
    /// Share of the row's width this field takes.
    let weight: Double
}

/// The visual-zone text of a document (ICAO 9303-4 §4.1 zones I–IV), written from its MRZ data.
enum VisualZone {
    private static let places = [
        "ZENITH", "UTOPIA CITY", "LAKEVIEW", "NORTH HARBOUR", "OLD TOWN", "RIVERSIDE", "PORT ELIZABETH",
        "SAINT MARTIN", "NEW ALBION", "EASTBROOK",
    ]
    private static let authorities = ["MINISTRY OF INTERIOR", "PASSPORT OFFICE", "EMBASSY", "POLICE", "CONSULATE"]
    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// Rows of fields, top to bottom, for `fields` printing `printed`; extra details (place of birth, authority)
    /// from `generator`.
    static func rows(
        for fields: MRZFields, printing printed: PrintedValues, using generator: inout some RandomNumberGenerator
    ) -> [[VisualField]] {
        let place = places.randomElement(using: &generator)!
        let authority = authorities.randomElement(using: &generator)!
        let (issue, birth, expiry, sex) = (printed.issue, printed.birth, printed.expiry, printed.sex)
        let surname = VisualField(label: "SURNAME / NOM", value: printed.surname, weight: 1)
        let given = VisualField(label: "GIVEN NAMES / PRENOMS", value: printed.givenNames, weight: 1)
        switch fields.format {
        case .td3:
            return [
                [
                    VisualField(label: "TYPE", value: fields.documentCode, weight: 0.6),
                    VisualField(label: "CODE", value: fields.issuingState, weight: 0.8),
                    VisualField(label: "PASSPORT NO.", value: printed.documentNumber, weight: 1.6),
                ],
                [surname], [given],
                [VisualField(label: "NATIONALITY / NATIONALITE", value: fields.nationality, weight: 1)],
                [
                    VisualField(label: "DATE OF BIRTH", value: birth, weight: 1.2),
                    VisualField(label: "SEX", value: sex, weight: 0.5),
                    VisualField(label: "PLACE OF BIRTH", value: place, weight: 1.5),
                ],
                [
                    VisualField(label: "DATE OF ISSUE", value: issue, weight: 1.2),
                    VisualField(label: "AUTHORITY", value: authority, weight: 2),
                ],
                [
                    VisualField(label: "DATE OF EXPIRY", value: expiry, weight: 1.2),
                    VisualField(label: "HOLDER'S SIGNATURE", value: "", weight: 2),
                ],
            ]
        case .td1, .td2, .fraID:
            return [
                [surname], [given],
                [
                    VisualField(label: "SEX", value: sex, weight: 0.5),
                    VisualField(label: "NATIONALITY", value: fields.nationality, weight: 0.9),
                    VisualField(label: "DATE OF BIRTH", value: birth, weight: 1.2),
                ],
                [
                    VisualField(label: "DOCUMENT NO.", value: printed.documentNumber, weight: 1.4),
                    VisualField(label: "DATE OF EXPIRY", value: expiry, weight: 1.2),
                ],
            ]
                + (fields.format == .td2
                    ? [
                        [
                            VisualField(label: "PLACE OF BIRTH", value: place, weight: 1.2),
                            VisualField(label: "AUTHORITY", value: authority, weight: 1.4),
                        ]
                    ] : [])
        case .mrvA, .mrvB:
            let entries = ["1", "2", "MULT"].randomElement(using: &generator)!
            return [
                [
                    VisualField(label: "PLACE OF ISSUE", value: place, weight: 1.2),
                    VisualField(label: "VALID FROM", value: issue, weight: 1.2),
                    VisualField(label: "UNTIL", value: expiry, weight: 1.2),
                ],
                [
                    VisualField(label: "TYPE OF VISA", value: fields.documentCode, weight: 1),
                    VisualField(label: "ENTRIES", value: entries, weight: 1),
                    VisualField(label: "ISSUED BY", value: fields.issuingState, weight: 1),
                ],
                [surname], [given],
                [
                    VisualField(label: "DATE OF BIRTH", value: birth, weight: 1.2),
                    VisualField(label: "SEX", value: sex, weight: 0.5),
                    VisualField(label: "NATIONALITY", value: fields.nationality, weight: 1),
                ],
                [
                    VisualField(label: "PASSPORT NUMBER", value: printed.documentNumber, weight: 1),
                    VisualField(label: "REMARKS", value: authority, weight: 1.5),
                ],
            ]
        }
    }

    /// `12 AUG 1974` from the MRZ's `740812`; unreadable dates are printed as they stand.
    static func date(_ yymmdd: String, century: Int) -> String {
        let bytes = Array(yymmdd.utf8)
        guard bytes.count == 6, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return yymmdd }
        let number = { (i: Int) in Int(bytes[i] - 48) * 10 + Int(bytes[i + 1] - 48) }
        let month = number(2)
        guard (1...12).contains(month) else { return yymmdd }
        let day = number(4) < 10 ? "0\(number(4))" : "\(number(4))"
        return "\(day) \(months[month - 1]) \(century + number(0))"
    }

    /// Years a document of `format` is valid, for its issue date: 10 for a passport, 5 for cards and visas.
    static func validityYears(_ format: MRZFormat) -> Int { format == .td3 ? 10 : 5 }

    /// Birth years after 2026's `26` are read as 19YY, as the parser does for the current year 2026.
    static func century(ofBirth yymmdd: String) -> Int {
        (Int(yymmdd.prefix(2)) ?? 0) > 26 ? 1900 : 2000
    }

    /// The issue date `years` before the MRZ's `expiry`, printed as `date` prints.
    static func issueDate(expiry: String, years: Int) -> String {
        guard let year = Int(expiry.prefix(2)) else { return expiry }
        let issued = (year - years + 100) % 100
        let yy = issued < 10 ? "0\(issued)" : "\(issued)"
        let dated = yy + expiry.dropFirst(2)
        // 29 February of a leap year may not exist years earlier; the day before always does.
        return date(dated.hasSuffix("0229") ? yy + "0228" : dated, century: year - years < 0 ? 1900 : 2000)
    }
}
