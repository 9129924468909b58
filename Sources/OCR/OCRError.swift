/// Operational failures of the OCR target; each description tells a person what to do.
public enum OCRError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file is empty, truncated, corrupt or not an image format docguard reads.
    case badImage(String)
    /// The image header declares more pixels than the budget allows; refused before decoding.
    case tooLarge(width: Int, height: Int, budget: Int)
    /// An image could not be encoded (PNG/JPEG writing failed).
    case encodeFailed(String)
    /// No `NAME.traineddata` in any model folder searched.
    case modelNotFound(name: String, searched: [String])
    /// Tesseract refused to initialise with the model.
    case engineInitFailed(name: String)
    /// Tesseract refused a variable docguard sets up every engine with (a Tesseract version that lacks it).
    case engineSettingRefused(name: String, value: String)

    public var description: String {
        switch self {
        case .badImage(let why):
            return "not a readable image: \(why)"
        case .tooLarge(let width, let height, let budget):
            return "image is \(width)x\(height) pixels, over the budget of \(budget) pixels; refused before decoding"
        case .encodeFailed(let why):
            return "could not encode image: \(why)"
        case .modelNotFound(let name, let searched):
            return
                "OCR model '\(name)' not found (looked for \(name).traineddata in \(searched.joined(separator: ", ")))"
        case .engineInitFailed(let name):
            return "Tesseract could not load the model '\(name)'; is the .traineddata file complete?"
        case .engineSettingRefused(let name, let value):
            return "Tesseract refused the setting \(name)=\(value) that docguard needs; install Tesseract 5 "
                + "(libtesseract5), which has it"
        }
    }
}
