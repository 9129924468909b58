import MRZ

/// A date as printed on the page, in whichever form: `12 AUG 1974`, `12 AUG/AOÛT 74`, `12.08.1974`, `12/08/1974`,
/// `1974-08-12`, month names in English, French, German, Spanish, Italian, Portuguese, Dutch, Polish, Swedish or
/// Turkish. A numeric date whose day and month could be either way round (`05/08/1974`) keeps both readings.
public struct PrintedDate: Sendable, Hashable {
    /// Day and month, in every order the print allows: one reading, or two for an all-number date.
    public var dayMonths: [DayMonth]
    /// The year as printed.
    public var year: Int
    /// True when the year was printed with two digits (`74`): it then matches any century.
    public var twoDigitYear: Bool
    /// The text it was read from.
    public var text: String
    /// True when day and month were read as one number (`1809 1952`): the engine struggled there, so any digit of
    /// it may be misread, not only the pairs it commonly confuses.
    public var runTogether = false

    /// A day and month.
    public struct DayMonth: Sendable, Hashable {
        /// 1…31.
        public var day: Int
        /// 1…12.
        public var month: Int
    }

    /// Whether this print can stand for the MRZ's `date`. The MRZ writes two-digit years (ICAO 9303-3 §4.8), whose
    /// century is the parser's guess (an expiry in 1998 reads as 2098), so the century is not compared.
    public func matches(_ date: MRZDate) -> Bool {
        year % 100 == date.year % 100 && dayMonths.contains(DayMonth(day: date.day, month: date.month))
    }

    /// The date it most likely is (first reading; a two-digit year in the hundred years that end `yearsAfter`
    /// years after `reference`), or nil when not a real date.
    public func date(near reference: MRZDate, yearsAfter: Int) -> MRZDate? {
        guard let first = dayMonths.first else { return nil }
        var fullYear = year
        if twoDigitYear {
            let last = reference.year + yearsAfter
            fullYear = last - ((last - year) % 100 + 100) % 100
        }
        return MRZDate(year: fullYear, month: first.month, day: first.day)
    }

    /// Whether this print and `date` differ in one digit only, and there by a confusion the engine makes (`1`/`7`,
    /// `3`/`8`, `5`/`6`, `0`/`8`…), or by any digit when `anyDigit` (print too coarse to tell digits apart): a slip
    /// of the reading, not another date.
    public func isOneDigitSlip(from date: MRZDate, anyDigit: Bool = false) -> Bool {
        guard let reading = dayMonths.first else { return false }
        let printed = digits(day: reading.day, month: reading.month, year: year, twoDigit: twoDigitYear)
        let expected = digits(
            day: date.day, month: date.month, year: twoDigitYear ? date.year % 100 : date.year,
            twoDigit: twoDigitYear)
        guard printed.count == expected.count else { return false }
        let changed = zip(printed, expected).filter { $0 != $1 }
        return changed.count == 1
            && (anyDigit || runTogether || Self.confusedDigits.contains(Set([changed[0].0, changed[0].1])))
    }

    /// Pairs of digits engines read for one another in printed text.
    static let confusedDigits: Set<Set<Character>> = [
        ["1", "7"], ["3", "8"], ["5", "6"], ["6", "8"], ["0", "8"], ["8", "9"], ["0", "6"], ["0", "9"],
    ]

    private func digits(day: Int, month: Int, year: Int, twoDigit: Bool) -> [Character] {
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return Array(padded(day, 2) + padded(month, 2) + padded(year, twoDigit ? 2 : 4))
    }
}

/// Finds the dates printed in a line of text.
public enum PrintedDateFinder {
    /// Every date in `text`, left to right.
    public static func dates(in text: String) -> [PrintedDate] {
        dates(inWords: [text]).map(\.date)
    }

    /// Every date in the words of a line, left to right, with the words it was read from (indices into `words`).
    public static func dates(inWords words: [String]) -> [(date: PrintedDate, words: ClosedRange<Int>)] {
        var tokens: [Token] = []
        var owners: [Int] = []
        for (index, word) in words.enumerated() {
            let wordTokens = tokenize(word)
            tokens += wordTokens
            owners += Array(repeating: index, count: wordTokens.count)
        }
        var found: [(date: PrintedDate, words: ClosedRange<Int>)] = []
        var index = 0
        while index < tokens.count {
            if let (date, used) = date(at: index, in: tokens) {
                found.append((date, owners[index]...owners[index + used - 1]))
                index += used
            } else {
                index += 1
            }
        }
        return found
    }

    /// A word or a number of the line.
    enum Token: Equatable {
        case number(value: Int, digits: Int, text: String)
        case word(String)
    }

