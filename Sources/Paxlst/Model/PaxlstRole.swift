/// What a message lists (`BGM` data element 1001, WCO/IATA PAXLST guide §4.5).
public enum PaxlstListKind: Sendable, Hashable {
    /// `745`: a passenger list.
    case passengers
    /// `250` (crew list declaration) and the other crew lists (`251`–`255`, `266`, `336` master crew list).
    case crew
    /// Another code, kept as sent.
    case other(String)

    /// The kind a `BGM` document name code gives.
    init(code: String) {
        switch code {
        case "745": self = .passengers
        case "250", "251", "252", "253", "254", "255", "266", "336": self = .crew
        default: self = .other(code)
        }
    }
}

/// Whether a traveller travels as a passenger or works on board (`NAD` data element 3035, WCO/IATA PAXLST
/// guide §4.11: `FL` passenger, `FM` crew member, `DDU` in-transit passenger, `DDT` in-transit crew member).
public enum PaxlstRole: String, Sendable, Hashable {
    /// `FL`, `DDU`.
    case passenger
    /// `FM`, `DDT`.
    case crew

    /// The role of a `NAD` party qualifier, or nil for a party that is no traveller (e.g. `MS`, the sender).
    init?(qualifier: String) {
        switch qualifier {
        case "FL", "DDU": self = .passenger
        case "FM", "DDT": self = .crew
        default: return nil
        }
    }

    /// The qualifier the guide's examples write for this role.
    public var qualifier: String { self == .passenger ? "FL" : "FM" }
}
