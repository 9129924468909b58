import MRZ

/// Reads one PAXLST message's segments into flight legs and travellers, following the WCO/IATA PAXLST guide's
/// structure: header (`BGM`, group 1 `NAD+MS`), group 2 `TDT` with group 3 `LOC`/`DTM`, group 4 one traveller
/// from `NAD` to the next, group 5 one document from `DOC` to the next, `CNT`. A segment that cannot be read is
/// an issue and the reading goes on.
struct PaxlstMessageReader {
    /// The tags of PAXLST D02B and D05B that carry nothing screened: read past without an issue.
    static let otherKnownTags: Set<String> = ["RFF", "COM", "CTA", "FTX", "MEA", "GEI", "EMP", "CPI", "QTY"]

    var message: PaxlstMessage
    /// The traveller being read (group 4), added to the message when the next one or the end comes.
    var traveller: PaxlstTraveller?
    /// The `CNT+42` segment, for the count check.
    var countSegment: EdifactSegment?
    /// The year two-digit birth years are judged against when the message gives no flight date.
    let asOfYear: Int
    /// False for a message of another type than PAXLST: its segments are not read.
    var readsContent = true

    /// A reader for the message `envelope` opens (its `UNH` read), its content segments to come one by one.
    static func starting(_ envelope: EdifactMessage, asOfYear: Int) -> PaxlstMessageReader {
        var reader = PaxlstMessageReader(
            message: PaxlstMessage(
                position: envelope.position, reference: envelope.reference, directory: envelope.directory,
                interchangeReference: envelope.interchangeReference),
            asOfYear: asOfYear)
        reader.readsContent = envelope.type == "PAXLST"
        if !reader.readsContent {
            reader.message.issues.append(
                PaxlstIssue(
                    .notPaxlst, messagePosition: envelope.position, segmentPosition: 1, tag: "UNH",
                    detail: "the message is not of type PAXLST; its segments are not read"))
        }
        return reader
    }

    /// Reads one content segment of the message (none of a message of another type).
    mutating func take(_ segment: EdifactSegment) {
        if readsContent { read(segment) }
    }

    /// The message read, `envelope` (the same message, closed) giving its envelope issues.
    mutating func finished(_ envelope: EdifactMessage) -> PaxlstMessage {
        finish(envelopeIssues: envelope.issues)
        return message
    }

    init(message: PaxlstMessage, asOfYear: Int) {
        self.message = message
        self.asOfYear = asOfYear
    }

    mutating func read(_ segment: EdifactSegment) {
        switch segment.tag {
        case "BGM": readBeginning(segment)
        case "TDT": readTransport(segment)
        case "LOC": readLocation(segment)
        case "DTM": readDate(segment)
        case "NAD": readParty(segment)
        case "ATT": readAttribute(segment)
        case "NAT": readNationality(segment)
        case "DOC": readDocument(segment)
        case "CNT": readControlTotal(segment)
        case let tag where Self.otherKnownTags.contains(tag): break
        default:
            if segment.hasWellFormedTag {
                report(.unknownSegment, segment, "PAXLST has no segment with this tag; it is not read")
            } else {
                report(.malformedSegment, segment, "the segment does not start with a three-character tag")
            }
        }
    }

    // MARK: Header and flight

    mutating func readBeginning(_ segment: EdifactSegment) {
        let kind = PaxlstListKind(code: segment.value(1))
        message.listKind = kind
        if case .other = kind {
            report(.unknownCode, segment, "BGM names neither a passenger list (745) nor a crew list (250…)")
        }
    }

    mutating func readTransport(_ segment: EdifactSegment) {
        if traveller != nil || !message.travellers.isEmpty {
            report(.misplacedSegment, segment, "TDT after the first traveller")
        }
        let identification = segment.value(2)
        if identification.isEmpty { report(.malformedSegment, segment, "TDT without flight identification") }
        let carrier = segment.value(5)
        message.legs.append(PaxlstFlight(identification: identification, carrier: carrier.isEmpty ? nil : carrier))
    }

