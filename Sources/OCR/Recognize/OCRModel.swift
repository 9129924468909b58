import Foundation
import Plumbing

/// A Tesseract model: `NAME.traineddata` in `directory`.
public struct OCRModel: Sendable, Equatable {
    /// Model name, the file name without `.traineddata`.
    public let name: String
    /// Folder holding the file (Tesseract's "datapath").
    public let directory: String

    /// The project's own MRZ model (issue 4); until `Models/` has it, `eng` from tesseract-ocr-eng.
    public static let preferredNames = ["mrz", "eng"]
    /// The model asked for a second opinion on MRZ lines the first cannot validate without repair: Tesseract's `eng`
    /// (tesseract-ocr-eng), trained on many faces, reads zones printed in faces other than OCR-B.
    public static let secondOpinionName = "eng"

    /// Finds the model called `name`, or the first of `preferredNames` present when `name` is nil, in docguard's
    /// model folders unless `directories` are given.
    public static func locate(_ name: String?, in directories: [String] = ModelFolders.searchOrder()) throws
        -> OCRModel
    {
        let names = name.map { [$0] } ?? preferredNames
        for candidate in names {
            for directory in directories
            where FileManager.default.isReadableFile(atPath: "\(directory)/\(candidate).traineddata") {
                return OCRModel(name: candidate, directory: directory)
            }
        }
        throw OCRError.modelNotFound(name: name ?? names.joined(separator: "|"), searched: directories)
    }
}
