import Foundation
import OCR
import Synth
import Testing

/// Seeded fuzzing through the real binary: a few hundred PNG, JPEG and TIFF files made here and damaged (bit
/// flips, truncation, corrupt headers, zeroed runs, trailing junk) go through one `docguard scan`. It must not
/// crash, must say nothing on stderr, and must write exactly one result per input, each with a known status.
@Suite struct FuzzScanTests {
    let space = CLIWorkspace()

    /// SplitMix64: the same seed gives the same files on every machine.
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    }

    /// One damage of `bytes`, chosen by `random`.
    static func mutate(_ bytes: [UInt8], _ random: inout Seeded) -> [UInt8] {
        var bytes = bytes
        switch random.below(5) {
        case 0:  // bit flips anywhere
            for _ in 0...random.below(24) { bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8)) }
        case 1:  // cut short
            bytes = Array(bytes.prefix(random.below(bytes.count)))
        case 2:  // header and first chunks overwritten
            for _ in 0...random.below(6) {
                bytes[random.below(min(bytes.count, 96))] = UInt8(truncatingIfNeeded: random.next())
            }
        case 3:  // a run zeroed
            let start = random.below(bytes.count)
            for index in start..<min(bytes.count, start + 1 + random.below(4096)) { bytes[index] = 0 }
        default:  // junk appended after flipping a few bits
            bytes[random.below(bytes.count)] ^= 0xFF
            bytes += (0..<random.below(2048)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        }
        return bytes
    }

    @Test func damagedImagesEachGetOneResultAndNothingCrashes() throws {
        // A page of 150 dpi (smaller ones are enlarged for reading: they cost more); the TIFF has two pages, so
        // its chain of page directories is fuzzed too.
        let options = SynthOptions(count: 1, seed: 97, formats: [.td3], dpi: 150, cleanOnly: true, lossless: true)
        let page = try ImageCodec.decodeGray(try ScanSynthesizer.scan(index: 0, options: options).imageBytes)
        let bases: [(ext: String, bytes: [UInt8])] = [
            ("png", try ImageCodec.png(page)), ("jpg", try ImageCodec.jpeg(page, quality: 85)),
            ("tif", try ImageCodec.tiff(pages: [page, page])),
        ]
        var random = Seeded(state: 20_261_130)
        let count = 240
        var names: [String] = []
        for index in 0..<count {
            let base = bases[index % bases.count]
            let name = String(format: "fuzz-%03d.%@", index, base.ext)
            try space.write("fuzz/\(name)", Data(Self.mutate(base.bytes, &random)))
            names.append(name)
        }

        let run = try Docguard.run(["scan", space.path("fuzz"), "--no-lists", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
        #expect(run.stderr.isEmpty, "\(run.stderr.prefix(2000))")
        let results = CLIWorkspace.results(run.stdout)
        let files = results.compactMap { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
        #expect(files == names, "exactly one result per input, in path order")
        for result in results {
            #expect(["ok", "no_mrz", "unreadable", "error"].contains(result["status"] as? String ?? ""), "\(result)")
            #expect(CLIWorkspace.level(result) != nil)
        }
    }
}
