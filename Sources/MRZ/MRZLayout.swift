/// A run of character positions on one MRZ line (0-based line and start).
public struct MRZSpan: Sendable, Hashable {
    /// Line index, 0-based.
    public let line: Int
    /// First position, 0-based.
    public let start: Int
    /// Number of positions.
    public let length: Int

    /// A span of `length` positions from `start` on `line`.
    public init(line: Int, start: Int, length: Int) {
        self.line = line
        self.start = start
        self.length = length
    }

    /// The positions as a range.
    public var range: Range<Int> { start..<(start + length) }
    /// One past the last position.
    public var upperBound: Int { start + length }

    /// The bytes of this span, or nil when the line is too short to hold it.
    func bytes(in lines: [[UInt8]]) -> ArraySlice<UInt8>? {
        guard line < lines.count, upperBound <= lines[line].count else { return nil }
        return lines[line][range]
    }
}

/// One character position (0-based line and index).
public struct MRZPosition: Sendable, Hashable, Comparable {
    /// Line index, 0-based.
    public let line: Int
    /// Position in the line, 0-based.
    public let index: Int

    /// The position `index` on `line`.
    public init(line: Int, index: Int) {
        self.line = line
        self.index = index
    }

    /// Orders by line, then index.
    public static func < (lhs: MRZPosition, rhs: MRZPosition) -> Bool {
        (lhs.line, lhs.index) < (rhs.line, rhs.index)
    }
}

/// What a character position may hold (ICAO 9303 notes a, b, c of each format's data structure).
public enum PositionKind: Sendable {
    /// `A`–`Z` only (first character of the document code).
    case letter
    /// `A`–`Z` or `<` (codes, names).
    case letterOrFiller
    /// `0`–`9` only (expiry dates, check digits).
    case digit
    /// `0`–`9` or `<` (birth dates with unknown parts; check digits that may be `<`).
    case digitOrFiller
    /// `A`–`Z`, `0`–`9` or `<` (document numbers, optional data).
    case alphanumeric
    /// `M`, `F`, `<`, or `X`: ICAO 9303-4 note p prints `<` for unspecified, and several issuers print the
    /// visual zone's `X` in the MRZ too. The parser reports an `X` as `MRZ_DEVIATION`; OCR line fitting and
    /// repair take it as printed.
    case sex

    /// True when `byte` is allowed here.
    @inline(__always)
    public func allows(_ byte: UInt8) -> Bool {
        switch self {
        case .letter: return MRZCharacter.isLetter(byte)
        case .letterOrFiller: return MRZCharacter.isLetter(byte) || byte == MRZCharacter.filler
        case .digit: return MRZCharacter.isDigit(byte)
        case .digitOrFiller: return MRZCharacter.isDigit(byte) || byte == MRZCharacter.filler
        case .alphanumeric: return MRZCharacter.isMRZ(byte)
        case .sex:
            return byte == UInt8(ascii: "M") || byte == UInt8(ascii: "F") || byte == MRZCharacter.filler
                || byte == UInt8(ascii: "X")
        }
    }
}

