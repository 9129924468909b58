/// Writes MRZ lines from document data, check digits computed: the inverse of `MRZParser`.
/// Used to build specimens (tests, benchmarks, `docguard synth`).
public enum MRZComposer {
    /// The MRZ lines of `fields`. Text longer than its field is cut (a name so cut reads as
    /// possibly truncated, as ICAO 9303 intends).
    public static func compose(_ fields: MRZFields) -> [[UInt8]] {
        let layout = MRZLayout.of(fields.format)
        var lines = Array(repeating: [UInt8](repeating: MRZCharacter.filler, count: fields.format.lineLength),
                          count: fields.format.lineCount)
        func put(_ text: String, _ span: MRZSpan) {
            for (offset, byte) in text.utf8.prefix(span.length).enumerated() {
                lines[span.line][span.start + offset] = byte == UInt8(ascii: " ") ? MRZCharacter.filler : byte
            }
        }
        put(fields.documentCode, layout.documentCode)
        put(fields.issuingState, layout.issuingState)
        put(fields.nameField, layout.name)
        put(fields.nationality, layout.nationality)
        put(fields.birthDate, layout.birthDate)
        put(fields.sex == "X" ? "<" : fields.sex, MRZSpan(line: layout.sex.line, start: layout.sex.index, length: 1))
        put(fields.expiryDate, layout.expiryDate)
        if let span = layout.optionalData2 { put(fields.optionalData2, span) }

        let number = Array(fields.documentNumber.utf8)
        if number.count > 9 && layout.allowsLongDocumentNumber {
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

        for rule in layout.fieldChecks(for: lines) {
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
}
