import CTesseract
import Foundation
import Plumbing
import VisualZone

/// A Tesseract handle for ordinary printed text (the data page's captions and values, not the MRZ): a language
/// model such as `eng`, the region read as one block of lines, words with their boxes and confidences. Owns its C handle; one per
/// worker, never shared.
public final class PageTextEngine {
    private let handle: OpaquePointer
    /// The model this engine runs.
    public let model: OCRModel

    /// Settings for printed page text: no inverted second pass (the view is dark on light), the resolution the
    /// view is scaled to.
    static let settings: [(name: String, value: String)] = [
        ("tessedit_do_invert", "0"),
        ("user_defined_dpi", "300"),
    ]

    /// Loads `model`; throws when Tesseract cannot initialise with it or refuses a setting.
    public init(model: OCRModel) throws {
        guard let handle = TessBaseAPICreate() else { throw OCRError.engineInitFailed(name: model.name) }
        self.handle = handle
        self.model = model
        try TesseractEngine.initialise(handle, model: model) {
            // One block of lines: sparse-text mode joins a small caption and the value under it into one tall word,
            // and automatic layout drops the first digit of dates beside the portrait (`23 FEB` read `3 FEB`).
            // Lines are made from the words' places afterwards.
            TessBaseAPISetPageSegMode(handle, PSM_SINGLE_BLOCK)
            for setting in Self.settings {
                guard TessBaseAPISetVariable(handle, setting.name, setting.value) != 0 else {
                    throw OCRError.engineSettingRefused(name: setting.name, value: setting.value)
                }
            }
        }
    }

    deinit { TesseractEngine.release(handle) }

    /// Reads the words on `image`, grouped into lines top to bottom.
    public func read(_ image: GrayImage) -> PrintedPage {
        PrintedLines.group(TesseractEngine.recognize(image, with: handle, level: RIL_WORD, item: word(at:)))
    }

    private func word(at iterator: OpaquePointer) -> PrintedWord? {
        guard let text = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { return nil }
        defer { TessDeleteText(text) }
        let string = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !string.isEmpty else { return nil }
        var left: Int32 = 0
        var top: Int32 = 0
        var right: Int32 = 0
        var bottom: Int32 = 0
        guard
            TessPageIteratorBoundingBox(
                TessResultIteratorGetPageIteratorConst(iterator), RIL_WORD, &left, &top, &right, &bottom) != 0
        else { return nil }
        let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD)) / 100
        return PrintedWord(
            text: string, confidence: max(0, min(1, confidence)),
            box: PrintedBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top)),
            // Only numbers use them (`VisualZoneComparer`): walking a word's symbols costs time on every page.
            characterConfidences: string.contains(where: \.isNumber) ? symbolConfidences(at: iterator) : [])
    }

    /// The confidence of each symbol of the word at `iterator`, in order, walked on a copy of it.
    private func symbolConfidences(at iterator: OpaquePointer) -> [Double] {
        guard let symbols = TessResultIteratorCopy(iterator) else { return [] }
        defer { TessResultIteratorDelete(symbols) }
        var confidences: [Double] = []
        repeat {
            let confidence = Double(TessResultIteratorConfidence(symbols, RIL_SYMBOL)) / 100
            confidences.append(max(0, min(1, confidence)))
            let page = TessResultIteratorGetPageIteratorConst(symbols)
            if TessPageIteratorIsAtFinalElement(page, RIL_WORD, RIL_SYMBOL) != 0 { break }
        } while TessResultIteratorNext(symbols, RIL_SYMBOL) != 0
        return confidences
    }
}

/// Words grouped into text lines by their places: a word joins the line whose vertical middle band it sits in.
enum PrintedLines {
    /// `words` as lines, top to bottom, each left to right.
    static func group(_ words: [PrintedWord]) -> PrintedPage {
        var lines: [[PrintedWord]] = []
        for word in words.sorted(by: {
            ($0.box.y + $0.box.height / 2, $0.box.x) < ($1.box.y + $1.box.height / 2, $1.box.x)
        }) {
            let middle = word.box.y + word.box.height / 2
            if let index = lines.lastIndex(where: { line in
                let box = PrintedLine(words: line).box!
                return abs(box.y + box.height / 2 - middle) * 2 <= min(box.height, word.box.height)
            }) {
                lines[index].append(word)
            } else {
                lines.append([word])
            }
        }
        return PrintedPage(lines: lines.map { PrintedLine(words: $0.sorted { $0.box.x < $1.box.x }) })
    }
}
