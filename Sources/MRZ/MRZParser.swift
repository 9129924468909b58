/// Reads MRZ lines into an `MRZDocument` and validates every field against ICAO 9303.
/// Pure: the only outside fact it needs, the current year, is passed in.
public enum MRZParser {
    /// Parses and validates `lines` (one document). `currentYear` decides the century of birth dates.
    public static func parse(_ lines: [[UInt8]], currentYear: Int) -> MRZDocument {
        var document = MRZDocument(lines: lines)
        guard let format = MRZFormat.detect(lines) else {
            document.findings.append(
                MRZFinding(
                    .format, .structure, "not an ICAO 9303 MRZ: \(lines.count) line(s) of \(lengths(lines)) characters")
            )
            return document
        }
        var reader = FieldReader(layout: MRZLayout.of(format), lines: lines, document: document)
        reader.readAll(currentYear: currentYear)
        return reader.document
    }

    private static func lengths(_ lines: [[UInt8]]) -> String {
        lines.map { String($0.count) }.joined(separator: "/")
    }
}

/// Reads one document field by field, collecting findings.
private struct FieldReader {
    let layout: MRZLayout
    let lines: [[UInt8]]
    var document: MRZDocument
    /// Fields already reported as FORMAT, one bit per `MRZField` case (cheaper than a Set per parse).
    private var formatReported: UInt32 = 0

    init(layout: MRZLayout, lines: [[UInt8]], document: MRZDocument) {
        self.layout = layout
        self.lines = lines
        self.document = document
        self.document.format = layout.format
    }

    mutating func readAll(currentYear: Int) {
        checkStructure()
        checkCharacters()
        readDocumentCode()
        document.issuingState = readStateCode(layout.issuingState, field: .issuingState)
        // A format without a nationality field is issued to the issuing state's nationals only.
        document.nationality =
            layout.nationality.map { readStateCode($0, field: .nationality) }
            ?? document.issuingState
        if let givenNames = layout.givenNames {
            readSeparateNames(givenNames)
        } else {
            readName()
        }
        readDocumentNumberAndOptionalData()
        document.birthDate = readDate(layout.birthDate, field: .birthDate, rule: .birth(currentYear: currentYear))
        document.expiryDate = layout.expiryDate.flatMap { readDate($0, field: .expiryDate, rule: .expiry) }
        readSex()
        readCheckDigits()
    }

    // MARK: Structure and characters

    private mutating func checkStructure() {
        for (index, line) in lines.enumerated() where line.count != layout.format.lineLength {
            document.findings.append(
                MRZFinding(
                    .format, .structure,
                    "line \(index + 1) has \(line.count) characters; \(layout.format.rawValue) lines have \(layout.format.lineLength)"
                ))
        }
    }

    /// Every position against what its field may hold (ICAO 9303 notes a–c of each data structure).
    private mutating func checkCharacters() {
        for lineIndex in lines.indices {
            let length = min(lines[lineIndex].count, layout.format.lineLength)
            for index in 0..<length where !layout.allows(lines[lineIndex][index], line: lineIndex, index: index) {
                let field = layout.positionFields[lineIndex][index]
                reportFormat(
                    field, "character not allowed in \(field.rawValue) at line \(lineIndex + 1) position \(index + 1)")
            }
        }
    }

    private mutating func reportFormat(_ field: MRZField, _ detail: String) {
        let bit = UInt32(1) << UInt32(MRZField.allCases.firstIndex(of: field)!)
        guard formatReported & bit == 0 else { return }
        formatReported |= bit
        document.findings.append(MRZFinding(.format, field, detail))
    }

    // MARK: Fields

    /// ICAO 9303-4 §4.2.2.1 (P), 9303-5 and 9303-6 note k (A, C, I), 9303-7 §4.2.2.1 (V); `ID` on the French
    /// identity card.
    private mutating func readDocumentCode() {
        guard let bytes = layout.documentCode.bytes(in: lines) else { return }
        let first = bytes[bytes.startIndex]
        let second = bytes[bytes.startIndex + 1]
        document.documentCode = text(bytes, removingFillers: true)
        let allowed: Bool
        switch layout.format {
        case .td3: allowed = first == UInt8(ascii: "P")
        case .mrvA, .mrvB: allowed = first == UInt8(ascii: "V")
        case .td1, .td2:
            let a = UInt8(ascii: "A")
            let c = UInt8(ascii: "C")
            let i = UInt8(ascii: "I")
            allowed =
                (first == a || first == c || first == i) && second != UInt8(ascii: "V")
                // TD1 forbids AI, and AC except for crew member certificates; TD2 forbids AC.
                && !(first == a && second == i && layout.format == .td1)
                && !(first == a && second == c && layout.format == .td2)
        case .fraID:
            allowed = first == UInt8(ascii: "I") && second == UInt8(ascii: "D")
        }
        if !allowed { reportFormat(.documentCode, "document code not allowed for \(layout.format.rawValue)") }
    }

