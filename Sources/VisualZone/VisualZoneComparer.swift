import MRZ
import Plumbing

/// Holds the printed page against the MRZ, field by field, without knowing the issuer's layout. A field agrees when
/// the page prints its value anywhere (names in any ICAO 9303-3 §6 spelling, dates in any printed form, numbers
/// allowing the engine's O/0-type confusions). It differs only on clear evidence: the value under the field's
/// caption is confidently another one, or (dates, number) the page confidently prints another value of that kind
/// that nothing else on a genuine page explains. Everything else is `unread`: a page read badly is never a finding.
public struct VisualZoneComparer: Sendable {
    /// Word confidence (0…1) from which a value can support `differs`.
    public var confidentWord = 0.75
    /// Mean confidence of a date's words from which a date found without its caption can support `differs`: the
    /// engine gives right years 0.3 now and then (`29 MAG/MAY 1955` at 0.93, 0.92, 0.28), and a date misread in one
    /// confused digit is a slip anyway.
    public var confidentDate = 0.7
    /// Word confidence from which a number under the document number's caption can support `differs` when it is two
    /// characters or more from the MRZ's: a word with one glyph the engine was unsure of scores 0.6–0.7 whole.
    public var captionedNumberConfidence = 0.6
    /// Whether the page was printed too coarsely to tell one digit from another surely (a web copy's view, enlarged
    /// from capitals a few pixels high): the engine then reads a `3` as `5` as surely as it reads anything, so a
    /// date one digit off and a number one character off are taken for its slips, never for evidence.
    public var coarsePrint = false
    /// Years before the expiry after which a date can be an issue date, never a birth date of an adult's document:
    /// a printed date earlier than that, that is not the MRZ's, is another birth date.
    public var issueWindowYears = 15

    /// The default thresholds.
    public init() {}

    /// The verdict per field of `page` against `document`.
    public func compare(_ page: PrintedPage, with document: MRZDocument) -> VisualZoneCheck {
        let captioned = CaptionedValues(page)
        let dates = page.lines.flatMap { line in
            PrintedDateFinder.dates(inWords: line.words.map(\.text)).map { found in
                let words = Array(line.words[found.words])
                return DatedLine(
                    date: found.date, line: line, confidence: Self.meanConfidence(words),
                    sureDigits: digitsSure(words),
                    box: Self.box(words),
                    printed: words.map(\.text).joined(separator: " "))
            }
        }
        var fields: [VisualField: FieldComparison] = [:]
        fields[.documentNumber] = compareNumber(document, page: page, captioned: captioned[.documentNumber])
        var surname = compareName(
            document.surname, truncated: document.nameMayBeTruncated, page: page, captioned: captioned[.surname])
        var givenNames = compareName(
            document.givenNames, truncated: document.nameMayBeTruncated, page: page,
            captioned: captioned[.givenNames])
        // Layout-free: surname and given names are printed one over the other in most layouts, so a name that
        // agrees points at the line where the other is printed.
        if surname.verdict == .unread, givenNames.verdict == .agrees, let given = givenNames.box,
            let name = document.surname
        {
            surname =
                compareNeighbour(
                    name, truncated: document.nameMayBeTruncated, of: given, above: true, page: page) ?? surname
        }
        if givenNames.verdict == .unread, surname.verdict == .agrees, let printed = surname.box,
            let names = document.givenNames, !names.isEmpty
        {
            givenNames =
                compareNeighbour(
                    names, truncated: document.nameMayBeTruncated, of: printed, above: false, page: page) ?? givenNames
        }
        fields[.surname] = surname
        fields[.givenNames] = givenNames
        fields[.birthDate] = compareBirth(document, dates: dates, captioned: captioned[.birthDate])
        fields[.expiryDate] = compareExpiry(document, dates: dates, captioned: captioned[.expiryDate])
        fields[.sex] = compareSex(document.sex, captioned: captioned[.sex])
        return VisualZoneCheck(fields: fields)
    }

    /// A date found on a line, with its words' confidence and whether its digits were read surely.
    private struct DatedLine {
        var date: PrintedDate
        var line: PrintedLine
        var confidence: Double
        /// The date's words with digits were read with confidence `sureDigit` or more: a digit that differs is
        /// printed so, not a slip.
        var sureDigits: Bool

        /// Where the date's words stand.
        var box: PrintedBox?
        /// The date's words as read (`19 JUN/JUN 1942`), for the result and the report.
        var printed: String
    }

