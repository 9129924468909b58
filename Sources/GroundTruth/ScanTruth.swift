import Foundation

/// Ground truth stored beside a synthetic scan (`NAME.json` next to `NAME.png`/`NAME.jpg`): what the
/// MRZ says and how the scan was made, so `docguard eval` can score a read per format and degradation.
public struct ScanTruth: Codable, Sendable, Equatable {
    /// Schema tag of the file, `docguard.truth/1`.
    public var schema: String = ScanTruth.schemaTag
    /// `TD1`, `TD2`, `TD3`, `MRVA` or `MRVB`.
    public var format: String
    /// The MRZ lines exactly as printed.
    public var lines: [String]
    /// Degradation classes applied (`blur`, `noise`, `jpeg`, `skew`, `rot90`, `rot180`, `rot270`,
    /// `uneven_light`, `low_dpi`, `grey`); empty for a clean scan.
    public var degradations: [String]
    /// Resolution the page was rendered at.
    public var dpi: Int
    /// Clockwise turn of the document on the scanner bed: 0, 90, 180 or 270 degrees.
    public var rotation: Int
    /// Small skew in degrees on top of the turn, positive clockwise.
    public var skewDegrees: Double
    /// What a forger changed on this page; nil (and no key in the file) for a genuine one.
    public var tampering: Tampering?

    /// The schema tag written into every truth file.
    public static let schemaTag = "docguard.truth/1"

    /// Ground truth with every field given; a genuine page unless `tampering` is given.
    public init(
        format: String, lines: [String], degradations: [String], dpi: Int, rotation: Int, skewDegrees: Double,
        tampering: Tampering? = nil
    ) {
        self.format = format
        self.lines = lines
        self.degradations = degradations
        self.dpi = dpi
        self.rotation = rotation
        self.skewDegrees = skewDegrees
        self.tampering = tampering
    }

    /// The degradation classes to report this scan under: its degradations, or `clean`.
    public var classes: [String] { degradations.isEmpty ? ["clean"] : degradations }

    /// Canonical bytes: sorted keys, one line, newline-terminated, so files regenerate byte for byte.
    public func encoded() throws -> Data { try Self.canonicalJSON(self) }

    /// `value` as truth files are written: sorted keys, no escaped slashes, one line, newline-terminated.
    public static func canonicalJSON(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Reads a truth file's bytes.
    public static func decode(_ data: Data) throws -> ScanTruth {
        try JSONDecoder().decode(ScanTruth.self, from: data)
    }
}

/// The one change made to a tampered page (`docguard synth --tampered`), as the truth file's `tampering` key
/// records it: `{"kind": "viz_birth_date", "fields": ["birthDate"]}`.
public struct Tampering: Codable, Sendable, Equatable {
    /// `viz_document_number`, `viz_birth_date`, `viz_expiry_date`, `viz_surname` (a printed value changed, the
    /// MRZ left alone) or `mrz_rebuilt` (the MRZ re-made with valid check digits, the page left alone).
    public var kind: String
    /// The fields whose printed and MRZ values differ, named as in the result's `mrz` object (`documentNumber`,
    /// `surname`, `givenNames`, `birthDate`, `expiryDate`, `sex`).
    public var fields: [String]

    /// The tampering of `kind` on `fields`.
    public init(kind: String, fields: [String]) {
        self.kind = kind
        self.fields = fields
    }
}