/// Where each field of one format sits (ICAO 9303-4 §4.2.2, 9303-5 §4.2.2, 9303-6 §4.2.2,
/// 9303-7 §4.2.2 and §7.2.2; the French identity card's national layout beside them).
public struct MRZLayout: Sendable {
    /// The format described.
    public let format: MRZFormat
    /// Document code, 2 characters.
    public let documentCode: MRZSpan
    /// Issuing state or organisation, 3 characters.
    public let issuingState: MRZSpan
    /// Primary and secondary identifiers; only the primary identifier when `givenNames` is set.
    public let name: MRZSpan
    /// Secondary identifiers in a field of their own, separated by `<<` (the French identity card, line 2
    /// positions 14–27); nil where they follow the primary identifier in `name` (ICAO 9303-3 §4.6).
    public private(set) var givenNames: MRZSpan? = nil
    /// Document number, the 9 principal characters.
    public let documentNumber: MRZSpan
    /// Check digit of the document number (or `<` when the number continues in the optional data).
    public let documentNumberCheck: MRZPosition
    /// Nationality, 3 characters; nil where the format does not print it (the French identity card, issued
    /// to French nationals only: the holder's nationality is the issuing state).
    public let nationality: MRZSpan?
    /// Date of birth, YYMMDD.
    public let birthDate: MRZSpan
    /// Check digit of the date of birth.
    public let birthDateCheck: MRZPosition
    /// Sex, 1 character.
    public let sex: MRZPosition
    /// Date of expiry (valid-until date for visas), YYMMDD; nil where the format does not print it (the
    /// French identity card).
    public let expiryDate: MRZSpan?
    /// Check digit of the date of expiry; nil with `expiryDate`.
    public let expiryDateCheck: MRZPosition?
    /// Optional data (the personal number of TD3; the French identity card's administrative code).
    public let optionalData: MRZSpan
    /// Check digit of the optional data; TD3 only.
    public let optionalDataCheck: MRZPosition?
    /// The second optional data field; TD1 only.
    public let optionalData2: MRZSpan?
    /// Ranges covered by the composite check digit; empty for visas.
    public let compositeSpans: [MRZSpan]
    /// Composite check digit; nil for visas.
    public let compositeCheck: MRZPosition?
    /// True when a document number longer than 9 may continue in `optionalData`
    /// (ICAO 9303-5 §4.2.2 note j; 9303-6 §4.2.2 note j).
    public let allowsLongDocumentNumber: Bool
    /// Positions inside an alphanumeric field that hold digits only: the French card number's year and month
    /// of issue and its serial. Empty for the ICAO formats.
    public private(set) var digitSpans: [MRZSpan] = []

    /// What each position may hold, line by line.
    public private(set) var positionKinds: [[PositionKind]] = []
    /// The field each position belongs to, line by line (a check digit belongs to its field).
    public private(set) var positionFields: [[MRZField]] = []
    /// For each line, one bit per byte value (4 words) per position: whether it may stand there.
    /// The parser's character check reads this instead of switching on kinds.
    private(set) var allowedBits: [[UInt64]] = []
    /// Field check digits when the document number is not long, document number first.
    public private(set) var standardFieldChecks: [CheckDigitRule] = []
    /// The composite check digit, when the format has one.
    public private(set) var compositeCheckRule: CheckDigitRule?

    /// The layout of `format`.
    public static func of(_ format: MRZFormat) -> MRZLayout {
        switch format {
        case .td1: return td1
        case .td2: return td2
        case .td3: return td3
        case .mrvA: return mrvA
        case .mrvB: return mrvB
        case .fraID: return fraID
        }
    }

    private static let td2 = twoLine(.td2, length: 36, optionalCheck: false, composite: true).withKinds()
    private static let td3 = twoLine(.td3, length: 44, optionalCheck: true, composite: true).withKinds()
    private static let mrvA = twoLine(.mrvA, length: 44, optionalCheck: false, composite: false).withKinds()
    private static let mrvB = twoLine(.mrvB, length: 36, optionalCheck: false, composite: false).withKinds()

    private static let td1 = MRZLayout(
        format: .td1,
        documentCode: MRZSpan(line: 0, start: 0, length: 2),
        issuingState: MRZSpan(line: 0, start: 2, length: 3),
        name: MRZSpan(line: 2, start: 0, length: 30),
        documentNumber: MRZSpan(line: 0, start: 5, length: 9),
        documentNumberCheck: MRZPosition(line: 0, index: 14),
        nationality: MRZSpan(line: 1, start: 15, length: 3),
        birthDate: MRZSpan(line: 1, start: 0, length: 6),
        birthDateCheck: MRZPosition(line: 1, index: 6),
        sex: MRZPosition(line: 1, index: 7),
        expiryDate: MRZSpan(line: 1, start: 8, length: 6),
        expiryDateCheck: MRZPosition(line: 1, index: 14),
        optionalData: MRZSpan(line: 0, start: 15, length: 15),
        optionalDataCheck: nil,
        optionalData2: MRZSpan(line: 1, start: 18, length: 11),
        compositeSpans: [
            MRZSpan(line: 0, start: 5, length: 25),
            MRZSpan(line: 1, start: 0, length: 7),
            MRZSpan(line: 1, start: 8, length: 7),
            MRZSpan(line: 1, start: 18, length: 11),
        ],
        compositeCheck: MRZPosition(line: 1, index: 29),
        allowsLongDocumentNumber: true
    ).withKinds()

