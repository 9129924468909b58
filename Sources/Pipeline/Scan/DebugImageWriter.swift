import Foundation
import OCR
import VisualZone

/// Writes, per scan, the MRZ band as the engine saw it and a small annotated page (band outlined, turn and
/// skew written on it), so QA and officers can see why a scan was read or missed.
public struct DebugImageWriter: Sendable {
    /// Folder the images go to; created when missing.
    public let directory: String

    /// A writer into `directory`, which is created when missing and must take files: an operator who asked
    /// for the debug images is told at once when they cannot be written, not left with an empty folder.
    public init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.cannotWrite(directory, "cannot create the debug folder")
        }
        let probe = directory + "/.docguard-write-test-\(getpid())"
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw PipelineError.cannotWrite(directory, "the debug folder does not take files")
        }
        try? FileManager.default.removeItem(atPath: probe)
        self.directory = directory
    }

    /// Writes `NAME.band.png` (line images stacked) and `NAME.page.png`; failures are ignored (debug only).
    func write(path: String, page: GrayImage, reading: MRZReading?) {
        let base = directory + "/" + Self.flatName(path)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let reading, let band = try? ImageCodec.png(Self.stack(reading.lineImages)) {
            _ = FileManager.default.createFile(atPath: base + ".band.png", contents: Data(band))
        }
        let caption =
            reading.map { "MRZ turn \($0.band.rotationDegrees) skew \(String(format: "%.1f", $0.band.skewDegrees))" }
            ?? "NO MRZ FOUND"
        if let annotated = try? ImageAnnotator.annotatedPage(
            page, outline: reading?.band.outline, caption: caption,
            maxSide: 800)
        {
            _ = FileManager.default.createFile(atPath: base + ".page.png", contents: Data(annotated))
        }
    }

    /// Writes `NAME.viz.png` (the printed page as the page-text engine was given it) and `NAME.viz.txt` (each line
    /// it read: words with their confidence in percent and their box, `WORD[96.4 X,Y WxH]`); failures are ignored
    /// (debug only).
    func writeVisualZone(path: String, view: GrayImage, printed: PrintedPage) {
        let base = directory + "/" + Self.flatName(path)
        if let png = try? ImageCodec.png(view) {
            _ = FileManager.default.createFile(atPath: base + ".viz.png", contents: Data(png))
        }
        let text: String = printed.lines.map { line in
            line.words.map { word -> String in
                let percent = (word.confidence * 1000).rounded() / 10
                let box = word.box
                return "\(word.text)[\(percent) \(box.x),\(box.y) \(box.width)x\(box.height)]"
            }.joined(separator: " ")
        }.joined(separator: "\n")
        _ = FileManager.default.createFile(atPath: base + ".viz.txt", contents: Data((text + "\n").utf8))
    }

    /// The scan's path as one file name: separators become `_`.
    static func flatName(_ path: String) -> String {
        String(path.map { $0 == "/" ? "_" : $0 }).replacingOccurrences(of: "..", with: "_")
    }

    private static func stack(_ images: [GrayImage]) -> GrayImage {
        let width = images.map(\.width).max() ?? 1
        let gap = 4
        let height = images.map(\.height).reduce(0, +) + gap * max(0, images.count - 1)
        var out = GrayImage(width: width, height: max(1, height), fill: 200)
        var top = 0
        for image in images {
            for y in 0..<image.height {
                for x in 0..<image.width { out[x, top + y] = image[x, y] }
            }
            top += image.height + gap
        }
        return out
    }
}