    /// Word confidence from which a digit that differs is taken as printed, not as a confusion of the engine's.
    static let sureDigit = 0.9

    /// Whether every word of `words` with a digit in it was read with `sureDigit` confidence or more, on print
    /// fine enough to tell digits apart (never on coarse print).
    private func digitsSure(_ words: [PrintedWord]) -> Bool {
        !coarsePrint
            && words.filter { $0.text.contains(where: \.isNumber) }.allSatisfy { $0.confidence >= Self.sureDigit }
    }

    /// Whether `printed` may be the engine's slip in reading `date`: its digits not read surely (`digitsSure`), and
    /// one digit off by a confusion the engine makes (on coarse print, any one digit).
    private func maySlip(_ printed: PrintedDate, from date: MRZDate, digitsSure: Bool) -> Bool {
        !digitsSure && printed.isOneDigitSlip(from: date, anyDigit: coarsePrint)
    }

    // MARK: Document number

    /// Agrees when printed anywhere; differs on a confidently read word of the number's shape (same length, letters
    /// and digits in the same places) that is no other number of the MRZ (on coarse print, two characters or more
    /// from it), or, under the number's own caption, on one read less surely that is two characters or more from it
    /// (one is the engine's slip as often as not).
    private func compareNumber(_ document: MRZDocument, page: PrintedPage, captioned: [[PrintedWord]])
        -> FieldComparison
    {
        guard let number = document.documentNumber, number.count >= 3 else { return .unread }
        let wanted = Self.confusionFolded(number)
        // Printed whole or in groups (`L898 902 C3`): runs of up to three words on a line.
        for line in page.lines {
            for run in Self.runs(of: line.words, upTo: 3) where Self.confusionFolded(Self.joined(run)) == wanted {
                return agreeing(run)
            }
        }
        let others = [document.optionalData, document.optionalData2].compactMap { $0 }.map(Self.confusionFolded)
        for word in page.words where word.confidence >= confidentWord {
            let folded = Self.confusionFolded(word.text)
            // A date (`20/01/1969`) has the shape of an all-digit number; it is no document number.
            guard folded != wanted, !others.contains(folded), Self.sameShape(word.text, number),
                PrintedDateFinder.dates(in: word.text).isEmpty,
                !coarsePrint || EditDistance.between(folded, wanted) >= 2
            else { continue }
            return differing([word])
        }
        for value in captioned {
            for word in value {
                let folded = Self.confusionFolded(word.text)
                guard !others.contains(folded), Self.sameShape(word.text, number),
                    EditDistance.between(folded, wanted) >= 2, PrintedDateFinder.dates(in: word.text).isEmpty,
                    word.confidence >= captionedNumberConfidence || Self.surelyDiffers(word, from: number)
                else { continue }
                return differing([word])
            }
        }
        return .unread
    }

    /// Whether `word` (of `number`'s shape) differs from it in two characters or more, each read surely
    /// (`sureDigit`) and not one the engine confuses with the MRZ's: a number read surely but for one glyph
    /// elsewhere (`Z` read `2`) scores low as a word, yet the characters that differ are printed so.
    static func surelyDiffers(_ word: PrintedWord, from number: String) -> Bool {
        let printed = zip(word.text, word.characterConfidences).filter { character, _ in
            character.isASCII && (character.isLetter || character.isNumber)
        }
        guard printed.count == number.count else { return false }
        let sure = zip(printed, number).filter { read, wanted in
            let (character, confidence) = read
            return confidence >= sureDigit
                && confusionFolded(String(character)) != confusionFolded(String(wanted))
        }
        return sure.count >= 2
    }

    /// Upper case, letters and digits only, each group of characters the engine confuses (O/0/D/Q, I/1/L, Z/2, S/5,
    /// G/6, B/8) written as one.
    static func confusionFolded(_ text: String) -> String {
        String(
            text.uppercased().compactMap { character -> Character? in
                let character: Character = character == "$" ? "S" : character
                guard character.isASCII, character.isLetter || character.isNumber else { return nil }
                return confusions[character] ?? character
            })
    }

    private static let confusions: [Character: Character] = [
        "O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6", "B": "8",
    ]

