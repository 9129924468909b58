import MRZ

/// The EDIFACT text of planned messages, faults planted; the truth updated to what the faults leave readable.
extension PaxlstGenerator {
    static func write(
        _ messages: inout [PaxlstMessage], faults: [(fault: PaxlstFault, messagePosition: Int)], options: Options
    ) -> String {
        var writer = EdifactWriter(separators: options.separators, lineBreak: options.lineBreak)
        let advises = options.writesServiceAdvice || options.separators != .standard
        let faultOf = Dictionary(faults.map { ($0.messagePosition, $0.fault) }, uniquingKeysWith: { first, _ in first })
        guard let perInterchange = options.messagesPerInterchange else {
            if advises { writer.serviceStringAdvice() }
            for index in messages.indices { write(&messages[index], fault: faultOf[index + 1], to: &writer) }
            return writer.text
        }
        let syntax = options.nationalCharacters ? "UNOY" : "UNOA"
        for start in stride(from: 0, to: messages.count, by: max(1, perInterchange)) {
            let range = start..<min(start + max(1, perInterchange), messages.count)
            let reference = messages[start].interchangeReference ?? ""
            let prepared =
                messages[start].legs.first?.departure?.time?.date ?? MRZDate(year: options.year, month: 1, day: 1)!
            let preparedOn = [shortDate(prepared), "0000"]
            // A `UNA` before every interchange, as concatenated gateway files have them.
            if advises { writer.serviceStringAdvice() }
            writer.segment(
                "UNB", [syntax, "4"], ["APIGATEWAY", "ZZ"], ["DOCGUARD", "ZZ"], preparedOn, [reference], [], ["APIS"])
            if options.groups {
                writer.segment(
                    "UNG", ["PAXLST"], ["APIGATEWAY", "ZZ"], ["DOCGUARD", "ZZ"], preparedOn, [reference], ["UN"],
                    ["D", "05B"])
            }
            for index in range { write(&messages[index], fault: faultOf[index + 1], to: &writer) }
            if options.groups { writer.segment("UNE", [String(range.count)], [reference]) }
            writer.segment("UNZ", [String(options.groups ? 1 : range.count)], [reference])
        }
        return writer.text
    }

    /// One message in the shape of the WCO/IATA guide's examples.
    static func write(_ message: inout PaxlstMessage, fault: PaxlstFault?, to writer: inout EdifactWriter) {
        let flight = message.legs[0]
        let release = String(message.directory.dropFirst())
        writer.segment(
            "UNH", [message.reference], ["PAXLST", "D", release, "UN", "IATA"], [flight.identification], ["01", "F"])
        writer.segment("BGM", [message.listKind == .crew ? "250" : "745"])
        writer.segment("NAD", ["MS"], [], [], ["OPS CONTROL"])
        writer.segment("COM", ["+44 20 7946 0000", "TE"])
        writer.segment("TDT", ["20"], [flight.identification], [], [], [flight.carrier ?? ""])
        for (qualifier, timeQualifier, stop) in [("125", "189", flight.departure!), ("87", "232", flight.arrival!)] {
            writer.segment("LOC", [qualifier], [stop.place])
            let time = stop.time!
            let long = time.minute % 2 == 0
            let text =
                (long ? fullDate(time.date) : shortDate(time.date)) + twoDigits(time.hour) + twoDigits(time.minute)
            writer.segment("DTM", [timeQualifier, text, long ? "203" : "201"])
        }
        for index in message.travellers.indices {
            write(&message.travellers[index], fault: index == 0 ? fault : nil, flight: flight, to: &writer)
        }
        let count = message.travellers.count + (fault == .wrongTravellerCount ? 1 : 0)
        message.declaredTravellerCount = count
        writer.segment("CNT", ["42", String(count)])
        guard fault != .missingTrailer else { return }
        let segments = writer.messageSegmentCount + 1 + (fault == .wrongSegmentCount ? 2 : 0)
        writer.segment("UNT", [String(segments)], [message.reference])
    }

    static func write(
        _ traveller: inout PaxlstTraveller, fault: PaxlstFault?, flight: PaxlstFlight, to writer: inout EdifactWriter
    ) {
        writer.segment("NAD", [traveller.role.qualifier], [], [], [traveller.surname] + traveller.givenNames)
        traveller.segmentPosition = writer.messageSegmentCount
        if fault == .unknownSegment { writer.segment("QQQ", ["1"]) }
        writer.segment("ATT", ["2"], [], [traveller.sex ?? "U"])
        let birth = traveller.birthDate!
        if fault == .invalidDate {
            writer.segment("DTM", ["329", String(shortDate(birth).prefix(2)) + "1340"])
            traveller.birthDate = nil
        } else {
            // Both forms the guide allows: YYMMDD and CCYYMMDD.
            writer.segment("DTM", ["329", birth.day % 2 == 0 ? fullDate(birth) : shortDate(birth)])
        }
        if traveller.role == .passenger {
            writer.segment("LOC", ["178"], [flight.departure!.place])
            writer.segment("LOC", ["179"], [flight.arrival!.place])
        }
        writer.segment("NAT", ["2"], [traveller.nationality ?? ""])
        if traveller.role == .passenger {
            writer.segment("RFF", ["AVF", "Q\(traveller.position)X\(traveller.messagePosition)"])
        }
        for index in traveller.documents.indices {
            var document = traveller.documents[index]
            if fault == .missingDocumentNumber && index == 0 { document.number = nil }
            writer.segment("DOC", [document.type, "110", "111"], document.number.map { [$0] } ?? [])
            document.segmentPosition = writer.messageSegmentCount
            if let expiry = document.expiryDate { writer.segment("DTM", ["36", shortDate(expiry)]) }
            if let state = document.issuingState { writer.segment("LOC", ["91"], [state]) }
            traveller.documents[index] = document
        }
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// YYMMDD.
    static func shortDate(_ date: MRZDate) -> String {
        twoDigits(date.year % 100) + twoDigits(date.month) + twoDigits(date.day)
    }

    /// CCYYMMDD.
    static func fullDate(_ date: MRZDate) -> String { String(date.year) + twoDigits(date.month) + twoDigits(date.day) }
}
