/// A class of scan damage, or a real-world kind of image, as named in ground truth (`ScanTruth.degradations`).
public enum Degradation: String, Sendable, CaseIterable, Hashable {
    /// Optical blur, radius scaled to the resolution.
    case blur
    /// Sensor noise.
    case noise
    /// Lossy JPEG at quality 35–70.
    case jpeg
    /// The document lies 3–10° askew.
    case skew
    /// The document turned a quarter clockwise.
    case rot90
    /// The document upside down.
    case rot180
    /// The document turned a quarter anticlockwise.
    case rot270
    /// Brightness falling across the page.
    case unevenLight = "uneven_light"
    /// Scanned at 100–130 dpi.
    case lowDPI = "low_dpi"
    /// Greyscale output instead of colour.
    case grey
    /// Kind: a hand-held phone photo of the document lying on a table (perspective, glare, shadow, focus blur).
    case photo
    /// Kind: a small JPEG web copy, the page 250–450 pixels wide.
    case webCopy = "web_copy"
    /// Kind: a CMYK JPEG with an Adobe marker, as print and PDF workflows write.
    case cmyk
    /// Kind: the MRZ printed at 8–9 characters per inch instead of OCR-B's 10.
    case widePitch = "wide_pitch"
    /// Kind: two documents on one scanner bed.
    case twoDocuments = "two_documents"
    /// Kind: the MRZ printed in a sans-serif monospaced face instead of OCR-B (cards some issuers and
    /// card-printing software make).
    case sansFace = "sans_face"

    /// The scanner defects the default draw picks from, in their order since the first release. The draw must
    /// not use `allCases`: a new case there would change every seed's scans.
    public static let scannerDefects: [Degradation] = [
        .blur, .noise, .jpeg, .skew, .rot90, .rot180, .rot270, .unevenLight, .lowDPI, .grey,
    ]

    /// The real-world kinds of image, drawn only when asked for (`docguard synth --kinds`).
    public static let kinds: [Degradation] = [.photo, .webCopy, .cmyk, .widePitch, .twoDocuments, .sansFace]

    /// The clockwise turn this class stands for, if it is one.
    public var turn: Int? {
        switch self {
        case .rot90: return 90
        case .rot180: return 180
        case .rot270: return 270
        default: return nil
        }
    }
}