    /// Whether `printed` (letters and digits only) is as long as `number` with letters and digits in the same
    /// places; a character the engine confuses with a digit (O, I, B…) stands for either.
    static func sameShape(_ printed: String, _ number: String) -> Bool {
        let printed = printed.uppercased().map { $0 == "$" ? "S" : $0 }.filter {
            $0.isASCII && ($0.isLetter || $0.isNumber)
        }
        guard printed.count == number.count else { return false }
        return zip(printed, number).allSatisfy { a, b in
            a.isNumber == b.isNumber || confusions[a] != nil || confusions[b] != nil
        }
    }

    // MARK: Names

    private func compareName(_ name: String?, truncated: Bool, page: PrintedPage, captioned: [[PrintedWord]])
        -> FieldComparison
    {
        guard let name, !name.isEmpty else { return .unread }
        let wanted = PrintedTextKey.key(name)
        guard wanted.count >= 2 else { return .unread }
        func agrees(_ key: String) -> Bool { key == wanted || (truncated && key.hasPrefix(wanted)) }
        for line in page.lines {
            for run in Self.runs(of: line.words, upTo: 4) where agrees(Self.nameKey(Self.joined(run))) {
                return agreeing(run)
            }
        }
        for value in captioned {
            // A name is a few words of letters (and hyphens, apostrophes), none of them a caption word.
            let letters = value.filter { $0.text.contains(where: \.isLetter) }
            guard letters.count <= 4, letters.allSatisfy({ Self.isNameWord($0.text) }) else { continue }
            let key = Self.nameKey(Self.joined(letters))
            guard key.count >= 2 else { continue }
            if agrees(key) { return agreeing(letters) }
            if isOtherName(
                key, of: name, truncated: truncated, confidence: Self.meanConfidence(letters),
                isCapitals: Self.isCapitals(letters))
            {
                return differing(letters)
            }
        }
        return .unread
    }

    /// The name printed on the nearest line above (or below) `box` that starts where it starts, in letters of
    /// about its size (captions in smaller print between them are passed over), held against `name`: differs when
    /// it is confidently another name (two letters or more apart), else nil. `truncated`: the MRZ may hold the name
    /// cut short.
    private func compareNeighbour(
        _ name: String, truncated: Bool, of box: PrintedBox, above: Bool, page: PrintedPage
    ) -> FieldComparison? {
        let height = Double(box.height)
        let lines = above ? page.lines.reversed() : page.lines
        for line in lines {
            guard let lineBox = line.box, above ? lineBox.bottom <= box.y : lineBox.y >= box.bottom else { continue }
            if abs(Double(above ? box.y - lineBox.bottom : lineBox.y - box.bottom)) > 4 * height { return nil }
            let words = line.words.filter { abs(Double($0.box.x - box.x)) <= 1.5 * height || $0.box.x > box.x }
            guard let first = words.first, abs(Double(first.box.x - box.x)) <= 1.5 * height else { continue }
            let sized = words.allSatisfy { abs(Double($0.box.height) - height) <= 0.3 * height }
            guard sized else { continue }
            guard words.count <= 4, words.allSatisfy({ Self.isNameWord($0.text) }) else { return nil }
            let key = Self.nameKey(Self.joined(words))
            guard key.count >= 2,
                isOtherName(
                    key, of: name, truncated: truncated, confidence: Self.meanConfidence(words),
                    isCapitals: Self.isCapitals(words))
            else { return nil }
            return differing(words)
        }
        return nil
    }

    /// Whether the name read as `key` is another name than `name`, not a misreading of it: read confidently and
    /// two letters or more apart (one letter apart is the engine's slip as often as a forger's), or, read less
    /// surely (national letters the model lacks), in capitals as names are printed (small letters read in a pattern
    /// or a photo are noise), sharing next to nothing with it. A part of the name (one given name of two, a line of a
    /// name printed on two, its first letters alone) is no other name. When the MRZ may hold the name cut short (`truncated`), a longer
    /// printed name is held against it only as far as the MRZ goes.
    func isOtherName(_ key: String, of name: String, truncated: Bool = false, confidence: Double, isCapitals: Bool)
        -> Bool
    {
        // Two letters are no name to go by (`UL` read in a stamp's edge).
        guard key.count >= 3, !Self.isPart(key, of: name) else { return false }
        let wanted = PrintedTextKey.key(name)
        // The name's beginning alone (`NILAVADHAN` for NILAVADHANANANDA, `PIE` for PIERRE) is the rest of it lost to
        // glare, blur or the page's edge, not another name.
        guard !wanted.hasPrefix(key) else { return false }
        // Cut where the MRZ's name ends, a letter either side (a letter read too many or too few before the cut);
        // the closest of the three counts.
        let distance =
            truncated && key.count > wanted.count
            ? ((wanted.count - 1)...(wanted.count + 1)).map { EditDistance.between(String(key.prefix($0)), wanted) }
                .min()!
            : EditDistance.between(key, wanted)
        if confidence >= confidentWord { return distance >= 2 }
        return confidence >= 0.35 && isCapitals
            && distance >= max(3, Int((0.6 * Double(max(key.count, wanted.count))).rounded(.up)))
    }

