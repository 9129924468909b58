import MRZ

/// One of docguard's own result lines (SPEC.md), read back: parsed once, the members its readers use
/// (resume and recovery, clone history, the batch report, `qa compare`) decoded strictly, and the whole
/// line kept for a field-by-field comparison. A line that is not JSON, not an object, or not a result (no
/// `file` or `record`, no known `status`, a member of the wrong type) is `Malformed`; what a reader does
/// with one (refuse the file, or pass the line over) is the reader's to say.
public struct ResultLine: Sendable {
    /// Why a line is not a result line.
    public enum Malformed: Error, Equatable, CustomStringConvertible {
        /// Not a JSON object at all.
        case notJSONObject
        /// A JSON object, but not a result: `why` names what is missing or of the wrong type.
        case notResult(_ why: String)

        public var description: String {
            switch self {
            case .notJSONObject: "not a JSON object"
            case .notResult(let why): "not a result line (\(why))"
            }
        }
    }

    /// The `mrz` members read back: the lines, the holder, the dates as the line wrote them, two checks.
    public struct MRZFields: Sendable, Equatable {
        /// The MRZ lines as read (after repair).
        public var lines: [String]
        public var issuingState: String?
        public var documentNumber: String?
        public var surname: String?
        public var givenNames: String?
        public var birthDate: MRZDate?
        public var expiryDate: MRZDate?
        /// Whether the document number's check digit was right (nil when it could not be checked).
        public var documentNumberCheck: Bool?
        /// Whether the birth date's check digit was right (nil when it could not be checked).
        public var birthDateCheck: Bool?
    }

    /// The scan's path as written; nil for a screened record.
    public var file: String?
    /// The screened record's number; nil for a scan.
    public var record: Int?
    /// SHA-256 of the scan's bytes; nil when the file could not be read.
    public var sha256: String?
    public var status: ScanResult.Status
    /// The `mrz` object; nil when the line has none (null).
    public var mrz: MRZFields?
    /// Every member of the line, as read.
    public var fields: JSONObject

    /// What the result is known by: its `file` (a scan), `record N` (an MRZ text record), or both (one of the
    /// traveller documents of a PAXLST file).
    public var key: String {
        switch (file, record) {
        case (let file?, let record?): return "\(file) record \(record)"
        case (let file?, nil): return file
        case (nil, let record): return "record \(record ?? 0)"
        }
    }

    /// Reads one line (without its newline).
    public init(parsing line: some Collection<UInt8>) throws(Malformed) {
        guard case .object(let object)? = try? JSONParser.parse(line) else { throw .notJSONObject }
        do {
            try self.init(object)
        } catch {
            throw .notResult(error.why)
        }
    }

    private init(_ object: JSONObject) throws(JSONFields.Mismatch) {
        let line = JSONFields(object)
        file = try line.string("file")
        record = try line.int("record")
        guard file != nil || record != nil else { throw JSONFields.Mismatch(why: "no file or record") }
        sha256 = try line.string("sha256")
        status = try line.requiredCode("status", as: ScanResult.Status.self)
        mrz = try line.object("mrz").map(Self.mrz)
        fields = object
    }

    private static func mrz(_ mrz: JSONFields) throws(JSONFields.Mismatch) -> MRZFields {
        let checks = try mrz.object("checks")
        return MRZFields(
            lines: try mrz.required("lines", mrz.strings), issuingState: try mrz.string("issuingState"),
            documentNumber: try mrz.string("documentNumber"), surname: try mrz.string("surname"),
            givenNames: try mrz.string("givenNames"), birthDate: try date(mrz, "birthDate"),
            expiryDate: try date(mrz, "expiryDate"), documentNumberCheck: try checks?.bool("documentNumber"),
            birthDateCheck: try checks?.bool("birthDate"))
    }

    /// An ISO date member (`1974-08-12`), or nil.
    private static func date(_ fields: JSONFields, _ key: String) throws(JSONFields.Mismatch) -> MRZDate? {
        guard let text = try fields.string(key) else { return nil }
        guard let date = MRZDate(iso: text) else {
            throw JSONFields.Mismatch(why: "\(fields.prefix)\(key) is not a date")
        }
        return date
    }
}
