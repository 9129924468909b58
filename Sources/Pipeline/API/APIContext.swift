import MRZ
import Paxlst

/// Where a screened Advance Passenger Information document comes from (the result's `api` object): the flight,
/// its route and times, whether the list is of passengers or crew, the traveller's role, and the places of the
/// message, traveller and document in the file. Carries no personal data of its own.
public struct APIContext: Sendable, Equatable {
    /// The flight identification as sent (`TDT+20`), e.g. `UA123`; nil when the message gives none.
    public var flight: String?
    /// The carrier code, when sent.
    public var carrier: String?
    /// The last place of departure before arrival, and the time there.
    public var departure: PaxlstStop?
    /// The place of arrival, and the time there.
    public var arrival: PaxlstStop?
    /// `passengers`, `crew`, or the list code as sent (`BGM`); nil when the message has no `BGM`.
    public var list: String?
    /// `passenger` or `crew`.
    public var role: String
    /// 1-based position of the message in the file, and its reference (`UNH`).
    public var message: Int
    /// The message reference (`UNH` element 1).
    public var messageReference: String
    /// 1-based position of the traveller in the message.
    public var traveller: Int
    /// 1-based position of the document among the traveller's; nil for a traveller with none.
    public var document: Int?
    /// The document type as sent (`P`, `V`, `I`…); nil for a traveller with none.
    public var documentType: String?
    /// What was wrong in the message, for this traveller or for this document: positions and codes, never values.
    public var issues: [String]

    /// The day the document is judged against (expiry, age): the arrival day, else nil (the run's as-of day).
    public var judgedOn: MRZDate? { arrival?.time?.date }

    /// The context of `traveller`'s document number `document` (nil: the traveller has none) in `message`, whose
    /// `flight` the caller has found once for all its travellers.
    init(
        message: PaxlstMessage, flight: PaxlstFlight?, traveller: PaxlstTraveller, document: PaxlstTravelDocument?,
        issues: [String]
    ) {
        self.flight = flight?.identification
        carrier = flight?.carrier
        departure = flight?.departure
        arrival = flight?.arrival
        switch message.listKind {
        case .passengers: list = "passengers"
        case .crew: list = "crew"
        case .other(let code): list = code
        case nil: list = nil
        }
        role = traveller.role.rawValue
        self.message = message.position
        messageReference = message.reference
        self.traveller = traveller.position
        self.document = document?.position
        documentType = document?.type
        self.issues = issues
    }
}

extension APIContext {
    /// The context an `api` object of a result line gives back.
    init(_ api: JSONFields) throws(JSONFields.Mismatch) {
        func stop(_ key: String) throws(JSONFields.Mismatch) -> PaxlstStop? {
            guard let stop = try api.object(key) else { return nil }
            let time = try stop.string("time").flatMap(PaxlstDateTime.init(iso:))
            return PaxlstStop(place: try stop.string("place") ?? "", time: time)
        }
        flight = try api.string("flight")
        carrier = try api.string("carrier")
        departure = try stop("departure")
        arrival = try stop("arrival")
        list = try api.string("list")
        role = try api.string("role") ?? ""
        message = try api.int("message") ?? 0
        messageReference = try api.string("messageReference") ?? ""
        traveller = try api.int("traveller") ?? 0
        document = try api.int("document")
        documentType = try api.string("documentType")
        issues = try api.strings("issues") ?? []
    }
}

extension APIContext: JSONWritable {
    /// The `api` object, keys sorted.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("arrival")
        Self.write(arrival, to: &writer)
        writer.key("carrier")
        writer.string(carrier)
        writer.key("departure")
        Self.write(departure, to: &writer)
        writer.key("document")
        if let document { writer.int(document) } else { writer.null() }
        writer.key("documentType")
        writer.string(documentType)
        writer.key("flight")
        writer.string(flight)
        writer.key("issues")
        writer.strings(issues)
        writer.key("list")
        writer.string(list)
        writer.key("message")
        writer.int(message)
        writer.key("messageReference")
        writer.string(messageReference)
        writer.key("role")
        writer.string(role)
        writer.key("traveller")
        writer.int(traveller)
        writer.endObject()
    }

    private static func write(_ stop: PaxlstStop?, to writer: inout JSONWriter) {
        guard let stop else { return writer.null() }
        writer.beginObject()
        writer.key("place")
        writer.string(stop.place)
        writer.key("time")
        writer.string(stop.time?.description)
        writer.endObject()
    }
}
