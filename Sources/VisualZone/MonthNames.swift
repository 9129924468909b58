/// Month names and their abbreviations as documents print them, in English, French, German, Spanish, Italian,
/// Portuguese, Dutch, Polish, Swedish and Turkish, compared in `PrintedTextKey.key` spelling (no diacritics).
enum MonthNames {
    /// Full names by month: a word of three letters or more that begins one of them is that month.
    static let fullNames: [[String]] = [
        ["JANUARY", "JANVIER", "JANUAR", "ENERO", "GENNAIO", "JANEIRO", "JANUARI", "STYCZEN", "OCAK"],
        ["FEBRUARY", "FÉVRIER", "FEBRUAR", "FEBRERO", "FEBBRAIO", "FEVEREIRO", "FEBRUARI", "LUTY", "ŞUBAT"],
        ["MARCH", "MARS", "MÄRZ", "MARZO", "MARÇO", "MAART", "MARZEC", "MART"],
        ["APRIL", "AVRIL", "ABRIL", "APRILE", "KWIECIEŃ", "NISAN"],
        ["MAY", "MAI", "MAYO", "MAGGIO", "MAIO", "MEI", "MAJ", "MAYIS"],
        ["JUNE", "JUIN", "JUNI", "JUNIO", "GIUGNO", "JUNHO", "CZERWIEC", "HAZIRAN"],
        ["JULY", "JUILLET", "JULI", "JULIO", "LUGLIO", "JULHO", "LIPIEC", "TEMMUZ"],
        ["AUGUST", "AOÛT", "AGOSTO", "AUGUSTUS", "AUGUSTI", "SIERPIEŃ", "AĞUSTOS"],
        ["SEPTEMBER", "SEPTEMBRE", "SEPTIEMBRE", "SETIEMBRE", "SETTEMBRE", "SETEMBRO", "WRZESIEŃ", "EYLÜL"],
        ["OCTOBER", "OCTOBRE", "OKTOBER", "OCTUBRE", "OTTOBRE", "OUTUBRO", "PAŹDZIERNIK", "EKIM"],
        ["NOVEMBER", "NOVEMBRE", "NOVIEMBRE", "NOVEMBRO", "LISTOPAD", "KASIM"],
        ["DECEMBER", "DÉCEMBRE", "DEZEMBER", "DICIEMBRE", "DICEMBRE", "DEZEMBRO", "GRUDZIEŃ", "ARALIK"],
    ]

    /// Abbreviations that do not begin their month's full name.
    static let abbreviations: [String: Int] = ["MRZ": 3, "MRT": 3, "OUT": 10]

    /// Full names in key spelling, by month.
    private static let keyedNames: [(name: String, month: Int)] = fullNames.enumerated().flatMap { index, names in
        names.map { (PrintedTextKey.key($0), index + 1) }
    }

    /// The month `word` (in key spelling) names, or nil. Two names of one month run together name it too: the
    /// separator between two languages lost (`JULJUIL`) or read as a letter (`APRJAPR`, `JUILIJUL`).
    static func month(_ word: String) -> Int? {
        if let month = single(word) { return month }
        guard word.count >= 6 else { return nil }
        for split in 3...(word.count - 3) {
            let cut = word.index(word.startIndex, offsetBy: split)
            guard let first = single(String(word[..<cut])) else { continue }
            let rest = word[cut...]
            if first == single(String(rest)) { return first }
            if let separator = rest.first, separatorLookalikes.contains(separator), rest.count >= 4,
                first == single(String(rest.dropFirst()))
            {
                return first
            }
        }
        return nil
    }

    /// Letters an engine reads for the `/` between two languages' names of a month.
    private static let separatorLookalikes: Set<Character> = ["I", "J", "L", "T"]

    private static func single(_ word: String) -> Int? {
        if let month = abbreviations[word] { return month }
        guard word.count >= 3 else { return nil }
        let months = Set(keyedNames.filter { $0.name.hasPrefix(word) }.map(\.month))
        return months.count == 1 ? months.first : nil
    }
}
