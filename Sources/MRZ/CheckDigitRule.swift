/// One check digit of a format and the characters it covers.
public struct CheckDigitRule: Sendable, Hashable {
    /// The field it protects (`composite` for the composite check digit).
    public let field: MRZField
    /// The characters covered, weighted as one run.
    public let spans: [MRZSpan]
    /// Where the check digit stands.
    public let check: MRZPosition
    /// An empty (all-filler) field may carry `<` instead of a digit (ICAO 9303-4 §4.2.2.2, position 43).
    public let emptyFieldMayUseFiller: Bool

    /// Whether the check digit matches: nil when the field is empty and carries `<` where that is
    /// allowed, false when the lines are too short, a character has no value, or the digit differs.
    public func evaluate(_ lines: [[UInt8]]) -> Bool? {
        guard check.line < lines.count, check.index < lines[check.line].count else { return false }
        let checkByte = lines[check.line][check.index]
        if emptyFieldMayUseFiller && checkByte == MRZCharacter.filler {
            let empty = spans.allSatisfy { $0.bytes(in: lines)?.allSatisfy { $0 == MRZCharacter.filler } ?? false }
            return empty ? nil : false
        }
        guard let expected = CheckDigit.value(of: checkByte),
            let computed = CheckDigit.compute(over: spans, in: lines)
        else { return false }
        return expected == computed
    }

    /// Every position the rule reads, check digit last.
    public var positions: [MRZPosition] {
        spans.flatMap { span in span.range.map { MRZPosition(line: span.line, index: $0) } } + [check]
    }
}

/// Where a long document number continues (ICAO 9303-5 §4.2.2 note j; 9303-6 §4.2.2 note j).
public struct LongDocumentNumber: Sendable, Hashable {
    /// The characters of the number that follow its 9 principal characters, in the optional data.
    public let continuation: MRZSpan
    /// The number's check digit, right after the continuation.
    public let check: MRZPosition
}

extension MRZLayout {
    /// The long document number in `lines`, when the number's check digit position holds `<` and the
    /// optional data starts with the rest of the number and its check digit.
    public func longDocumentNumber(in lines: [[UInt8]]) -> LongDocumentNumber? {
        guard allowsLongDocumentNumber,
            documentNumberCheck.line < lines.count,
            documentNumberCheck.index < lines[documentNumberCheck.line].count,
            lines[documentNumberCheck.line][documentNumberCheck.index] == MRZCharacter.filler,
            let optional = optionalData.bytes(in: lines),
            let first = optional.first, first != MRZCharacter.filler
        else { return nil }
        let end = optional.firstIndex(of: MRZCharacter.filler) ?? optional.endIndex
        let restLength = end - optional.startIndex - 1
        return LongDocumentNumber(
            continuation: MRZSpan(line: optionalData.line, start: optionalData.start, length: restLength),
            check: MRZPosition(line: optionalData.line, index: optionalData.start + restLength)
        )
    }

    /// The field check digits as they apply to `lines`: a long document number moves its check digit
    /// into the optional data and extends what it covers.
    public func fieldChecks(for lines: [[UInt8]]) -> [CheckDigitRule] {
        guard let long = longDocumentNumber(in: lines) else { return standardFieldChecks }
        var rules = standardFieldChecks
        rules[0] = CheckDigitRule(
            field: .documentNumber, spans: [documentNumber, long.continuation], check: long.check,
            emptyFieldMayUseFiller: false
        )
        return rules
    }

    /// The composite check digit, when the format has one.
    func makeCompositeCheckRule() -> CheckDigitRule? {
        compositeCheck.map {
            CheckDigitRule(field: .composite, spans: compositeSpans, check: $0, emptyFieldMayUseFiller: false)
        }
    }

    /// Field check digits in field order, document number first.
    func makeStandardFieldChecks() -> [CheckDigitRule] {
        var rules = [
            CheckDigitRule(
                field: .documentNumber, spans: [documentNumber], check: documentNumberCheck,
                emptyFieldMayUseFiller: false),
            CheckDigitRule(field: .birthDate, spans: [birthDate], check: birthDateCheck, emptyFieldMayUseFiller: false),
        ]
        if let expiryDate, let expiryDateCheck {
            rules.append(
                CheckDigitRule(
                    field: .expiryDate, spans: [expiryDate], check: expiryDateCheck,
                    emptyFieldMayUseFiller: false))
        }
        if let optionalDataCheck {
            rules.append(
                CheckDigitRule(
                    field: .optionalData, spans: [optionalData], check: optionalDataCheck,
                    emptyFieldMayUseFiller: true))
        }
        return rules
    }
}