    /// A three-letter code, fillers only at its end (ICAO 9303-3 §5; Germany is `D<<`).
    private mutating func readStateCode(_ span: MRZSpan, field: MRZField) -> String? {
        guard let bytes = span.bytes(in: lines) else { return nil }
        let code = bytes.prefix { $0 != MRZCharacter.filler }
        if code.isEmpty || bytes[code.endIndex...].contains(where: { $0 != MRZCharacter.filler }) {
            reportFormat(field, "\(field.rawValue) must be a code followed only by fillers")
        } else if !StateCode.isKnown(code) {
            document.findings.append(MRZFinding(.unknownState, field, "\(field.rawValue) is not an ICAO 9303 code"))
        }
        return text(bytes, removingFillers: true)
    }

    /// Primary identifier, `<<`, secondary identifiers (ICAO 9303-3 §4.6). A name that starts `<<` and then a
    /// letter has no primary identifier: ICAO puts a one-part name first, but some issuers (many Indian
    /// passports) print it as a secondary identifier. That is a known deviation; any other leading filler
    /// (one, three or more, or nothing but fillers) stays FORMAT.
    private mutating func readName() {
        let span = layout.name
        guard span.line < lines.count else { return }
        let line = lines[span.line]
        guard span.start < line.count else { return }
        let bytes = line[span.start..<min(span.upperBound, line.count)]
        var end = bytes.endIndex
        while end > bytes.startIndex && bytes[end - 1] == MRZCharacter.filler { end -= 1 }
        let content = bytes[bytes.startIndex..<end]
        if content.isEmpty || content.first == MRZCharacter.filler {
            let start = content.startIndex
            if content.count >= 3, content[start + 1] == MRZCharacter.filler,
                MRZCharacter.isLetter(content[start + 2])
            {
                document.findings.append(
                    MRZFinding(
                        .deviation, .name,
                        "name starts with <<, with no primary identifier, as some issuers print a one-part name "
                            + "(ICAO 9303-3 §4.6 puts it first)"))
            } else {
                reportFormat(.name, "name must start with the primary identifier")
            }
        }
        var separator = content.endIndex
        var index = content.startIndex
        while index + 1 < content.endIndex {
            if content[index] == MRZCharacter.filler && content[index + 1] == MRZCharacter.filler {
                separator = index
                break
            }
            index += 1
        }
        document.surname = words(content[content.startIndex..<separator])
        document.givenNames = separator < content.endIndex ? words(content[(separator + 2)...]) : ""
        document.nameMayBeTruncated = bytes.count == span.length && bytes.last != MRZCharacter.filler
    }

    /// Surname and given names in fields of their own (the French identity card): each must start in its
    /// first position; given names are separated by `<<` and may be absent. Each run of fillers reads as one
    /// space.
    private mutating func readSeparateNames(_ givenNamesSpan: MRZSpan) {
        guard let surname = layout.name.bytes(in: lines) else { return }
        if surname.first == MRZCharacter.filler {
            reportFormat(.name, "name must start with the primary identifier")
        }
        document.surname = words(surname)
        document.nameMayBeTruncated = surname.last != MRZCharacter.filler
        guard let givenNames = givenNamesSpan.bytes(in: lines) else { return }
        if givenNames.first == MRZCharacter.filler && givenNames.contains(where: { $0 != MRZCharacter.filler }) {
            reportFormat(.name, "given names must start in the first position of their field")
        }
        document.givenNames = words(givenNames)
        document.nameMayBeTruncated = document.nameMayBeTruncated || givenNames.last != MRZCharacter.filler
    }

