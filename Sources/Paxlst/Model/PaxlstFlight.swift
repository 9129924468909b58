/// A place of a flight leg with the time there: `LOC+125` with `DTM+189`, `LOC+87` with `DTM+232`.
public struct PaxlstStop: Sendable, Hashable {
    /// The airport (IATA code as sent, e.g. `YVR`).
    public var place: String
    /// Scheduled local date and time; nil when the message gives none or it is no date.
    public var time: PaxlstDateTime?

    /// A stop.
    public init(place: String, time: PaxlstDateTime? = nil) {
        self.place = place
        self.time = time
    }
}

/// One flight leg (`TDT+20` and the `LOC`/`DTM` of its group 3): which flight, from where, to where.
public struct PaxlstFlight: Sendable, Hashable {
    /// The flight identification as sent (`TDT` element 2), e.g. `UA123`.
    public var identification: String
    /// The carrier code (`TDT` element 5, component 1), e.g. `UA`; nil when not sent.
    public var carrier: String?
    /// The last place of departure before arrival (`LOC+125`, or the first `LOC+92` of a progressive flight).
    public var departure: PaxlstStop?
    /// The first place of arrival (`LOC+87`, or the last `LOC+92` of a progressive flight).
    public var arrival: PaxlstStop?

    /// A flight leg.
    public init(
        identification: String, carrier: String? = nil, departure: PaxlstStop? = nil, arrival: PaxlstStop? = nil
    ) {
        self.identification = identification
        self.carrier = carrier
        self.departure = departure
        self.arrival = arrival
    }
}
