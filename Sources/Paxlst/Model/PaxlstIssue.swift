/// Something wrong in a PAXLST file, placed by message and segment position, never quoting the data: names,
/// numbers and dates of travellers stay out of the text (STYLE.md: redact by default). Issues are data; the
/// reader goes on and still returns every traveller it can read.
public struct PaxlstIssue: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong; the raw value is a stable code.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// `UNA` is not followed by six usable service characters.
        case badServiceStringAdvice = "BAD_UNA"
        /// The file ends inside a segment (no segment terminator).
        case unterminatedSegment = "UNTERMINATED_SEGMENT"
        /// A tag that no PAXLST directory has.
        case unknownSegment = "UNKNOWN_SEGMENT"
        /// A known segment without the data it must carry, or with a tag that is no tag.
        case malformedSegment = "MALFORMED_SEGMENT"
        /// A segment where the message structure has no place for it (e.g. `DOC` before any traveller).
        case misplacedSegment = "MISPLACED_SEGMENT"
        /// A code the guidelines do not list (a `BGM` document name, a `NAD` party, an `ATT` sex).
        case unknownCode = "UNKNOWN_CODE"
        /// A segment outside any `UNH`…`UNT` message that is no envelope segment.
        case outsideMessage = "OUTSIDE_MESSAGE"
        /// A message without its `UNT` trailer.
        case missingMessageTrailer = "MISSING_UNT"
        /// `UNT` counts another number of segments than the message has.
        case segmentCountMismatch = "UNT_COUNT"
        /// `UNT` names another message reference than its `UNH`.
        case messageReferenceMismatch = "UNT_REFERENCE"
        /// An interchange without its `UNZ` trailer.
        case missingInterchangeTrailer = "MISSING_UNZ"
        /// `UNZ` counts another number of messages (or groups) than the interchange has.
        case interchangeCountMismatch = "UNZ_COUNT"
        /// A message of another type than PAXLST; its content is not read.
        case notPaxlst = "NOT_PAXLST"
        /// `CNT+42` declares another number of travellers than the message holds.
        case travellerCountMismatch = "CNT_COUNT"
        /// A date or date-time that is no date.
        case invalidDate = "DATE_INVALID"
        /// A traveller without surname.
        case missingName = "NAME_MISSING"
        /// A `DOC` segment without document number: that document cannot be screened.
        case missingDocumentNumber = "DOCUMENT_NUMBER_MISSING"
        /// A traveller without any travel document: nothing of theirs can be screened.
        case noDocument = "NO_DOCUMENT"
    }

    /// What is wrong.
    public var code: Code
    /// 1-based position of the message in the file, nil for a problem outside any message.
    public var messagePosition: Int?
    /// 1-based position of the segment in its message (`UNH` is 1), nil outside a message or for the whole message.
    public var segmentPosition: Int?
    /// 1-based position of the segment in the file (`UNA` not counted), when the issue is about one segment.
    public var filePosition: Int?
    /// The segment's tag, e.g. `DTM`.
    public var tag: String?
    /// A fixed text saying what is wrong, with qualifiers and counts, never a traveller's value.
    public var detail: String

    /// An issue.
    public init(
        _ code: Code, messagePosition: Int? = nil, segmentPosition: Int? = nil, filePosition: Int? = nil,
        tag: String? = nil, detail: String
    ) {
        self.code = code
        self.messagePosition = messagePosition
        self.segmentPosition = segmentPosition
        self.filePosition = filePosition
        self.tag = tag
        self.detail = detail
    }

    /// An issue about `segment`, placed by its positions.
    init(_ code: Code, at segment: EdifactSegment, detail: String) {
        self.init(
            code, messagePosition: segment.messagePosition, segmentPosition: segment.positionInMessage,
            filePosition: segment.filePosition, tag: segment.hasWellFormedTag ? segment.tag : nil, detail: detail)
    }

    /// `message 2, segment 14 (DTM): DATE_INVALID: DTM+329 date of birth is not a date`.
    public var description: String {
        var place: [String] = []
        if let messagePosition { place.append("message \(messagePosition)") }
        if let segmentPosition {
            place.append("segment \(segmentPosition)")
        } else if let filePosition {
            place.append("file segment \(filePosition)")
        }
        var text = place.isEmpty ? "file" : place.joined(separator: ", ")
        if let tag { text += " (\(tag))" }
        return text + ": " + code.rawValue + ": " + detail
    }
}
