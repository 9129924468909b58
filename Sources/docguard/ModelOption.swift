import ArgumentParser
import OCR
import Pipeline

/// `--model NAME`, shared by `scan` and `eval`: a plain model name, refused with a short quote otherwise.
struct ModelOption: ParsableArguments {
    @Option(name: .long, help: "OCR model name (NAME.traineddata in Models/ or Tesseract's tessdata).")
    var model: String?

    func validate() throws {
        if let model, let problem = ModelName.problem(with: model) { throw ValidationError("--model \(problem)") }
    }

    /// The model named, or the default.
    func locate() throws -> OCRModel { try OCRModel.locate(model) }
}
