import OCR
import Testing

@testable import Synth

/// CMYK JPEGs written through libjpeg: Adobe-style, inverted, and read back the right way round by the
/// decoder the pipeline uses (Leptonica through `ImageCodec`).
struct CMYKJPEGTests {
    /// A noisy paper with a dark ink block and a red and a blue patch: large enough that the encoder's
    /// output buffer has to grow.
    static let page: ColorImage = {
        let width = 600
        let height = 400
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var state: UInt32 = 7
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                let paper = UInt8(215 + Int(state >> 27))
                var pixel = (paper, paper, paper)
                if (100..<200).contains(x), (100..<300).contains(y) { pixel = (20, 20, 28) }
                if (300..<400).contains(x), (100..<200).contains(y) { pixel = (200, 30, 30) }
                if (300..<400).contains(x), (200..<300).contains(y) { pixel = (30, 40, 190) }
                let i = 3 * (y * width + x)
                (rgb[i], rgb[i + 1], rgb[i + 2]) = pixel
            }
        }
        return ColorImage(width: width, height: height, rgb: rgb)
    }()

    @Test("colour: four components, an Adobe marker, ink dark and paper light once decoded")
    func colourPolarity() throws {
        let bytes = try CMYKJPEG.encode(Self.page, quality: 85)
        #expect(bytes.count > 65_536)
        let markers = JPEGMarkers(bytes)
        #expect(markers.components == 4 && markers.adobeTransform == 0 && !markers.hasJFIF)
        let gray = try ImageCodec.decodeGray(bytes)
        #expect((gray.width, gray.height) == (600, 400))
        #expect(gray[150, 200] < 50)
        #expect(gray[50, 50] > 200)
        let expected = Self.page.gray
        for (x, y) in [(350, 150), (350, 250), (150, 200), (500, 350)] {
            #expect(abs(Int(gray[x, y]) - Int(expected[x, y])) < 16, "at \(x), \(y)")
        }
    }

    @Test("grey: only black ink, still the right way round")
    func greyPolarity() throws {
        let bytes = try CMYKJPEG.encode(Self.page.gray, quality: 85)
        #expect(JPEGMarkers(bytes).components == 4)
        let gray = try ImageCodec.decodeGray(bytes)
        #expect(gray[150, 200] < 50 && gray[50, 50] > 200)
    }

    @Test("the separation is exact before compression: a reader's R = C·K/255 of the stored values")
    func separationInverts() {
        let colours: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (255, 255, 255), (200, 30, 30), (18, 18, 22), (120, 200, 90),
        ]
        for (r, g, b) in colours {
            let ink = CMYKJPEG.invertedInk(r: r, g: g, b: b)
            for (stored, original) in [(ink.c, r), (ink.m, g), (ink.y, b)] {
                #expect(abs(Int(stored) * Int(ink.k) / 255 - Int(original)) <= 1)
            }
        }
    }

    @Test("libjpeg's refusal is a typed error, not an exit")
    func refusalIsAnError() {
        #expect(throws: SynthError.self) { try CMYKJPEG.encode(ColorImage(width: 0, height: 0, rgb: []), quality: 80) }
    }
}