    /// Reads the number and the optional data together, since a long number (ICAO 9303-5 §4.2.2 note j)
    /// takes the start of the optional data.
    private mutating func readDocumentNumberAndOptionalData() {
        let optional = layout.optionalData.bytes(in: lines)
        guard let principal = layout.documentNumber.bytes(in: lines) else {
            document.optionalData = optional.map { trimmedText($0) }
            return
        }
        if principal.first == MRZCharacter.filler || principal.allSatisfy({ $0 == MRZCharacter.filler }) {
            reportFormat(.documentNumber, "document number must start in its first position")
        }
        if let long = layout.longDocumentNumber(in: lines), let optional {
            var number = Array(principal)
            number.append(contentsOf: lines[long.continuation.line][long.continuation.range])
            document.documentNumber = text(number[...], removingFillers: true)
            let afterCheck = long.check.index + 1 - layout.optionalData.start
            document.optionalData = trimmedText(optional.dropFirst(afterCheck))
        } else {
            document.documentNumber = text(principal, removingFillers: true)
            document.optionalData = optional.map { trimmedText($0) }
        }
        if let span = layout.optionalData2 {
            document.optionalData2 = span.bytes(in: lines).map { trimmedText($0) }
        }
    }

    private mutating func readDate(_ span: MRZSpan, field: MRZField, rule: CenturyRule) -> MRZDate? {
        guard let bytes = span.bytes(in: lines) else { return nil }
        switch MRZDateField.read(bytes, rule: rule) {
        case .date(let date):
            return date
        case .unknown where field == .birthDate:
            return nil
        case .unknown, .invalid:
            if bytes.allSatisfy(MRZCharacter.isDigit) || field == .expiryDate {
                document.findings.append(MRZFinding(.dateInvalid, field, "\(field.rawValue) is not a real date"))
            }
            return nil
        }
    }

    /// `F`, `M`, or `<` for unspecified, shown as `X` (ICAO 9303-4 note p). A printed `X` also reads as `X`
    /// and is reported as a known deviation: note p keeps the `X` for the visual zone.
    private mutating func readSex() {
        let position = layout.sex
        guard position.line < lines.count, position.index < lines[position.line].count else { return }
        switch lines[position.line][position.index] {
        case UInt8(ascii: "M"): document.sex = "M"
        case UInt8(ascii: "F"): document.sex = "F"
        case MRZCharacter.filler: document.sex = "X"
        case UInt8(ascii: "X"):
            document.sex = "X"
            document.findings.append(
                MRZFinding(
                    .deviation, .sex, "sex is printed as X where ICAO 9303 prints < for unspecified, as some issuers do"
                ))
        default: document.sex = nil
        }
    }

    private mutating func readCheckDigits() {
        for rule in layout.fieldChecks(for: lines) {
            let result = rule.evaluate(lines)
            switch rule.field {
            case .documentNumber: document.checks.documentNumber = result
            case .birthDate: document.checks.birthDate = result
            case .expiryDate: document.checks.expiryDate = result
            default: document.checks.optionalData = result
            }
            if result == false {
                document.findings.append(
                    MRZFinding(
                        .checkDigit, rule.field, "\(rule.field.rawValue) check digit does not match"))
            }
        }
        if let composite = layout.compositeCheckRule {
            let result = composite.evaluate(lines)
            document.checks.composite = result
            if result == false {
                document.findings.append(
                    MRZFinding(.compositeCheck, .composite, "composite check digit does not match"))
            }
        }
    }

    // MARK: Text

    private func text(_ bytes: ArraySlice<UInt8>, removingFillers: Bool) -> String {
        guard removingFillers, bytes.contains(MRZCharacter.filler) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            for byte in bytes where byte != MRZCharacter.filler {
                buffer[count] = byte
                count += 1
            }
            return count
        }
    }

    /// Without leading and trailing fillers; inner fillers kept.
    private func trimmedText(_ bytes: ArraySlice<UInt8>) -> String {
        guard let first = bytes.firstIndex(where: { $0 != MRZCharacter.filler }),
            let last = bytes.lastIndex(where: { $0 != MRZCharacter.filler })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// Name components: each run of fillers becomes one space.
    private func words(_ bytes: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if byte == MRZCharacter.filler {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        buffer[count] = UInt8(ascii: " ")
                        count += 1
                        pendingSpace = false
                    }
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}
