import MRZ

/// The holder's data as the visual zone prints it, each value a finished string.
struct PrintedValues: Sendable, Equatable {
    var documentNumber: String
    var surname: String
    var givenNames: String
    var birth: String
    var expiry: String
    var issue: String
    var sex: String

    /// The values every page printed before varied sets: `12 AUG 1974` dates, one-letter sex, names as in the MRZ.
    static func classic(_ fields: MRZFields) -> PrintedValues {
        PrintedValues(
            documentNumber: fields.documentNumber, surname: fields.surname, givenNames: fields.givenNames,
            birth: VisualZone.date(fields.birthDate, century: VisualZone.century(ofBirth: fields.birthDate)),
            expiry: VisualZone.date(fields.expiryDate, century: 2000),
            issue: VisualZone.issueDate(expiry: fields.expiryDate, years: VisualZone.validityYears(fields.format)),
            sex: fields.sex == "<" ? "X" : fields.sex)
    }

    /// The values of the document `fields` describes printed in `style`, with `forgery`'s altered value in place
    /// of the genuine one (an MRZ rebuilt leaves the page genuine). The issue date is the genuine expiry less the
    /// format's validity, whatever a forger printed as expiry.
    static func styled(_ fields: MRZFields, style: VisualStyle, forgery: Forgery?) -> PrintedValues {
        let birth = MRZDate(yymmdd: fields.birthDate, century: VisualZone.century(ofBirth: fields.birthDate))
        let expiry = MRZDate(yymmdd: fields.expiryDate, century: 2000)
        let issue = expiry?.addingYears(-VisualZone.validityYears(fields.format))
        var printed = PrintedValues(
            documentNumber: fields.documentNumber, surname: style.surname ?? fields.surname,
            givenNames: style.givenNames ?? fields.givenNames,
            birth: birth.map(style.dates.format) ?? fields.birthDate,
            expiry: expiry.map(style.dates.format) ?? fields.expiryDate,
            issue: issue.map(style.dates.format) ?? fields.expiryDate, sex: style.sex.format(fields.sex))
        switch forgery {
        case .vizDocumentNumber(let number): printed.documentNumber = number
        case .vizBirthDate(let date): printed.birth = style.dates.format(date)
        case .vizExpiryDate(let date): printed.expiry = style.dates.format(date)
        case .vizSurname(let surname): printed.surname = surname
        case .mrzRebuilt, nil: break
        }
        return printed
    }
}