    /// The French identity card of the 1988–2021 model: not ICAO 9303, but printed in its characters and with
    /// its check digits (7-3-1, ICAO 9303-3 §4.9). Positions as printed on the cards (the specimen
    /// `IDFRABERTHIER<<…` / `9409923102854CORINNE<<…` in the tests) and as public descriptions of the card give
    /// them. Line 1: `ID`, `FRA`, surname (6–30), administrative code (31–36: department and office of issue,
    /// or fillers). Line 2: card number (1–12: year and month of issue, department, serial) and its check digit
    /// (13), given names separated by `<<` (14–27), date of birth (28–33) and its check digit (34), sex (35),
    /// and a final check digit (36) over all of line 1 and line 2's first 35 characters. No nationality (the
    /// card is issued to French nationals only) and no expiry date.
    private static let fraID = MRZLayout(
        format: .fraID,
        documentCode: MRZSpan(line: 0, start: 0, length: 2),
        issuingState: MRZSpan(line: 0, start: 2, length: 3),
        name: MRZSpan(line: 0, start: 5, length: 25),
        givenNames: MRZSpan(line: 1, start: 13, length: 14),
        documentNumber: MRZSpan(line: 1, start: 0, length: 12),
        documentNumberCheck: MRZPosition(line: 1, index: 12),
        nationality: nil,
        birthDate: MRZSpan(line: 1, start: 27, length: 6),
        birthDateCheck: MRZPosition(line: 1, index: 33),
        sex: MRZPosition(line: 1, index: 34),
        expiryDate: nil,
        expiryDateCheck: nil,
        optionalData: MRZSpan(line: 0, start: 30, length: 6),
        optionalDataCheck: nil,
        optionalData2: nil,
        compositeSpans: [MRZSpan(line: 0, start: 0, length: 36), MRZSpan(line: 1, start: 0, length: 35)],
        compositeCheck: MRZPosition(line: 1, index: 35),
        allowsLongDocumentNumber: false,
        // Year and month of issue, then the department (Corsica's is 2A or 2B), then a serial of digits.
        digitSpans: [MRZSpan(line: 1, start: 0, length: 4), MRZSpan(line: 1, start: 7, length: 5)]
    ).withKinds()

    /// TD2, TD3, MRV-A and MRV-B share one shape: code, state and name on line 1; number, nationality,
    /// dates, sex and optional data on line 2; they differ in length and trailing check digits.
    private static func twoLine(_ format: MRZFormat, length: Int, optionalCheck: Bool, composite: Bool) -> MRZLayout {
        let trailingDigits = (optionalCheck ? 1 : 0) + (composite ? 1 : 0)
        let optionalLength = length - 28 - trailingDigits
        return MRZLayout(
            format: format,
            documentCode: MRZSpan(line: 0, start: 0, length: 2),
            issuingState: MRZSpan(line: 0, start: 2, length: 3),
            name: MRZSpan(line: 0, start: 5, length: length - 5),
            documentNumber: MRZSpan(line: 1, start: 0, length: 9),
            documentNumberCheck: MRZPosition(line: 1, index: 9),
            nationality: MRZSpan(line: 1, start: 10, length: 3),
            birthDate: MRZSpan(line: 1, start: 13, length: 6),
            birthDateCheck: MRZPosition(line: 1, index: 19),
            sex: MRZPosition(line: 1, index: 20),
            expiryDate: MRZSpan(line: 1, start: 21, length: 6),
            expiryDateCheck: MRZPosition(line: 1, index: 27),
            optionalData: MRZSpan(line: 1, start: 28, length: optionalLength),
            optionalDataCheck: optionalCheck ? MRZPosition(line: 1, index: 28 + optionalLength) : nil,
            optionalData2: nil,
            compositeSpans: composite
                ? [
                    MRZSpan(line: 1, start: 0, length: 10),
                    MRZSpan(line: 1, start: 13, length: 7),
                    MRZSpan(line: 1, start: 21, length: length - 22),
                ] : [],
            compositeCheck: composite ? MRZPosition(line: 1, index: length - 1) : nil,
            allowsLongDocumentNumber: format == .td2
        )
    }

