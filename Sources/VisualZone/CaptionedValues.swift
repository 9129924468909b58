/// The values the page prints under or after its captions (`SURNAME / NOM` over `ERIKSSON`), found from the words'
/// places alone: a caption's column runs from its first word to the next caption on its line, and its value is
/// what the line below (or the caption's own line, after it) prints in that column.
struct CaptionedValues {
    /// Value words by the label of their caption, in page order; a label captioned twice has two values.
    private(set) var values: [FieldLabel: [[PrintedWord]]] = [:]

    /// The values on `page`.
    init(_ page: PrintedPage) {
        // Marks with no letter or digit (`|` at a card's edge, `'` from a speck) are no value; a line of them alone
        // would stand between a caption and its value line.
        let lines = page.lines.map { line in
            PrintedLine(words: line.words.filter { $0.text.contains { $0.isLetter || $0.isNumber } })
        }.filter { !$0.words.isEmpty }
        for (index, line) in lines.enumerated() {
            let captions = Self.captions(on: line)
            guard !captions.isEmpty else { continue }
            for caption in captions where !caption.sameLineValue.isEmpty {
                values[caption.label, default: []].append(caption.sameLineValue)
            }
            guard index + 1 < lines.count, let below = Self.valueLine(after: line, next: lines[index + 1]) else {
                continue
            }
            for (number, caption) in captions.enumerated() {
                let height = Double(caption.box.height)
                let start = Double(caption.box.x) - 1.5 * height
                let end = number + 1 < captions.count ? Double(captions[number + 1].box.x) - height / 2 : .infinity
                let words = below.words.filter { word in
                    let left = Double(word.box.x)
                    return left >= start && left < end
                }
                // The value is the first phrase in the column: a phrase further along is another column's, whose
                // caption was not read (`Sex/Sexe` over `F/F`, a mark far to the right of it on the same line).
                if let value = Self.phrases(of: PrintedLine(words: words)).first {
                    values[caption.label, default: []].append(value)
                }
            }
        }
    }

    /// The value words captioned `label`, each value in page order.
    subscript(label: FieldLabel) -> [[PrintedWord]] { values[label] ?? [] }

    /// A caption on a line: its label, its box, and words after it on the same line that are not captions.
    struct Caption {
        var label: FieldLabel
        var box: PrintedBox
        var sameLineValue: [PrintedWord]
    }

    /// The captions on `line`, left to right. Words are grouped into phrases at gaps wider than two character heights;
    /// a phrase with a caption word is a caption, and the words after its last caption word are its value.
    static func captions(on line: PrintedLine) -> [Caption] {
        var result: [Caption] = []
        for phrase in phrases(of: line) {
            let texts = phrase.map(\.text)
            guard let label = FieldLabel.label(of: texts),
                let lastCaptionWord = texts.lastIndex(where: FieldLabel.isCaptionWord)
            else { continue }
            let captionWords = phrase[...lastCaptionWord]
            let box = captionWords.dropFirst().reduce(captionWords.first!.box) { $0.union($1.box) }
            // A value beside its caption is printed larger than the caption (`Surname ERIKSSON`); a small word
            // there is the rest of the caption misread (`SURNAME / NOR`).
            let after = phrase[(lastCaptionWord + 1)...]
            let value = after.allSatisfy { Double($0.box.height) >= 1.25 * Double(box.height) } ? Array(after) : []
            result.append(Caption(label: label, box: box, sameLineValue: value))
        }
        return result
    }

    /// Words split where the gap between two is wider than twice the taller one's height (captions are often
    /// printed letter-spaced; columns lie far wider apart).
    private static func phrases(of line: PrintedLine) -> [[PrintedWord]] {
        var phrases: [[PrintedWord]] = []
        for word in line.words {
            if let last = phrases.last?.last,
                word.box.x - last.box.right <= 2 * max(word.box.height, last.box.height)
            {
                phrases[phrases.count - 1].append(word)
            } else {
                phrases.append([word])
            }
        }
        return phrases
    }

    /// `next` when it is the value line of the caption line `line`: close below it and not itself captions.
    private static func valueLine(after line: PrintedLine, next: PrintedLine) -> PrintedLine? {
        guard let box = line.box, let nextBox = next.box else { return nil }
        let gap = nextBox.y - box.bottom
        guard gap <= 2 * max(box.height, nextBox.height) else { return nil }
        let captionWords = next.words.filter { FieldLabel.isCaptionWord($0.text) }.count
        return captionWords * 2 >= next.words.count ? nil : next
    }
}