    /// Whether `key` is one or more whole words of `name` in a row, in key spelling.
    static func isPart(_ key: String, of name: String) -> Bool {
        let words = name.split(separator: " ").map { PrintedTextKey.key(String($0)) }
        return words.indices.contains { start in
            words[start...].indices.contains { end in words[start...end].joined() == key }
        }
    }

    /// Whether every letter of `words` is a capital.
    static func isCapitals(_ words: [PrintedWord]) -> Bool {
        words.allSatisfy { $0.text.allSatisfy { !$0.isLetter || $0.isUppercase } }
    }

    /// Letters with the hyphens, apostrophes and commas names are printed with (and `@` and `0`, which engines
    /// read for Ø and O), and no caption word.
    static func isNameWord(_ text: String) -> Bool {
        text.contains(where: \.isLetter) && text.allSatisfy { $0.isLetter || "-'’,@0".contains($0) }
            && !FieldLabel.isCaptionWord(text)
    }

    /// A printed name in key spelling, `@` and `0` taken for the Ø and O an engine reads them for.
    static func nameKey(_ text: String) -> String {
        PrintedTextKey.key(String(text.map { $0 == "@" ? "Ø" : $0 == "0" ? "O" : $0 }))
    }

    // MARK: Dates

    private func compareBirth(_ document: MRZDocument, dates: [DatedLine], captioned: [[PrintedWord]])
        -> FieldComparison
    {
        guard let birth = document.birthDate else { return .unread }
        if let found = dates.first(where: { $0.date.matches(birth) }) { return agreeing(found) }
        if let differs = captionedDate(captioned, other: birth) { return differs }
        guard let expiry = document.expiryDate,
            let latestIssue = MRZDate(
                year: expiry.year - issueWindowYears, month: expiry.month, day: min(expiry.day, 28)),
            let fiveYearsBefore = MRZDate(year: expiry.year - 5, month: expiry.month, day: min(expiry.day, 28))
        else { return .unread }
        let isVisa = document.format == .mrvA || document.format == .mrvB
        // Layout-free: a confidently printed date that is no issue date and not the MRZ's birth date. A date long
        // before the expiry cannot be an issue date; on a passport or card (a visa's valid-from date can be any
        // day) neither can one years before it that is not on the expiry's day and month.
        // A date on the expiry's own line is the start of the validity (`17.10.03-09.05.2013`), whatever its day; a
        // date on the day of a later date of the page is an issue date by that one (the page's own expiry).
        let validityLines = Set(dates.filter { $0.date.matches(expiry) }.map(\.line))
        let later = dates.compactMap { $0.date.date(near: expiry, yearsAfter: 10) }
        for dated in dates
        where dated.confidence >= confidentDate && !maySlip(dated.date, from: birth, digitsSure: dated.sureDigits) {
            // A two-digit year is taken in the latest century it can be (`21` is 2021, an issue date, not 1921).
            guard !dated.date.matches(expiry), let date = dated.date.date(near: expiry, yearsAfter: 10),
                date.year >= 1900
            else { continue }
            let noIssueDate =
                !isVisa && !validityLines.contains(dated.line) && date < fiveYearsBefore
                && !([expiry] + later.filter { $0 > date }).contains { Self.isIssueDay(date, expiry: $0) }
            if date < latestIssue || noIssueDate { return differing(dated) }
        }
        return .unread
    }

    /// Whether `date` falls on the expiry's day and month, or a day beside it: where issue dates fall (a document
    /// valid ten years from its issue, or ten years less a day).
    static func isIssueDay(_ date: MRZDate, expiry: MRZDate) -> Bool {
        guard let sameDay = MRZDate(year: date.year, month: expiry.month, day: min(expiry.day, 28)) else {
            return false
        }
        let days = abs(Self.dayNumber(date) - Self.dayNumber(sameDay))
        return days <= 1 || (expiry.day > 28 && date.month == expiry.month && date.day >= 27)
    }

