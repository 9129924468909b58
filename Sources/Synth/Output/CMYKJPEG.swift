import CJPEG
import Foundation
import OCR

/// CMYK JPEGs as print and PDF workflows write them (Photoshop, Acrobat, RIPs): four components, an Adobe
/// APP14 marker and no JFIF marker, samples stored inverted (0 = full ink), as readers expect of an Adobe file.
/// The only code in Synth that calls libjpeg.
enum CMYKJPEG {
    /// `image` as a CMYK JPEG at `quality` (1–100). Colour is separated naively, all grey into black (full
    /// grey-component replacement): what a press profile would do differently a reader need not care about.
    static func encode(_ image: ColorImage, quality: Int) throws -> [UInt8] {
        var cmyk = [UInt8](repeating: 0, count: image.width * image.height * 4)
        image.rgb.withUnsafeBufferPointer { rgb in
            cmyk.withUnsafeMutableBufferPointer { out in
                for i in 0..<(image.width * image.height) {
                    let stored = invertedInk(r: rgb[3 * i], g: rgb[3 * i + 1], b: rgb[3 * i + 2])
                    out[4 * i] = stored.c
                    out[4 * i + 1] = stored.m
                    out[4 * i + 2] = stored.y
                    out[4 * i + 3] = stored.k
                }
            }
        }
        return try compress(cmyk, width: image.width, height: image.height, quality: quality)
    }

    /// `image` as a CMYK JPEG whose only ink is black.
    static func encode(_ image: GrayImage, quality: Int) throws -> [UInt8] {
        var cmyk = [UInt8](repeating: 255, count: image.width * image.height * 4)
        for i in 0..<(image.width * image.height) { cmyk[4 * i + 3] = image.pixels[i] }
        return try compress(cmyk, width: image.width, height: image.height, quality: quality)
    }

    /// One pixel's inks as an Adobe file stores them: 255 minus the ink. With K = 255 − max(R, G, B), the
    /// stored values are max and max·R/max, max·G/max, max·B/max, so a reader's R = stored C · stored K / 255.
    @inline(__always)
    static func invertedInk(r: UInt8, g: UInt8, b: UInt8) -> (c: UInt8, m: UInt8, y: UInt8, k: UInt8) {
        let brightest = max(r, g, b)
        guard brightest > 0 else { return (255, 255, 255, 0) }
        func paper(_ value: UInt8) -> UInt8 { UInt8((Int(value) * 255 + Int(brightest) / 2) / Int(brightest)) }
        return (paper(r), paper(g), paper(b), brightest)
    }

    private static func compress(_ cmyk: [UInt8], width: Int, height: Int, quality: Int) throws -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = cmyk.withUnsafeBufferPointer { pixels in
            docguard_write_cmyk_jpeg(
                pixels.baseAddress, Int32(width), Int32(height), Int32(quality), &out, &size,
                &message, message.count)
        }
        defer { free(out) }
        guard status == 0, let out else {
            let reason = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            throw SynthError.encode(format: "CMYK JPEG", reason: String(decoding: reason, as: UTF8.self))
        }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }
}
