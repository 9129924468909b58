import MRZ
import Paxlst

/// One traveller document of a PAXLST file, read and ready to screen: the traveller and the document as sent
/// (`fields` gives them in the shape of an MRZ read, on the screening worker), or why it cannot be screened.
/// A class: a record is large and passes through several hands (reader, chunk, screener) uncopied.
public final class APIRecord: Sendable, Equatable {
    /// The file as named in the arguments.
    public let file: String
    /// SHA-256 of the file's bytes.
    public let sha256: String
    /// 1-based position of the record among the file's results.
    public let record: Int
    /// Flight, route, role and positions.
    public let context: APIContext
    /// The traveller as sent.
    public let traveller: PaxlstTraveller
    /// The document as sent, its issuing state filled in where the message left it out; nil when the traveller
    /// has none.
    public let travelDocument: PaxlstTravelDocument?
    /// Why the document cannot be screened (positions and codes only); nil when it can.
    public let problem: String?

    /// A record of every part.
    init(
        file: String, sha256: String, record: Int, context: APIContext, traveller: PaxlstTraveller,
        travelDocument: PaxlstTravelDocument?, problem: String?
    ) {
        self.file = file
        self.sha256 = sha256
        self.record = record
        self.context = context
        self.traveller = traveller
        self.travelDocument = travelDocument
        self.problem = problem
    }

    /// Records with the same parts are equal.
    public static func == (lhs: APIRecord, rhs: APIRecord) -> Bool {
        (lhs.file, lhs.sha256, lhs.record, lhs.problem) == (rhs.file, rhs.sha256, rhs.record, rhs.problem)
            && lhs.context == rhs.context && lhs.traveller == rhs.traveller
            && lhs.travelDocument == rhs.travelDocument
    }

    /// The document's fields in the shape of an MRZ read; nil when there is no document number to screen.
    public var fields: MRZDocument? { travelDocument.flatMap { Self.fields(of: $0, holder: traveller) } }

    /// The records of `message`: one per travel document of each traveller, in message order, and one unreadable
    /// record for a traveller with no document; numbered from `firstRecord`.
    static func records(of message: PaxlstMessage, file: String, sha256: String, firstRecord: Int) -> [APIRecord] {
        // What is wrong with the message as a whole (counts, trailers) goes with every traveller of it.
        let messageIssues = message.issues.filter { issue in
            !message.travellers.contains { traveller in
                traveller.issues.contains(issue) || traveller.documents.contains { $0.issues.contains(issue) }
            }
        }.map(\.description)
        let flight = message.flight
        var records: [APIRecord] = []
        records.reserveCapacity(message.travellers.count + message.travellers.count / 2)
        for traveller in message.travellers {
            let documents: [PaxlstTravelDocument?] = traveller.documents.isEmpty ? [nil] : traveller.documents
            for sent in documents {
                var document = sent
                var context = APIContext(
                    message: message, flight: flight, traveller: traveller, document: document,
                    issues: messageIssues + (traveller.issues + (document?.issues ?? [])).map(\.description))
                // The guidelines make LOC+91 conditional; a passport is issued by the holder's state.
                if document?.issuingState == nil, document?.type == "P", let nationality = traveller.nationality {
                    document?.issuingState = nationality
                    context.issues.append("LOC+91 not sent: the passport's issuing state is taken from NAT+2")
                }
                let problem =
                    document?.isReadable == true
                    ? nil
                    : (document?.unreadableReason ?? traveller.issues.first { $0.code == .noDocument })?.description
                        ?? "no document number to screen"
                records.append(
                    APIRecord(
                        file: file, sha256: sha256, record: firstRecord + records.count, context: context,
                        traveller: traveller, travelDocument: document, problem: problem))
            }
        }
        return records
    }

    /// `document` of `holder` in the shape of an MRZ read, with the findings an MRZ read would give for codes
    /// that are no ICAO 9303 codes and dates that are no dates; nil without a document number.
    static func fields(of document: PaxlstTravelDocument, holder: PaxlstTraveller) -> MRZDocument? {
        guard let number = document.number, document.isReadable else { return nil }
        var fields = MRZDocument(lines: [])
        fields.documentCode = document.type
        // As the MRZ would carry it: capitals, no spaces (a gateway may pass on `ab 123456` as keyed in).
        fields.documentNumber = String(number.uppercased().filter { !$0.isWhitespace })
        fields.issuingState = document.issuingState
        fields.nationality = holder.nationality
        fields.birthDate = holder.birthDate
        fields.expiryDate = document.expiryDate
        fields.sex = ["M", "F", "X"].contains(holder.sex ?? "") ? holder.sex : nil
        fields.surname = holder.mrzSurname
        let given = holder.mrzGivenNames
        fields.givenNames = given.isEmpty ? nil : given
        for (field, code) in [(MRZField.issuingState, document.issuingState), (.nationality, holder.nationality)] {
            if let code, !StateCode.isKnown(Array(code.utf8)) {
                fields.findings.append(MRZFinding(.unknownState, field, "\(field.rawValue) is not an ICAO 9303 code"))
            }
        }
        if holder.issues.contains(where: { $0.code == .invalidDate }) {
            fields.findings.append(MRZFinding(.dateInvalid, .birthDate, "the date of birth sent is not a date"))
        }
        if document.issues.contains(where: { $0.code == .invalidDate }) {
            fields.findings.append(MRZFinding(.dateInvalid, .expiryDate, "the date of expiry sent is not a date"))
        }
        return fields
    }
}