    mutating func readLocation(_ segment: EdifactSegment) {
        let qualifier = segment.value(1)
        if traveller != nil {
            // Group 4 places (22, 174, 178, 179, 180) say nothing screened; group 5's `LOC+91` is the issuer.
            if qualifier == "91" {
                guard updateDocument({ $0.issuingState = segment.value(2) }) else {
                    return report(.misplacedSegment, segment, "LOC+91 (issuing state) before any DOC")
                }
            }
            return
        }
        guard !message.legs.isEmpty else { return }
        let stop = PaxlstStop(place: segment.value(2))
        if stop.place.isEmpty { report(.malformedSegment, segment, "LOC+\(qualifier.prefix(3)) without a place") }
        let leg = message.legs.count - 1
        switch qualifier {
        case "125": message.legs[leg].departure = stop
        case "87": message.legs[leg].arrival = stop
        case "92":
            // A progressive flight's legs: the first routing place is the departure, the next ones the arrival.
            if message.legs[leg].departure == nil {
                message.legs[leg].departure = stop
            } else {
                message.legs[leg].arrival = stop
            }
        default: break
        }
    }

    mutating func readDate(_ segment: EdifactSegment) {
        let qualifier = segment.value(1, 1)
        let text = segment.value(1, 2)
        let format = segment.value(1, 3)
        if traveller != nil {
            switch qualifier {
            case "36" where traveller!.documents.isEmpty:
                report(.misplacedSegment, segment, "DTM+36 (expiry) before any DOC")
            case "36":
                guard !text.isEmpty else { return }
                guard let read = PaxlstDateText.read(text, format: format, century: .twentyFirst) else {
                    return report(.invalidDate, segment, "DTM+36 date of expiry is not a date", document: true)
                }
                _ = updateDocument { $0.expiryDate = read.date }
            case "329":
                guard !text.isEmpty else { return }
                guard
                    let read = PaxlstDateText.read(
                        text, format: format, century: .notAfter(year: referenceYear))
                else { return report(.invalidDate, segment, "DTM+329 date of birth is not a date", traveller: true) }
                traveller!.birthDate = read.date
            default: break
            }
            return
        }
        guard qualifier == "189" || qualifier == "232", !message.legs.isEmpty else { return }
        let leg = message.legs.count - 1
        let isDeparture = qualifier == "189"
        guard (isDeparture ? message.legs[leg].departure : message.legs[leg].arrival) != nil else {
            return report(.misplacedSegment, segment, "DTM+\(qualifier) without the LOC it dates")
        }
        guard let read = PaxlstDateText.read(text, format: format, century: .twentyFirst), let time = read.time,
            let dateTime = PaxlstDateTime(date: read.date, hour: time.0, minute: time.1)
        else { return report(.invalidDate, segment, "DTM+\(qualifier) is not a date and time") }
        if isDeparture {
            message.legs[leg].departure!.time = dateTime
        } else {
            message.legs[leg].arrival!.time = dateTime
        }
    }

    /// The flight's year: two-digit birth years are not after it.
    var referenceYear: Int {
        let flight = message.flight
        return (flight?.departure?.time ?? flight?.arrival?.time)?.date.year ?? asOfYear
    }

    // MARK: Travellers

    mutating func readParty(_ segment: EdifactSegment) {
        let qualifier = segment.value(1)
        var role = PaxlstRole(qualifier: qualifier)
        if role == nil {
            // Before the travellers: the sender's contact (group 1, `NAD+MS`), nothing to screen.
            guard traveller != nil || !message.travellers.isEmpty else { return }
            // Among the travellers, a party code the guide does not list still names a person: keep them.
            report(.unknownCode, segment, "NAD party is neither FL, FM, DDU nor DDT; read as the list's role")
            role = message.listKind == .crew ? .crew : .passenger
        }
        closeTraveller()
        let name = segment.components(4).map(Self.trimmed)
        traveller = PaxlstTraveller(
            role: role!, messagePosition: message.position, messageReference: message.reference,
            position: message.travellers.count + 1, segmentPosition: segment.positionInMessage ?? 0,
            surname: name.first ?? "", givenNames: name.dropFirst().filter { !$0.isEmpty })
        if traveller!.surname.isEmpty {
            report(.missingName, segment, "NAD+\(qualifier.prefix(3)) without surname", traveller: true)
        }
    }