    private static func dayNumber(_ date: MRZDate) -> Int {
        // Days since a fixed origin, enough to tell neighbouring days apart across a month's end.
        let months = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        return date.year * 366 + months[date.month - 1] + date.day
    }

    private func compareExpiry(_ document: MRZDocument, dates: [DatedLine], captioned: [[PrintedWord]])
        -> FieldComparison
    {
        guard let expiry = document.expiryDate else { return .unread }
        if let found = dates.first(where: { $0.date.matches(expiry) }) { return agreeing(found) }
        if let differs = captionedDate(captioned, other: expiry) { return differs }
        // Layout-free: the page's latest date, confidently read, after the MRZ's expiry: a validity extended on the
        // page (an issue date lies before the expiry, for a short visa months before it).
        let resolved = dates.compactMap { dated in
            document.birthDate.map(dated.date.matches) == true
                ? nil : dated.date.date(near: expiry, yearsAfter: 10).map { (dated, $0) }
        }
        guard let (latest, date) = resolved.max(by: { $0.1 < $1.1 }), latest.confidence >= confidentDate,
            !maySlip(latest.date, from: expiry, digitsSure: latest.sureDigits), date > expiry
        else { return .unread }
        return differing(latest)
    }

    /// `differs` when a caption's value holds a confidently read date that is not `date` (nor, unless its digits
    /// were read surely, one confused digit off it; on coarse print, nor any one digit off it).
    private func captionedDate(_ captioned: [[PrintedWord]], other date: MRZDate) -> FieldComparison? {
        for value in captioned where Self.meanConfidence(value) >= confidentWord {
            let sure = digitsSure(value)
            for printed in PrintedDateFinder.dates(in: value.map(\.text).joined(separator: " "))
            where !printed.matches(date) && !maySlip(printed, from: date, digitsSure: sure) {
                return differing(value)
            }
        }
        return nil
    }

    // MARK: Sex

    /// Letters that documents print for each sex (`F`, `M`, `X`, and `K` beside `F` on Polish and Turkish pages).
    /// Letters the engine makes of these (`E` for `F`) are left out, so a misread is never taken for the other sex.
    static let sexLetters: [String: String] = ["F": "F", "K": "F", "M": "M", "X": "X"]

    private func compareSex(_ sex: String?, captioned: [[PrintedWord]]) -> FieldComparison {
        guard let sex else { return .unread }
        for value in captioned {
            let letters = value.flatMap { word in
                PrintedTextKey.mrzSpelling(word.text).map(String.init)
            }
            // A value of sex letters only (`F`, `K/F`); anything else is not the sex field.
            guard !letters.isEmpty, letters.count <= 3, letters.allSatisfy({ Self.sexLetters[$0] != nil }) else {
                continue
            }
            let sexes = Set(letters.compactMap { Self.sexLetters[$0] })
            if sexes.contains(sex) { return agreeing(value) }
            if sexes.count == 1, Self.meanConfidence(value) >= confidentWord { return differing(value) }
        }
        return .unread
    }

    // MARK: Helpers

    private func agreeing(_ words: some Collection<PrintedWord>) -> FieldComparison {
        FieldComparison(verdict: .agrees, printed: words.map(\.text).joined(separator: " "), box: Self.box(words))
    }

    private func agreeing(_ dated: DatedLine) -> FieldComparison {
        FieldComparison(verdict: .agrees, printed: dated.printed, box: dated.box)
    }

    private func differing(_ words: [PrintedWord]) -> FieldComparison {
        FieldComparison(verdict: .differs, printed: words.map(\.text).joined(separator: " "), box: Self.box(words))
    }

    private func differing(_ dated: DatedLine) -> FieldComparison {
        FieldComparison(verdict: .differs, printed: dated.printed, box: dated.box)
    }

    private static func box(_ words: some Collection<PrintedWord>) -> PrintedBox? {
        words.dropFirst().reduce(words.first?.box) { $0?.union($1.box) }
    }

    private static func joined(_ words: some Collection<PrintedWord>) -> String {
        words.map(\.text).joined()
    }

    static func meanConfidence(_ words: [PrintedWord]) -> Double {
        words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }

    /// Every run of 1…`limit` consecutive words.
    private static func runs(of words: [PrintedWord], upTo limit: Int) -> [ArraySlice<PrintedWord>] {
        var result: [ArraySlice<PrintedWord>] = []
        for start in words.indices {
            for end in start..<min(words.count, start + limit) { result.append(words[start...end]) }
        }
        return result
    }
}
