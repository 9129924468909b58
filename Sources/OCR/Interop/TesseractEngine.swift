import CTesseract
import MRZ
import Plumbing

/// One Tesseract LSTM handle set up for MRZ lines: whitelist `A–Z0–9<`, single-line page mode, per-character
/// choices kept. Owns its C handle; never shared between tasks (one engine per worker, reused across scans).
public final class TesseractEngine: LineRecognizer {
    private let handle: OpaquePointer
    /// The model this engine runs.
    public let model: OCRModel
    /// Alternative choices below this confidence (Tesseract's 0–100 scale) are not passed on.
    public var minimumChoiceConfidence: Float = 1

    /// Tesseract variables every engine sets, in order.
    static let settings: [(name: String, value: String)] = [
        ("tessedit_char_whitelist", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"),
        // Mode 2: the LSTM's alternative symbols per timestep, exposed through the choice iterator.
        ("lstm_choice_mode", "2"),
        ("debug_file", "/dev/null"),
        // Lines are always cut out dark on light; skip Tesseract's second, inverted pass on weak lines.
        ("tessedit_do_invert", "0"),
        ("user_defined_dpi", "300"),
    ]

    /// Settings Tesseract keeps once per process, not per engine (`debug_file` is a global of its `tprintf`).
    static let processWideSettings: Set<String> = ["debug_file"]

    /// Whether the process-wide settings have been set. Engines are made and freed under this lock, one at a
    /// time: initialising reads and writes Tesseract's global parameters, and two engines made at once by two
    /// workers wrote the same global string at once (heap corruption, seen as a crash when a thread ended).
    /// A process-wide setting is written once, by the first engine, so no engine's read can meet a write.
    private static let lifecycle = Locked(false)

    /// Loads `model`; throws when Tesseract cannot initialise with it or refuses one of `settings` (an engine
    /// without its whitelist or choices would read quietly worse, so it is not made at all).
    init(model: OCRModel, settings: [(name: String, value: String)]) throws {
        guard let handle = TessBaseAPICreate() else { throw OCRError.engineInitFailed(name: model.name) }
        self.handle = handle
        self.model = model
        // From here on `deinit` frees the handle, also when this initialiser throws.
        try Self.initialise(handle, model: model) {
            // Single line: Tesseract crops the line to its ink before the LSTM, as the project's model was
            // trained (Models/README.md); raw-line mode would hand it the margins it never saw.
            TessBaseAPISetPageSegMode(handle, PSM_SINGLE_LINE)
            for setting in settings where !Self.processWideSettings.contains(setting.name) {
                guard TessBaseAPISetVariable(handle, setting.name, setting.value) != 0 else {
                    throw OCRError.engineSettingRefused(name: setting.name, value: setting.value)
                }
            }
        }
    }

    /// Loads `model` with the MRZ settings; throws when Tesseract cannot initialise with it or refuses a setting.
    public convenience init(model: OCRModel) throws {
        try self.init(model: model, settings: Self.settings)
    }

    deinit { Self.release(handle) }

    /// Initialises `handle` with `model` and runs `configure` on it, under the lifecycle lock; the first engine of
    /// the process also writes the process-wide settings. Every Tesseract handle docguard makes goes through here.
    static func initialise(_ handle: OpaquePointer, model: OCRModel, configure: () throws -> Void) throws {
        try lifecycle.withLock { processWideSet in
            let status = TessBaseAPIInit2(handle, model.directory, model.name, OEM_LSTM_ONLY)
            guard status == 0 else { throw OCRError.engineInitFailed(name: model.name) }
            if !processWideSet {
                for setting in settings where processWideSettings.contains(setting.name) {
                    guard TessBaseAPISetVariable(handle, setting.name, setting.value) != 0 else {
                        throw OCRError.engineSettingRefused(name: setting.name, value: setting.value)
                    }
                }
            }
            try configure()
            processWideSet = true
        }
    }

    /// Frees `handle` under the lifecycle lock.
    static func release(_ handle: OpaquePointer) {
        lifecycle.withLock { _ in
            TessBaseAPIEnd(handle)
            TessBaseAPIDelete(handle)
        }
    }

    /// Reads one line; characters outside the MRZ set are dropped.
    public func read(line image: GrayImage) -> LineReading {
        LineReading(characters: Self.recognize(image, with: handle, level: RIL_SYMBOL, item: symbol(at:)))
    }

    /// Sets `image` on `handle`, recognises it, and hands each result at `level` to `item`, keeping what it makes
    /// of it, in reading order; empty when the image is empty or recognition fails. The one way docguard's engines
    /// read an image.
    static func recognize<Item>(
        _ image: GrayImage, with handle: OpaquePointer, level: TessPageIteratorLevel,
        item: (OpaquePointer) -> Item?
    ) -> [Item] {
        guard image.width > 0, image.height > 0 else { return [] }
        image.pixels.withUnsafeBufferPointer { pixels in
            TessBaseAPISetImage(
                handle, pixels.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        defer { TessBaseAPIClear(handle) }
        guard TessBaseAPIRecognize(handle, nil) == 0, let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        var items: [Item] = []
        repeat {
            if let made = item(iterator) { items.append(made) }
        } while TessResultIteratorNext(iterator, level) != 0
        return items
    }

    private func symbol(at iterator: OpaquePointer) -> RecognizedCharacter? {
        guard let text = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { return nil }
        defer { TessDeleteText(text) }
        let byte = UInt8(bitPattern: text.pointee)
        guard MRZCharacter.isMRZ(byte) else { return nil }
        let confidence = Double(TessResultIteratorConfidence(iterator, RIL_SYMBOL)) / 100
        var left: Int32 = 0
        var top: Int32 = 0
        var right: Int32 = 0
        var bottom: Int32 = 0
        _ = TessPageIteratorBoundingBox(
            TessResultIteratorGetPageIteratorConst(iterator), RIL_SYMBOL,
            &left, &top, &right, &bottom)
        return RecognizedCharacter(
            byte: byte, confidence: max(0, min(1, confidence)), left: Int(left),
            right: Int(right), alternatives: choices(at: iterator, excluding: byte))
    }

    private func choices(at iterator: OpaquePointer, excluding byte: UInt8) -> [UInt8] {
        guard let choice = TessResultIteratorGetChoiceIterator(iterator) else { return [] }
        defer { TessChoiceIteratorDelete(choice) }
        var scored: [(byte: UInt8, confidence: Float)] = []
        repeat {
            guard let text = TessChoiceIteratorGetUTF8Text(choice) else { continue }
            let candidate = UInt8(bitPattern: text.pointee)
            // The LSTM lists near-zero also-rans at every position; only a real runner-up is evidence.
            let confidence = TessChoiceIteratorConfidence(choice)
            if candidate != byte, confidence >= minimumChoiceConfidence, MRZCharacter.isMRZ(candidate),
                !scored.contains(where: { $0.byte == candidate })
            {
                scored.append((candidate, confidence))
            }
        } while TessChoiceIteratorNext(choice) != 0
        return scored.sorted { $0.confidence > $1.confidence }.map(\.byte)
    }
}
