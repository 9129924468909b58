import Foundation
import OCR
import VisualZone

// Where the visual zone check's CPU goes, part by part, on one core: building the view above the MRZ, reading it
// with the page-text engine (Tesseract's `eng`), holding it against the MRZ, and making the report's pictures.
// Run on a folder of scans (benchmarks/scan-benchmark.sh passes its pages):
//     OMP_THREAD_LIMIT=1 swift run -c release VisualZoneBenchmark FOLDER
// The engine's part is what the check costs at the least while it reads the page with that engine.
#if canImport(Glibc)
    import Glibc
#endif

/// CPU seconds this thread has used.
func threadCPU() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Runs `work`, adding its CPU milliseconds to `total`.
func timed<T>(_ total: inout Double, _ work: () throws -> T) rethrows -> T {
    let start = threadCPU()
    defer { total += (threadCPU() - start) * 1000 }
    return try work()
}

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: VisualZoneBenchmark FOLDER\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: CommandLine.arguments[1])
let images = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects ?? [])
    .compactMap { $0 as? URL }
    .filter { ["jpg", "jpeg", "png", "tif", "tiff"].contains($0.pathExtension.lowercased()) }
    .sorted { $0.path < $1.path }
let reader = MRZReader(engine: try TesseractEngine(model: try OCRModel.locate(nil)))
let engine = try PageTextEngine(model: try OCRModel.locate(OCRModel.secondOpinionName))
let comparer = VisualZoneComparer()

var (view, read, compare, pictures) = (0.0, 0.0, 0.0, 0.0)
var measured = 0
var agreeing = 0
for url in images {
    guard let page = try? ImageCodec.decodeGray([UInt8](Data(contentsOf: url))),
        let reading = reader.read(page, currentYear: 2026), reading.document.valid
    else { continue }
    let built = timed(&view) { VisualZoneView(band: reading.band, on: page) }
    let printed = timed(&read) { engine.read(built.image) }
    let check = timed(&compare) { comparer.compare(printed, with: reading.document) }
    _ = timed(&pictures) {
        ReportImages(
            band: reading.band, on: page, view: built, outlined: check.differing.compactMap { check[$0].box })
    }
    measured += 1
    if check.fields.values.allSatisfy({ $0.verdict == .agrees }) { agreeing += 1 }
}
guard measured > 0 else {
    print("visual zone parts: no scan in \(folder.path) read to a valid MRZ")
    exit(1)
}
let count = Double(measured)
let perScan = { (total: Double) in String(format: "%.1f", total / count) }
print(
    "visual zone parts, one core, ms CPU per scan over \(measured) scans read valid: view \(perScan(view)), "
        + "page-text engine \(perScan(read)), comparison \(perScan(compare)), report pictures \(perScan(pictures)); "
        + "total \(perScan(view + read + compare + pictures)) (every field agreed on \(agreeing))")
