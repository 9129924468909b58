import MRZ

/// Writes PAXLST files for tests and benchmarks, the same bytes for the same seed and options (SplitMix64, no
/// system randomness), and returns with the text the messages as the reader should read them: the truth.
public enum PaxlstGenerator {
    /// What to put in a file.
    public struct Options: Sendable {
        /// Flights; each has a passenger message and, when it has crew, a crew message.
        public var flights = 2
        /// Passengers per flight (at least one).
        public var passengersPerFlight = 1...8
        /// Crew per flight; none means no crew message.
        public var crewPerFlight = 0...3
        /// Messages per `UNB`…`UNZ` interchange; nil writes bare `UNH`…`UNT` messages with no interchange.
        public var messagesPerInterchange: Int? = 3
        /// Wraps each interchange's messages in a `UNG`…`UNE` group.
        public var groups = false
        /// The service characters; `UNA` is written when they are not the standard ones or `writesServiceAdvice`.
        public var separators = EdifactSeparators.standard
        /// Writes `UNA` even for the standard characters.
        public var writesServiceAdvice = true
        /// After each segment: `""`, `"\n"` or `"\r\n"`.
        public var lineBreak = "\n"
        /// Names with national characters and punctuation (MÜLLER, O'NEIL, MARIE-ÉLISE), sent as `UNOY` (UTF-8).
        public var nationalCharacters = true
        /// One traveller in this many also carries a visa (a second `DOC`); 0 for none.
        public var visaOneIn = 4
        /// One traveller in this many has an expired first document; 0 for none.
        public var expiredOneIn = 10
        /// Documents to give travellers, one traveller each (while there are travellers left).
        public var listHits: [PaxlstListedDocument] = []
        /// Travellers that get the first document of another traveller (same number and state, other holder).
        public var clones = 0
        /// Faults, the first in message 1, the next in message 2, …; one per message, the rest not planted.
        public var faults: [PaxlstFault] = []
        /// The year flights depart in.
        public var year = 2026

        /// The defaults: two flights, a few visas and expired documents, national characters, no faults.
        public init() {}
    }

    /// A file written and what it holds.
    public struct Output: Sendable {
        /// The EDIFACT text.
        public var text: String
        /// Every message as written, issues empty: what the reader should return, less its issues.
        public var messages: [PaxlstMessage]
        /// The faults planted, with the position of the message each is in.
        public var faults: [(fault: PaxlstFault, messagePosition: Int)]

        /// Every traveller written, in file order.
        public var travellers: [PaxlstTraveller] { messages.flatMap(\.travellers) }
    }

    /// A file of `options` from `seed`.
    public static func generate(seed: UInt64, options: Options = Options()) -> Output {
        var random = SeededGenerator(seed: seed)
        var messages = plan(options, using: &random)
        plant(options.listHits, clones: options.clones, in: &messages, year: options.year, using: &random)
        let faults = Array(zip(options.faults, messages.indices).map { (fault: $0, messagePosition: $1 + 1) })
        let text = write(&messages, faults: faults, options: options)
        return Output(text: text, messages: messages, faults: faults)
    }
}