    mutating func readAttribute(_ segment: EdifactSegment) {
        guard traveller != nil else { return report(.misplacedSegment, segment, "ATT before any traveller") }
        guard segment.value(1) == "2" else { return }
        let sex = segment.value(3)
        guard ["M", "F", "X", "U"].contains(sex) else {
            return report(.unknownCode, segment, "ATT+2 sex is none of M, F, X, U", traveller: true)
        }
        traveller!.sex = sex
    }

    mutating func readNationality(_ segment: EdifactSegment) {
        guard traveller != nil else { return report(.misplacedSegment, segment, "NAT before any traveller") }
        guard segment.value(1) == "2" else { return }
        let nationality = segment.value(2)
        traveller!.nationality = nationality.isEmpty ? nil : nationality
    }

    mutating func readDocument(_ segment: EdifactSegment) {
        guard traveller != nil else { return report(.misplacedSegment, segment, "DOC before any traveller") }
        let number = Self.trimmed(segment.value(2))
        traveller!.documents.append(
            PaxlstTravelDocument(
                position: traveller!.documents.count + 1, segmentPosition: segment.positionInMessage ?? 0,
                type: segment.value(1), number: number.isEmpty ? nil : number))
        if segment.value(1).isEmpty {
            report(.malformedSegment, segment, "DOC without document type", document: true)
        }
        if number.isEmpty {
            report(.missingDocumentNumber, segment, "DOC without document number", document: true)
        }
    }

    mutating func readControlTotal(_ segment: EdifactSegment) {
        closeTraveller()
        guard segment.value(1, 1) == "42" else { return }
        guard let count = Int(segment.value(1, 2)) else {
            return report(.malformedSegment, segment, "CNT+42 without a number of travellers")
        }
        message.declaredTravellerCount = count
        countSegment = segment
    }

    // MARK: Bookkeeping

    /// Adds the open traveller to the message; one without documents has nothing that can be screened.
    mutating func closeTraveller() {
        guard var closing = traveller else { return }
        traveller = nil
        if closing.documents.isEmpty {
            let issue = PaxlstIssue(
                .noDocument, messagePosition: message.position, segmentPosition: closing.segmentPosition, tag: "NAD",
                detail: "the traveller has no DOC; nothing of theirs can be screened")
            closing.issues.append(issue)
            message.issues.append(issue)
        }
        message.travellers.append(closing)
    }

    /// Ends the message: the last traveller, the `CNT+42` check, the envelope's issues in segment order.
    mutating func finish(envelopeIssues: [PaxlstIssue]) {
        closeTraveller()
        if let declared = message.declaredTravellerCount, declared != message.travellers.count,
            let countSegment
        {
            message.issues.append(
                PaxlstIssue(
                    .travellerCountMismatch, at: countSegment,
                    detail: "CNT+42 declares \(declared) travellers, the message has \(message.travellers.count)"))
        }
        let all = message.issues + envelopeIssues
        message.issues = all.enumerated().sorted {
            ($0.element.segmentPosition ?? Int.max, $0.offset) < ($1.element.segmentPosition ?? Int.max, $1.offset)
        }.map(\.element)
    }

    /// Records an issue on the message and, when asked, on the open traveller or their last document.
    mutating func report(
        _ code: PaxlstIssue.Code, _ segment: EdifactSegment, _ detail: String, traveller onTraveller: Bool = false,
        document onDocument: Bool = false
    ) {
        let issue = PaxlstIssue(code, at: segment, detail: detail)
        message.issues.append(issue)
        if onDocument, updateDocument({ $0.issues.append(issue) }) { return }
        if onTraveller || onDocument { traveller?.issues.append(issue) }
    }

    /// Applies `change` to the open traveller's last document; false when there is none.
    mutating func updateDocument(_ change: (inout PaxlstTravelDocument) -> Void) -> Bool {
        guard traveller != nil, !traveller!.documents.isEmpty else { return false }
        change(&traveller!.documents[traveller!.documents.count - 1])
        return true
    }

    /// `text` without the spaces a fixed-width sender pads with.
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        while let last = scalars.last, last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
