/// The inks and paper of one document: a pale tinted paper, a security-print tint, dark text.
struct Palette: Sendable {
    /// Paper at the left edge.
    let paperLeft: RGB
    /// Paper at the right edge (rainbow printing fades between the two).
    let paperRight: RGB
    /// Fine security-pattern lines.
    let pattern: RGB
    /// Captions and the title band.
    let label: RGB
    /// Personal data in the visual zone.
    let value: RGB
    /// MRZ print.
    let mrz: RGB

    private static let tints: [(paper: RGB, other: RGB, pattern: RGB, label: RGB)] = [
        (RGB(236, 244, 232), RGB(244, 240, 222), RGB(138, 186, 152), RGB(40, 96, 70)),
        (RGB(247, 234, 237), RGB(238, 234, 247), RGB(214, 150, 170), RGB(128, 40, 70)),
        (RGB(231, 239, 248), RGB(240, 244, 236), RGB(140, 170, 214), RGB(30, 60, 120)),
        (RGB(246, 239, 222), RGB(236, 242, 238), RGB(206, 176, 128), RGB(110, 70, 30)),
        (RGB(241, 234, 247), RGB(246, 238, 232), RGB(176, 154, 212), RGB(80, 50, 120)),
    ]

    /// One of the stock palettes, picked by `generator`.
    static func random(using generator: inout some RandomNumberGenerator) -> Palette {
        let tint = tints.randomElement(using: &generator)!
        let swap = Bool.random(using: &generator)
        return Palette(
            paperLeft: swap ? tint.other : tint.paper, paperRight: swap ? tint.paper : tint.other,
            pattern: tint.pattern, label: tint.label, value: RGB(28, 28, 36), mrz: RGB(18, 18, 22))
    }
}
