/// Places segments in their envelopes (ISO 9735-1 §6): `UNB`…`UNZ` interchanges, one or many per file,
/// optional `UNG`…`UNE` groups, `UNH`…`UNT` messages, and bare messages with no interchange around them.
/// Checks the trailers' counts and references; a missing trailer closes its message where the next one starts.
public enum EdifactEnvelope {
    /// The messages of `segments`, each with its envelope issues, and the issues that belong to no message.
    public static func messages(in segments: [EdifactSegment]) -> (messages: [EdifactMessage], issues: [PaxlstIssue]) {
        var builder = Builder()
        var messages: [EdifactMessage] = []
        for segment in segments { builder.add(segment).map { messages.append($0) } }
        builder.finish().map { messages.append($0) }
        return (messages, builder.issues)
    }

    /// The envelope state while walking the file; hands out each message as it closes.
    struct Builder {
        /// Whether closed messages hold their segments; a stream reads each as it is placed (`placedContent`).
        var keepsSegments = true
        /// The segment `add` just placed inside the open message between `UNH` and `UNT`, if it placed one.
        private(set) var placedContent: EdifactSegment?
        /// Messages closed so far, for the next one's position.
        var messageCount = 0
        /// Issues that belong to no message.
        var issues: [PaxlstIssue] = []
        var open: EdifactMessage?
        var interchange: Interchange?

        /// The interchange being read.
        struct Interchange {
            var reference: String
            var segmentCount = 1
            var messageCount = 0
            var groupCount = 0
        }

        /// Places `incoming`; returns the message it closes, if any.
        mutating func add(_ incoming: EdifactSegment) -> EdifactMessage? {
            placedContent = nil
            var segment = incoming
            if !segment.isTerminated {
                let issue = PaxlstIssue(
                    .unterminatedSegment, messagePosition: open?.position,
                    segmentPosition: open.map { $0.segmentCount + 1 }, filePosition: segment.filePosition,
                    tag: segment.hasWellFormedTag ? segment.tag : nil,
                    detail: "the file ends before the segment terminator")
                if open != nil { open!.issues.append(issue) } else { issues.append(issue) }
            }
            if interchange != nil, segment.tag != "UNB" {
                interchange!.segmentCount += 1
                segment.positionInInterchange = interchange!.segmentCount
            }
            switch segment.tag {
            case "UNB":
                let closed = closeMessage(cutBy: segment)
                if interchange != nil {
                    issues.append(
                        PaxlstIssue(
                            .missingInterchangeTrailer, filePosition: segment.filePosition, tag: "UNB",
                            detail: "an interchange ends without UNZ where the next UNB starts"))
                }
                segment.positionInInterchange = 1
                interchange = Interchange(reference: segment.value(5))
                return closed
            case "UNH":
                let closed = closeMessage(cutBy: segment)
                interchange?.messageCount += 1
                messageCount += 1
                open = EdifactMessage(
                    header: segment, position: messageCount, interchangeReference: interchange?.reference)
                place(segment)
                return closed
            case "UNT":
                guard open != nil else { return outside(segment) }
                place(segment)
                checkTrailer(segment)
                defer { open = nil }
                return open
            case "UNG", "UNE":
                if segment.tag == "UNG" { interchange?.groupCount += 1 }
                return closeMessage(cutBy: segment)
            case "UNZ":
                let closed = closeMessage(cutBy: segment)
                guard let ended = interchange else {
                    _ = outside(segment)
                    return closed
                }
                let counted = ended.groupCount > 0 ? ended.groupCount : ended.messageCount
                if Int(segment.value(1)) != counted {
                    issues.append(
                        PaxlstIssue(
                            .interchangeCountMismatch, filePosition: segment.filePosition, tag: "UNZ",
                            detail:
                                "UNZ counts \(segment.value(1).prefix(6)) messages or groups, the interchange has \(counted)"
                        ))
                }
                interchange = nil
                return closed
            default:
                guard open != nil else { return outside(segment) }
                placedContent = place(segment)
                return nil
            }
        }

        /// Ends the file: an open message or interchange lacks its trailer. Returns the message still open.
        mutating func finish() -> EdifactMessage? {
            if interchange != nil {
                issues.append(
                    PaxlstIssue(.missingInterchangeTrailer, detail: "the file ends inside an interchange, without UNZ"))
            }
            return closeMessage(cutBy: nil)
        }

        /// Gives `segment` its place in the open message and adds it there (to its segments when they are kept);
        /// returns it placed.
        @discardableResult
        mutating func place(_ incoming: EdifactSegment) -> EdifactSegment {
            var segment = incoming
            segment.messagePosition = open!.position
            open!.segmentCount += 1
            segment.positionInMessage = open!.segmentCount
            open!.lastSegment = segment
            if keepsSegments { open!.segments.append(segment) }
            return segment
        }

        /// `UNT`: its segment count includes `UNH` and `UNT`; its reference repeats `UNH`'s.
        mutating func checkTrailer(_ trailer: EdifactSegment) {
            let placed = open!.lastSegment!
            let count = open!.segmentCount
            if Int(trailer.value(1)) != count {
                open!.issues.append(
                    PaxlstIssue(
                        .segmentCountMismatch, at: placed,
                        detail: "UNT counts \(trailer.value(1).prefix(6)) segments, the message has \(count)"))
            }
            if trailer.value(2) != open!.reference {
                open!.issues.append(
                    PaxlstIssue(
                        .messageReferenceMismatch, at: placed, detail: "UNT names another message reference than UNH"))
            }
        }

        /// A message still open when `segment` (or the end of the file, nil) comes has lost its `UNT`: returned,
        /// with that issue.
        mutating func closeMessage(cutBy segment: EdifactSegment?) -> EdifactMessage? {
            guard var message = open else { return nil }
            let place = segment.map { "at \($0.tag) (file segment \($0.filePosition))" } ?? "at the end of the file"
            message.issues.append(
                PaxlstIssue(
                    .missingMessageTrailer, messagePosition: message.position, filePosition: segment?.filePosition,
                    tag: "UNT", detail: "the message ends without UNT " + place))
            open = nil
            return message
        }

        mutating func outside(_ segment: EdifactSegment) -> EdifactMessage? {
            issues.append(
                PaxlstIssue(
                    .outsideMessage, at: segment, detail: "a segment outside any UNH…UNT message is not read"))
            return nil
        }
    }
}