    /// Numbers and words; everything else separates them. A short run mixing digits with letters the engine reads
    /// for digits (`2O34`, `l974`) is taken as the number. A word with a mark between two digits that no date is
    /// written with (`20%6`: a glyph the engine could not read) gives no number: its pieces are no day or year.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        for word in text.uppercased().split(whereSeparator: \.isWhitespace) where !hasForeignMarkInNumber(word) {
            tokens += tokenize(word: word)
        }
        return tokens
    }

    /// The tokens of one whitespace-free word.
    private static func tokenize(word: Substring) -> [Token] {
        var tokens: [Token] = []
        for chunk in word.split(whereSeparator: { !($0.isLetter || ($0.isASCII && $0.isNumber)) }) {
            for run in numberRuns(Array(chunk)) {
                let text = String(run)
                let digits = String(run.map { digitLookalikes[$0] ?? $0 })
                if run.contains(where: \.isNumber), let value = Int(digits), digits.allSatisfy(\.isASCII) {
                    tokens.append(.number(value: value, digits: digits.count, text: text))
                } else if run.allSatisfy(\.isLetter) {
                    tokens.append(.word(PrintedTextKey.key(text)))
                }
            }
        }
        return tokens
    }

    /// Marks dates are written with between their numbers: `12.08.1974`, `12/08/74`, `1974-08-12`, `12·08·1974`.
    static let dateSeparators: Set<Character> = [".", "/", "-", ",", "·", "'", "’", ":"]

    /// Whether `word` has a mark that is no date separator between two digits (`20%6`).
    private static func hasForeignMarkInNumber(_ word: Substring) -> Bool {
        var sawDigit = false
        var marks = false
        for character in word {
            if character.isASCII && character.isNumber {
                if sawDigit && marks { return true }
                sawDigit = true
                marks = false
            } else if character.isLetter || dateSeparators.contains(character) {
                sawDigit = false
                marks = false
            } else if sawDigit {
                marks = true
            }
        }
        return false
    }

    /// `chunk` cut where letters meet digits (`23DEC2004`: 23, DEC, 2004), except that a run of digit look-alikes
    /// in a number of four characters at most stays in it (`2O34`, `l974`).
    private static func numberRuns(_ chunk: [Character]) -> [ArraySlice<Character>] {
        var runs: [ArraySlice<Character>] = []
        var start = 0
        for index in 1..<max(1, chunk.count) where chunk[index].isNumber != chunk[index - 1].isNumber {
            runs.append(chunk[start..<index])
            start = index
        }
        runs.append(chunk[start..<chunk.count])
        // Join look-alike letters to the digits beside them when the whole is short enough to be a year or a day.
        var joined: [ArraySlice<Character>] = []
        for run in runs {
            if let last = joined.last, last.count + run.count <= 4,
                (last.allSatisfy(\.isNumber) && run.allSatisfy { digitLookalikes[$0] != nil || $0.isNumber })
                    || (run.allSatisfy(\.isNumber) && last.allSatisfy { digitLookalikes[$0] != nil || $0.isNumber })
            {
                joined[joined.count - 1] = chunk[last.startIndex..<run.endIndex]
            } else {
                joined.append(run)
            }
        }
        return joined
    }

    /// Letters an engine reads for digits in printed dates.
    static let digitLookalikes: [Character: Character] = ["O": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8"]

    /// A date starting at `index`: the date and the tokens it used.
    private static func date(at index: Int, in tokens: [Token]) -> (PrintedDate, Int)? {
        func number(_ offset: Int) -> (value: Int, digits: Int, text: String)? {
            guard index + offset < tokens.count, case .number(let value, let digits, let text) = tokens[index + offset]
            else { return nil }
            return (value, digits, text)
        }
        func month(_ offset: Int) -> Int? {
            guard index + offset < tokens.count, case .word(let word) = tokens[index + offset] else { return nil }
            return MonthNames.month(word)
        }
        func isWord(_ offset: Int) -> Bool {
            guard index + offset < tokens.count, case .word = tokens[index + offset] else { return false }
            return true
        }
        func year(_ token: (value: Int, digits: Int, text: String)?) -> (Int, Bool)? {
            guard let token else { return nil }
            if token.digits == 4, (1900...2099).contains(token.value) { return (token.value, false) }
            if token.digits == 2 { return (token.value, true) }
            return nil
        }
        func make(_ dayMonths: [PrintedDate.DayMonth], _ year: (Int, Bool), used: Int) -> (PrintedDate, Int)? {
            let real = dayMonths.filter { (1...12).contains($0.month) && (1...31).contains($0.day) }
            guard !real.isEmpty else { return nil }
            let text = tokens[index..<index + used].map { token -> String in
                switch token {
                case .number(_, _, let text): return text
                case .word(let word): return word
                }
            }.joined(separator: " ")
            return (PrintedDate(dayMonths: real, year: year.0, twoDigitYear: year.1, text: text), used)
        }
        // Day, month name (a second language's name after it, or a word the engine garbled there), year:
        // 12 AUG 1974, 12 AUG AOUT 74, 14 JUIN JJUN 1964.
        if let day = number(0), day.digits <= 2, let monthNumber = month(1) {
            let used = year(number(2)) != nil ? 2 : 3
            if let year = year(number(used)), used == 2 || month(2) == monthNumber || isWord(2) {
                return make([.init(day: day.value, month: monthNumber)], year, used: used + 1)
            }
        }
        // Month name, day, year: AUG 12 1974.
        if let monthNumber = month(0), let day = number(1), day.digits <= 2, let year = year(number(2)) {
            return make([.init(day: day.value, month: monthNumber)], year, used: 3)
        }
        // Year first: 1974 08 12.
        if let first = number(0), first.digits == 4, let year = year(first), let monthPart = number(1),
            monthPart.digits <= 2, let day = number(2), day.digits <= 2
        {
            return make([.init(day: day.value, month: monthPart.value)], year, used: 3)
        }
        // Day and month run together before a four-digit year (`18 09 1952` read as `1809 1952`).
        if let first = number(0), first.digits == 4, first.value >= 101, let last = number(1), last.digits == 4,
            let year = year(last), number(2) == nil
        {
            return make([.init(day: first.value / 100, month: first.value % 100)], year, used: 2).map { date, used in
                var date = date
                date.runTogether = true
                return (date, used)
            }
        }
        // All numbers, day first (or month first where that is a date too): 12.08.1974, 08/12/1974, 12 08 74.
        if let first = number(0), first.digits <= 2, let second = number(1), second.digits <= 2,
            let year = year(number(2))
        {
            var readings = [PrintedDate.DayMonth(day: first.value, month: second.value)]
            if first.value != second.value { readings.append(.init(day: second.value, month: first.value)) }
            return make(readings, year, used: 3)
        }
        return nil
    }
}
