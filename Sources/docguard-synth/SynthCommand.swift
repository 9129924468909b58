import ArgumentParser
import Foundation
import MRZ
import Synth

/// `docguard synth --out DIR --count N --seed S`: render specimen scans with ground truth (SPEC.md). The root
/// command of `docguard-synth`, named as users call it through `docguard`.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docguard synth",
        abstract: "Render specimen document scans with ground truth beside each image.",
        discussion: """
            Writes DIR/<format>/NNNN.jpg (or .png with --png) and NNNN.json (the ground truth) for each scan. Formats \
            cycle evenly; about a third of the scans are clean, the rest carry one or two degradations. \
            The same seed gives the same bytes. With --kinds the scans are instead the real-world kinds of image \
            named, taking turns within each format: photo (a 12 MP phone photo of the document on a table; \
            --photo-frame sets a smaller frame), web_copy (a small JPEG, the page 250-450 px wide), cmyk (an \
            Adobe-style CMYK JPEG), wide_pitch (the MRZ at 8-9 characters per inch), two_documents (two documents \
            on one bed; the truth's lines are the left or upper one's, otherDocuments the other's), sans_face (the \
            MRZ printed in DejaVu Sans Mono, regular or bold, instead of OCR-B). A scan's \
            kind is drawn from a stream of its own: the same seed without --kinds gives the same scans as ever. \
            With --tampered SHARE (0-1) every page prints its visual zone in varied forms (dates such as \
            12 AUG 1974, 12 AUG/AOÛT 74, 12.08.1974, 1974-08-12, 12 MÄR/MAR 1974; sex F, M/M, K/F; some names \
            with national characters, transliterated in the MRZ as ICAO 9303-3 §6 says) and that share of the \
            pages carries one forgery: viz_document_number, viz_birth_date, viz_expiry_date or viz_surname (the \
            printed value changed, the MRZ left alone) or mrz_rebuilt (the MRZ re-made for another number and \
            birth date with valid check digits, the page left alone). The truth of a tampered page has \
            "tampering": {"kind": ..., "fields": [...]}; its lines are the MRZ as printed. Without --tampered the \
            pages are those of before. \
            With --line-crops it writes training lines for the MRZ model \
            instead: each scan's MRZ lines as the reader cuts them, flat in DIR as NAME.png, NAME.gt.txt and \
            NAME.box (see pipelines/train-mrz-model.sh).
            """
    )

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(name: .long, help: "Number of scans.")
    var count: Int

    @Option(name: .long, help: "Seed for every random choice.")
    var seed: UInt64

    @Option(name: .long, help: "Resolution of scans that are not low_dpi (default: 150–300 per scan).")
    var dpi: Int?

    @Option(name: .long, parsing: .upToNextOption, help: "Formats to render: TD1 TD2 TD3 MRVA MRVB (default: all).")
    var format: [String] = []

    @Flag(name: .long, help: "Render every scan clean, without degradations.")
    var clean = false

    @Flag(
        name: .long,
        help:
            "Write PNG instead of scanner-quality JPEG (jpeg and noise scans, photos, web copies and CMYK stay JPEG).")
    var png = false

    @Option(
        name: .long,
        help:
            "Real-world kinds, comma-separated: photo, web_copy, cmyk, wide_pitch, two_documents, sans_face (default: none)."
    )
    var kinds: String?

    @Option(name: .long, help: "Frame of photo scans, WIDTHxHEIGHT pixels (default: 4000x3000, 12 MP).")
    var photoFrame: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Share of pages (0-1) with one forgery; above 0 every page also gets a varied visual zone.",
            valueName: "share"))
    var tampered: Double = 0

    @Flag(name: .long, help: "Write the MRZ line images the reader cuts from each scan (training data), not the scans.")
    var lineCrops = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
        if let dpi, !(72...600).contains(dpi) { throw ValidationError("--dpi must be between 72 and 600") }
        if dpi.map({ $0 % 10 != 0 }) ?? false { throw ValidationError("--dpi must be a multiple of 10") }
        do {
            try options().validate()
        } catch let error as SynthError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let options = try options()
        if lineCrops {
            let summary = try TrainingLineBatch.write(options, to: out)
            FileHandle.standardError.write(
                Data(
                    ("synth: wrote \(summary.lines) line crops to \(out); \(summary.skippedScans) scans left out "
                        + "(band not found as printed)\n").utf8))
            return
        }
        let written = try SynthBatch.write(options, to: out)
        FileHandle.standardError.write(Data("synth: wrote \(written) scans with ground truth to \(out)\n".utf8))
    }

    /// The formats asked for, in the order given; all five when none.
    private func formats() throws -> [MRZFormat] {
        guard !format.isEmpty else { return MRZFormat.icao }
        return try format.map { name in
            let key = name.uppercased().replacingOccurrences(of: "-", with: "")
            guard let format = MRZFormat(rawValue: key) else {
                throw ValidationError("unknown --format \(name); use TD1, TD2, TD3, MRVA or MRVB")
            }
            guard format.isICAO else {
                throw ValidationError("--format \(name) is read, not rendered; use TD1, TD2, TD3, MRVA or MRVB")
            }
            return format
        }
    }

    /// The options the flags ask for.
    private func options() throws -> SynthOptions {
        SynthOptions(
            count: count, seed: seed, formats: try formats(), dpi: dpi, cleanOnly: clean, lossless: png,
            kinds: try realWorldKinds(), photoFrame: try frame(), tamperedShare: tampered)
    }

    /// The kinds asked for, in the order given.
    private func realWorldKinds() throws -> [Degradation] {
        guard let kinds else { return [] }
        let names = kinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty else { throw ValidationError("--kinds names no kind") }
        let known = Degradation.kinds.map(\.rawValue).joined(separator: ", ")
        return try names.map { name in
            guard let kind = Degradation(rawValue: name.lowercased().replacingOccurrences(of: "-", with: "_")),
                Degradation.kinds.contains(kind)
            else { throw ValidationError("unknown --kinds entry \(name); use \(known)") }
            return kind
        }
    }

    /// The photo frame asked for; 4000 × 3000 when none.
    private func frame() throws -> (width: Int, height: Int) {
        guard let photoFrame else { return PhotoShot.twelveMegapixels }
        let parts = photoFrame.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let width = parts[0], let height = parts[1] else {
            throw ValidationError("--photo-frame must be WIDTHxHEIGHT in pixels, e.g. 1600x1200")
        }
        return (width, height)
    }
}
