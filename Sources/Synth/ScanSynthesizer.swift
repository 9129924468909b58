import MRZ
import OCR
import Pipeline

/// Renders specimen scans: document, scanner bed, degradations, encoding, ground truth.
public enum ScanSynthesizer {
    /// Scan `index` of the batch `options` describes; depends only on the options' seed and `index`.
    public static func scan(index: Int, options: SynthOptions) throws -> SyntheticScan {
        try render(ScanPlan.draw(index: index, options: options), lossless: options.lossless)
    }

    /// The scan `plan` describes; with `lossless`, PNG unless the plan calls for JPEG or noise.
    public static func render(_ plan: ScanPlan, lossless: Bool = false) throws -> SyntheticScan {
        var look = SeededGenerator(seed: plan.lookSeed)
        let lines = MRZComposer.compose(plan.fields)
        let font = try FontRasterizer()
        let renderer = try PageRenderer(font: font, dpi: plan.dpi)
        let page = try renderer.render(plan.fields, lines: lines, using: &look)
        let pixelsPerMM = renderer.painter.pixelsPerMM
        var image = ScannerBed.place(page, skewDegrees: plan.skewDegrees, pixelsPerMM: pixelsPerMM, using: &look)
        let has = Set(plan.degradations)
        if has.contains(.unevenLight) { UnevenLight.apply(&image, using: &look) }
        if has.contains(.blur) {
            // 0.1–0.2 mm of blur: characters stay legible to a person, edges go soft.
            let pixels = Double.random(in: 0.1...0.2, using: &look) * pixelsPerMM
            Blur.apply(&image, radius: max(1, Int(pixels.rounded())), passes: pixels < 1.2 ? 1 : 2)
        }
        if has.contains(.noise) {
            SensorNoise.apply(&image, sigma: Double.random(in: 6...14, using: &look), using: &look)
        }
        image = Turn.apply(image, degrees: plan.rotation)

        // A printed security background makes lossless files ~5x larger than a scanner's own JPEG, so
        // scans are JPEG at scanner quality unless `lossless` asks for PNG; `jpeg` means a poor JPEG.
        let jpegQuality: Int? = has.contains(.jpeg)
            ? Int.random(in: 35...70, using: &look)
            : lossless && !has.contains(.noise) ? nil : has.contains(.noise) ? 75 : 80
        let bytes: [UInt8]
        switch (has.contains(.grey), jpegQuality) {
        case (true, let quality?): bytes = try ImageCodec.jpeg(image.gray, quality: quality, dpi: plan.dpi)
        case (true, nil): bytes = try ImageCodec.png(image.gray, dpi: plan.dpi)
        case (false, let quality?): bytes = try ImageCodec.jpeg(image, quality: quality, dpi: plan.dpi)
        case (false, nil): bytes = try ImageCodec.png(image, dpi: plan.dpi)
        }
        let format = plan.fields.format
        let number = plan.number < 1000 ? String("000\(plan.number)".suffix(4)) : "\(plan.number)"
        let truth = ScanTruth(
            format: format.rawValue, lines: lines.map { String(decoding: $0, as: UTF8.self) },
            degradations: plan.degradations.map(\.rawValue), dpi: plan.dpi, rotation: plan.rotation,
            skewDegrees: plan.skewDegrees)
        return SyntheticScan(relativePath: "\(format.rawValue.lowercased())/\(number).\(jpegQuality == nil ? "png" : "jpg")",
                             imageBytes: bytes, truth: truth)
    }
}
