import MRZ

/// A box on the document in millimetres from its top-left corner.
struct Box: Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
}

/// Where things sit on one format's document, in millimetres from its top-left corner.
struct DocumentLayout: Sendable {
    /// Document width (the long side).
    var width: Double
    /// Document height.
    let height: Double
    /// Corner radius, 3.18 mm for every format (ICAO 9303-4 §2, 9303-5 §2.3).
    let cornerRadius = 3.18
    /// Left edge of the first MRZ character (ICAO 9303-4/5/6/7 §4.2.1.3 print position).
    let mrzLeft: Double
    /// Reference centre line of each MRZ line, top line first.
    let mrzCentres: [Double]
    /// Lower edge of the visual zone; the MRZ zone lies below it.
    let visualZoneBottom: Double
    /// Title band text, e.g. `PASSPORT`.
    let title: String
    /// The holder's portrait.
    let photo: Box
    /// The block of labelled fields right of the portrait.
    let fields: Box
    /// Capital height of field labels.
    let labelCapHeight: Double
    /// Capital height of field values.
    let valueCapHeight: Double

    /// MRZ character pitch, 10 per inch (ICAO 9303-3 §4.4).
    static let mrzPitch = 2.54
    /// MRZ capital height, OCR-B size 1.
    static let mrzCapHeight = 2.42

    /// The layout of `format`'s document at its ICAO nominal size.
    static func of(_ format: MRZFormat) -> DocumentLayout {
        switch format {
        case .td1:
            // ICAO 9303-5: 85.6 × 53.98 mm, three lines of 30 from 5.0 mm.
            return DocumentLayout(
                width: 85.6, height: 53.98, mrzLeft: 5.0, mrzCentres: centres(height: 53.98, lowest: 4.6, count: 3),
                visualZoneBottom: 36.5, title: "IDENTITY CARD",
                photo: Box(x: 4, y: 9, width: 20, height: 25), fields: Box(x: 27, y: 9, width: 55, height: 27),
                labelCapHeight: 1.0, valueCapHeight: 1.6)
        case .td2, .fraID:
            // FRA_ID: `docguard synth` does not render it; tests draw it on TD2's card, with the same 36-column lines.
            // ICAO 9303-6: 105 × 74 mm, two lines of 36 from 4.0 mm.
            return DocumentLayout(
                width: 105, height: 74, mrzLeft: 4.0, mrzCentres: centres(height: 74, lowest: 6.2, count: 2),
                visualZoneBottom: 57, title: "IDENTITY CARD",
                photo: Box(x: 4, y: 12, width: 26, height: 33), fields: Box(x: 34, y: 12, width: 67, height: 44),
                labelCapHeight: 1.2, valueCapHeight: 1.9)
        case .td3:
            // ICAO 9303-4: 125 × 88 mm data page, two lines of 44 from 6.0 mm, MRZ zone 23.2 mm.
            return DocumentLayout(
                width: 125, height: 88, mrzLeft: 6.0, mrzCentres: centres(height: 88, lowest: 6.6, count: 2),
                visualZoneBottom: 64.8, title: "PASSPORT",
                photo: Box(x: 6, y: 15, width: 32, height: 41), fields: Box(x: 43, y: 15, width: 78, height: 47),
                labelCapHeight: 1.3, valueCapHeight: 2.0)
        case .mrvA:
            // ICAO 9303-7 §4: 120 × 80 mm, two lines of 44 from 4.0 mm.
            return DocumentLayout(
                width: 120, height: 80, mrzLeft: 4.0, mrzCentres: centres(height: 80, lowest: 6.6, count: 2),
                visualZoneBottom: 62, title: "VISA",
                photo: Box(x: 4, y: 12, width: 30, height: 38), fields: Box(x: 38, y: 12, width: 78, height: 48),
                labelCapHeight: 1.3, valueCapHeight: 2.0)
        case .mrvB:
            // ICAO 9303-7 §7: 108 × 80 mm, two lines of 36 from 4.0 mm.
            return DocumentLayout(
                width: 108, height: 80, mrzLeft: 4.0, mrzCentres: centres(height: 80, lowest: 6.6, count: 2),
                visualZoneBottom: 62, title: "VISA",
                photo: Box(x: 4, y: 12, width: 28, height: 36), fields: Box(x: 36, y: 12, width: 68, height: 48),
                labelCapHeight: 1.2, valueCapHeight: 1.8)
        }
    }

    /// This layout with its MRZ printed at `pitch` mm instead of 2.54: the document made wider by what
    /// `lineLength` characters need more (or less), the margins kept.
    func withMRZPitch(_ pitch: Double, lineLength: Int) -> DocumentLayout {
        guard pitch != Self.mrzPitch else { return self }
        var wider = self
        wider.width += Double(lineLength) * (pitch - Self.mrzPitch)
        return wider
    }

    /// Centre lines measured from the top, `count` lines 4.3 mm apart, the lowest `lowest` mm above
    /// the bottom edge.
    private static func centres(height: Double, lowest: Double, count: Int) -> [Double] {
        (0..<count).map { height - lowest - Double(count - 1 - $0) * 4.3 }
    }
}
