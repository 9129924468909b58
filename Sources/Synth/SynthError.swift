/// Operational failures of `docguard synth`; each description tells a person what to do.
public enum SynthError: Error, CustomStringConvertible, Sendable, Equatable {
    /// FreeType could not open or use the font file.
    case font(path: String, call: String, code: Int32)
    /// An output file or folder could not be written.
    case write(path: String, reason: String)
    /// The options ask for something impossible (no formats, a bad count or dpi).
    case badOptions(String)
    /// An image could not be encoded (libjpeg refused it or ran out of memory).
    case encode(format: String, reason: String)

    /// One line for the person at the terminal.
    public var description: String {
        switch self {
        case .font(let path, let call, let code):
            return "FreeType \(call) failed with error \(code) for \(path); is the font installed "
                + "(OCR-B: fonts-ocr-b; DejaVu Sans, for --tampered: fonts-dejavu-core)?"
        case .write(let path, let reason):
            return "could not write \(path): \(reason)"
        case .badOptions(let why):
            return "bad synth options: \(why)"
        case .encode(let format, let reason):
            return "could not encode a \(format): \(reason); is there enough memory for the image?"
        }
    }
}
