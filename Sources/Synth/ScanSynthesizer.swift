import GroundTruth
import MRZ
import OCR

/// Renders specimen scans: document, scanner bed (or phone camera), degradations, encoding, ground truth.
public enum ScanSynthesizer {
    /// Scan `index` of the batch `options` describes; depends only on the options' seed and `index`.
    public static func scan(index: Int, options: SynthOptions) throws -> SyntheticScan {
        try render(ScanPlan.draw(index: index, options: options), lossless: options.lossless)
    }

    /// The scan `plan` describes; with `lossless`, PNG unless the plan calls for JPEG, noise or a kind that
    /// is JPEG by nature (photo, web copy, CMYK).
    public static func render(_ plan: ScanPlan, lossless: Bool = false) throws -> SyntheticScan {
        var look = SeededGenerator(seed: plan.lookSeed)
        let lines = plan.printedLines ?? MRZComposer.compose(plan.fields)
        let font = try FontRasterizer()
        // A varied visual zone prints national characters, which OCR-B lacks.
        let valueFont = try plan.visual.map { _ in try FontRasterizer(path: FontRasterizer.dejaVuSansPath) }
        let mrzFont = try plan.kind?.mrzFontPath.map { try FontRasterizer(path: $0) }
        let renderer = try PageRenderer(font: font, valueFont: valueFont, mrzFont: mrzFont, dpi: plan.dpi)
        let mrzPitch = plan.kind?.mrzPitch ?? DocumentLayout.mrzPitch
        let printed = plan.visual.map { PrintedValues.styled(plan.fields, style: $0, forgery: plan.forgery) }
        let page = try renderer.render(plan.fields, lines: lines, mrzPitch: mrzPitch, printed: printed, using: &look)
        let pixelsPerMM = renderer.painter.pixelsPerMM
        var image: ColorImage
        var others: [TruthDocument] = []
        var truthDPI = plan.dpi
        switch plan.kind {
        case .photo(let shot):
            let layout = DocumentLayout.of(plan.fields.format)
            let geometry = PhotoGeometry(shot: shot, documentWidth: layout.width, documentHeight: layout.height)
            image = PhoneCamera.photograph(
                page, shot: shot, geometry: geometry, pagePixelsPerMM: pixelsPerMM,
                using: &look)
        case .twoDocuments(let second):
            var secondLook = SeededGenerator(seed: second.lookSeed)
            let secondLines = MRZComposer.compose(second.fields)
            let secondPage = try renderer.render(second.fields, lines: secondLines, using: &secondLook)
            image = ScannerBed.place(
                page, skewDegrees: plan.skewDegrees, beside: secondPage,
                skewDegrees: second.skewDegrees, sideBySide: second.sideBySide,
                gap: second.gapMM * pixelsPerMM, pixelsPerMM: pixelsPerMM, using: &look)
            degrade(&image, plan, pixelsPerMM: pixelsPerMM, using: &look)
            others = [
                TruthDocument(
                    format: second.fields.format.rawValue,
                    lines: secondLines.map { String(decoding: $0, as: UTF8.self) })
            ]
        default:
            image = ScannerBed.place(page, skewDegrees: plan.skewDegrees, pixelsPerMM: pixelsPerMM, using: &look)
            degrade(&image, plan, pixelsPerMM: pixelsPerMM, using: &look)
            if case .webCopy(let copy) = plan.kind {
                let factor = Double(copy.pageWidth) / Double(page.width)
                image = Downscale.apply(image, factor: factor)
                truthDPI = Int((Double(plan.dpi) * factor).rounded())
            }
        }
        let (bytes, fileType) = try encode(image, plan, lossless: lossless, using: &look)

        let format = plan.fields.format
        let number = plan.number < 1000 ? String("000\(plan.number)".suffix(4)) : "\(plan.number)"
        let truth = ScanTruth(
            format: format.rawValue, lines: lines.map { String(decoding: $0, as: UTF8.self) },
            degradations: plan.classes.map(\.rawValue), dpi: truthDPI, rotation: plan.rotation,
            skewDegrees: plan.skewDegrees,
            tampering: plan.forgery.map { Tampering(kind: $0.kind, fields: $0.fields) })
        return SyntheticScan(
            relativePath: "\(format.rawValue.lowercased())/\(number).\(fileType)",
            imageBytes: bytes, truth: truth, otherDocuments: others)
    }

    /// Applies the plan's pixel degradations, then its turn.
    private static func degrade(
        _ image: inout ColorImage, _ plan: ScanPlan, pixelsPerMM: Double,
        using look: inout SeededGenerator
    ) {
        if plan.degradations.contains(.unevenLight) { UnevenLight.apply(&image, using: &look) }
        if plan.degradations.contains(.blur) {
            // 0.1–0.2 mm of blur: characters stay legible to a person, edges go soft.
            let pixels = Double.random(in: 0.1...0.2, using: &look) * pixelsPerMM
            Blur.apply(&image, radius: max(1, Int(pixels.rounded())), passes: pixels < 1.2 ? 1 : 2)
        }
        if plan.degradations.contains(.noise) {
            SensorNoise.apply(&image, sigma: Double.random(in: 6...14, using: &look), using: &look)
        }
        image = Turn.apply(image, degrees: plan.rotation)
    }

    /// The file's bytes and extension. A printed security background makes lossless files about five
    /// times larger than a scanner's own JPEG, so scans are JPEG at scanner quality unless `lossless`
    /// asks for PNG; `jpeg` means a poor JPEG, and noise is never worth keeping losslessly. Photos and web
    /// copies are JPEG at their own quality; a CMYK scan is JPEG at the scan's quality (90 for `lossless`).
    private static func encode(
        _ image: ColorImage, _ plan: ScanPlan, lossless: Bool,
        using look: inout SeededGenerator
    ) throws -> ([UInt8], String) {
        switch plan.kind {
        case .photo(let shot): return (try ImageCodec.jpeg(image, quality: shot.quality), "jpg")
        case .webCopy(let copy): return (try ImageCodec.jpeg(image, quality: copy.quality), "jpg")
        default: break
        }
        let quality: Int?
        if plan.degradations.contains(.jpeg) {
            quality = Int.random(in: 35...70, using: &look)
        } else if plan.degradations.contains(.noise) {
            quality = 75
        } else {
            quality = lossless ? nil : 80
        }
        let grey = plan.degradations.contains(.grey)
        if plan.kind == .cmyk {
            let quality = quality ?? 90
            return (
                try grey ? CMYKJPEG.encode(image.gray, quality: quality) : CMYKJPEG.encode(image, quality: quality),
                "jpg"
            )
        }
        switch (grey, quality) {
        case (true, let quality?): return (try ImageCodec.jpeg(image.gray, quality: quality, dpi: plan.dpi), "jpg")
        case (true, nil): return (try ImageCodec.png(image.gray, dpi: plan.dpi), "png")
        case (false, let quality?): return (try ImageCodec.jpeg(image, quality: quality, dpi: plan.dpi), "jpg")
        case (false, nil): return (try ImageCodec.png(image, dpi: plan.dpi), "png")
        }
    }
}