    /// True when `byte` may stand at `index` of `line` (the line must exist; the index be in range).
    @inline(__always)
    public func allows(_ byte: UInt8, line: Int, index: Int) -> Bool {
        allowedBits[line][index &* 4 &+ Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0
    }

    /// Share of the characters in `lines` that their position allows (digits where digits belong, letters
    /// or fillers in names…): near 1 for a real read, low for text read upside down. 0 when the shape is wrong.
    public func plausibleShare(of lines: [[UInt8]]) -> Double {
        guard lines.count == format.lineCount, lines.allSatisfy({ $0.count == format.lineLength }) else { return 0 }
        var allowed = 0
        for (line, bytes) in lines.enumerated() {
            for (index, byte) in bytes.enumerated() where allows(byte, line: line, index: index) { allowed += 1 }
        }
        return Double(allowed) / Double(format.lineCount * format.lineLength)
    }

    private func withKinds() -> MRZLayout {
        var layout = self
        var kinds = Array(
            repeating: [PositionKind](repeating: .alphanumeric, count: format.lineLength),
            count: format.lineCount)
        var fields = Array(
            repeating: [MRZField](repeating: .structure, count: format.lineLength),
            count: format.lineCount)
        func set(_ span: MRZSpan, _ kind: PositionKind, _ field: MRZField) {
            for index in span.range {
                kinds[span.line][index] = kind
                fields[span.line][index] = field
            }
        }
        func set(_ position: MRZPosition, _ kind: PositionKind, _ field: MRZField) {
            set(MRZSpan(line: position.line, start: position.index, length: 1), kind, field)
        }
        set(documentCode, .letterOrFiller, .documentCode)
        set(MRZPosition(line: documentCode.line, index: documentCode.start), .letter, .documentCode)
        set(issuingState, .letterOrFiller, .issuingState)
        set(name, .letterOrFiller, .name)
        if let givenNames { set(givenNames, .letterOrFiller, .name) }
        set(documentNumber, .alphanumeric, .documentNumber)
        for span in digitSpans { set(span, .digit, fields[span.line][span.start]) }
        // `<` here marks a long document number continued in the optional data.
        set(documentNumberCheck, allowsLongDocumentNumber ? .digitOrFiller : .digit, .documentNumber)
        if let nationality { set(nationality, .letterOrFiller, .nationality) }
        set(birthDate, .digitOrFiller, .birthDate)
        set(birthDateCheck, .digit, .birthDate)
        set(sex, .sex, .sex)
        if let expiryDate { set(expiryDate, .digit, .expiryDate) }
        if let expiryDateCheck { set(expiryDateCheck, .digit, .expiryDate) }
        set(optionalData, .alphanumeric, .optionalData)
        if let optionalDataCheck { set(optionalDataCheck, .digitOrFiller, .optionalData) }
        if let optionalData2 { set(optionalData2, .alphanumeric, .optionalData2) }
        if let compositeCheck { set(compositeCheck, .digit, .composite) }
        layout.positionKinds = kinds
        layout.positionFields = fields
        layout.allowedBits = kinds.map { lineKinds in
            var words = [UInt64](repeating: 0, count: lineKinds.count * 4)
            for (index, kind) in lineKinds.enumerated() {
                for byte in 0..<256 where kind.allows(UInt8(byte)) {
                    words[index * 4 + byte / 64] |= UInt64(1) << UInt64(byte % 64)
                }
            }
            return words
        }
        layout.standardFieldChecks = layout.makeStandardFieldChecks()
        layout.compositeCheckRule = layout.makeCompositeCheckRule()
        return layout
    }
}
