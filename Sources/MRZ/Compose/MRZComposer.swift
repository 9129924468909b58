/// Writes MRZ lines from document data, check digits computed: the inverse of `MRZParser`.
/// Used to build specimens (tests, benchmarks, `docguard synth`).
public enum MRZComposer {
    /// The MRZ lines of `fields`. Text longer than its field is cut (a name so cut reads as
    /// possibly truncated, as ICAO 9303 intends).
    public static func compose(_ fields: MRZFields) -> [[UInt8]] {
        let layout = MRZLayout.of(fields.format)
        var lines = Array(
            repeating: [UInt8](repeating: MRZCharacter.filler, count: fields.format.lineLength),
            count: fields.format.lineCount)
        func put(_ text: String, _ span: MRZSpan?) {
            guard let span else { return }
            for (offset, byte) in text.utf8.prefix(span.length).enumerated() {
                lines[span.line][span.start + offset] = byte == UInt8(ascii: " ") ? MRZCharacter.filler : byte
            }
        }
        put(fields.documentCode, layout.documentCode)
        put(fields.issuingState, layout.issuingState)
        if let givenNames = layout.givenNames {
            // The French identity card: surname and given names apart, given names separated by `<<`.
            put(truncatedName(fields.surname, length: layout.name.length), layout.name)
            let secondary = fields.givenNames.split(separator: " ").joined(separator: "<<")
            put(truncatedName(secondary, length: givenNames.length), givenNames)
        } else {
            put(truncatedName(fields.nameField, length: layout.name.length), layout.name)
        }
        put(fields.nationality, layout.nationality)
        put(fields.birthDate, layout.birthDate)
        put(fields.sex == "X" ? "<" : fields.sex, MRZSpan(line: layout.sex.line, start: layout.sex.index, length: 1))
        put(fields.expiryDate, layout.expiryDate)
        if let span = layout.optionalData2 { put(fields.optionalData2, span) }

        let number = Array(fields.documentNumber.utf8)
        let isLong = number.count > 9 && layout.allowsLongDocumentNumber
        if isLong {
            // ICAO 9303-5 §4.2.2 note j: 9 principal characters, `<`, the rest and its check digit
            // at the start of the optional data, then a filler.
            put(String(decoding: number.prefix(9), as: UTF8.self), layout.documentNumber)
            let rest = String(decoding: number.dropFirst(9), as: UTF8.self)
            put(rest + "0<" + fields.optionalData, layout.optionalData)
            lines[layout.documentNumberCheck.line][layout.documentNumberCheck.index] = MRZCharacter.filler
        } else {
            put(fields.documentNumber, layout.documentNumber)
            put(fields.optionalData, layout.optionalData)
        }

        for rule in isLong ? layout.fieldChecks(for: lines) : layout.standardFieldChecks {
            let digit: UInt8
            if rule.emptyFieldMayUseFiller && fields.optionalData.isEmpty {
                digit = fields.emptyOptionalCheckIsFiller ? MRZCharacter.filler : UInt8(ascii: "0")
            } else {
                digit = UInt8(ascii: "0") + UInt8(CheckDigit.compute(over: rule.spans, in: lines) ?? 0)
            }
            lines[rule.check.line][rule.check.index] = digit
        }
        if let composite = layout.compositeCheckRule {
            let digit = CheckDigit.compute(over: composite.spans, in: lines) ?? 0
            lines[composite.check.line][composite.check.index] = UInt8(ascii: "0") + UInt8(digit)
        }
        return lines
    }

    /// A name too long for its field ends in a letter, the sign of truncation (ICAO 9303-4 §4.2.3):
    /// where the cut would end on a filler, the next letter takes the last position.
    static func truncatedName(_ name: String, length: Int) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count > length, bytes[length - 1] == UInt8(ascii: "<"),
            let nextLetter = bytes[length...].first(where: MRZCharacter.isLetter)
        else { return name }
        return String(decoding: bytes.prefix(length - 1) + [nextLetter], as: UTF8.self)
    }
}
