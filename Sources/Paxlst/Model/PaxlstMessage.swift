/// One PAXLST message read: the flight, what it lists, the travellers that could be read, and every issue.
public struct PaxlstMessage: Sendable, Hashable {
    /// 1-based position among the file's messages.
    public var position: Int
    /// The message reference (`UNH` element 1).
    public var reference: String
    /// The directory, e.g. `D05B` or `D02B`.
    public var directory: String
    /// The interchange control reference of its `UNB`, nil for a bare message.
    public var interchangeReference: String?
    /// Passenger or crew list (`BGM`); nil when the message has no `BGM`.
    public var listKind: PaxlstListKind?
    /// The flight legs in order (`TDT+20` groups); most messages have one.
    public var legs: [PaxlstFlight]
    /// The travellers in message order, every one that has a `NAD`, readable or not.
    public var travellers: [PaxlstTraveller]
    /// The traveller count `CNT+42` declares; nil when absent.
    public var declaredTravellerCount: Int?
    /// Every issue of the message: envelope, segments, travellers, documents, in segment order.
    public var issues: [PaxlstIssue]

    /// An empty message.
    public init(position: Int, reference: String, directory: String, interchangeReference: String?) {
        self.position = position
        self.reference = reference
        self.directory = directory
        self.interchangeReference = interchangeReference
        legs = []
        travellers = []
        issues = []
    }

    /// The flight the list is for: the leg that arrives (`LOC+87`), else the first.
    public var flight: PaxlstFlight? {
        legs.first { $0.arrival != nil } ?? legs.first
    }
}

/// Everything read from one PAXLST file.
public struct PaxlstFile: Sendable, Hashable {
    /// Every message, in file order (messages of other types too, empty, with a `NOT_PAXLST` issue).
    public var messages: [PaxlstMessage]
    /// Issues outside any message (a bad `UNA`, a stray segment, an interchange count).
    public var fileIssues: [PaxlstIssue]

    /// A file read.
    public init(messages: [PaxlstMessage], fileIssues: [PaxlstIssue]) {
        self.messages = messages
        self.fileIssues = fileIssues
    }

    /// Every traveller of every message, in file order.
    public var travellers: [PaxlstTraveller] { messages.flatMap(\.travellers) }

    /// Every issue: the file's, then each message's in order.
    public var issues: [PaxlstIssue] { fileIssues + messages.flatMap(\.issues) }
}
