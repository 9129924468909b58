/// One `UNH`…`UNT` message: its header's identification and its segments, each placed in the message.
public struct EdifactMessage: Sendable, Hashable {
    /// 1-based position among the file's messages.
    public var position: Int
    /// The message reference number (`UNH` element 1, data element 0062).
    public var reference: String
    /// The message type (`UNH` S009 0065), e.g. `PAXLST`.
    public var type: String
    /// The directory's version and release (S009 0052 and 0054) as the guidelines name it, e.g. `D05B`.
    public var directory: String
    /// The interchange control reference (`UNB` element 5) of the interchange holding the message; nil for a
    /// bare message.
    public var interchangeReference: String?
    /// The segments from `UNH` to `UNT` (or to where the message was cut off), in order, when the envelope keeps
    /// them (`EdifactEnvelope.messages(in:)`); empty when messages are read as a stream, segment by segment.
    public var segments: [EdifactSegment]
    /// How many segments the message has, `UNH` and `UNT` counted.
    public var segmentCount = 0
    /// The last segment placed in the message.
    public var lastSegment: EdifactSegment?
    /// Envelope problems of this message (missing `UNT`, a count that disagrees), in the order found.
    public var issues: [PaxlstIssue]

    /// A message opened by `header`, a `UNH` segment.
    init(header: EdifactSegment, position: Int, interchangeReference: String?) {
        self.position = position
        reference = header.value(1)
        type = header.value(2, 1)
        directory = header.value(2, 2) + header.value(2, 3)
        self.interchangeReference = interchangeReference
        segments = []
        issues = []
    }

    /// The segments between `UNH` and `UNT`: the message's content (when the envelope kept the segments).
    public var content: ArraySlice<EdifactSegment> {
        segments.dropFirst().prefix { $0.tag != "UNT" }
    }
}
