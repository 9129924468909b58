import MRZ

/// Turns one row's fields (column name → value) into a change to the list, or says what is wrong with it.
enum ListRowValidator {
    /// Columns every row must have (a withdrawal needs only `record_id` and `status`).
    static let requiredColumns = ["record_id", "issuing_state", "document_number", "status"]

    static func change(from field: (String) -> String?) -> Result<ListChange, RowReason> {
        guard let recordID = field("record_id") else { return .failure("record_id is empty") }
        guard recordID.utf8.count <= 64, recordID.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
            return .failure("record_id is longer than 64 bytes or holds control characters")
        }
        guard let statusText = field("status") else { return .failure("status is empty") }
        guard let status = ListStatus(rawValue: statusText.lowercased()) else {
            return .failure("status is not one of stolen, lost, revoked, invalidated, stolen_blank, withdrawn")
        }
        if status == .withdrawn { return .success(.withdraw(recordID: recordID)) }
        guard let stateText = field("issuing_state"), let state = DocumentNumber.state(stateText) else {
            return .failure("issuing_state is not a 1–3 letter code")
        }
        guard let numberText = field("document_number"), let number = DocumentNumber.normalized(numberText),
              number.utf8.count <= 24
        else { return .failure("document_number is empty, longer than 24 characters or not A–Z, 0–9") }
        var numberTo: String? = nil
        if let toText = field("number_to") {
            guard let to = DocumentNumber.normalized(toText), NumberRange(from: number, to: to) != nil
            else {
                return .failure("number_to does not close a range with document_number (same prefix and length, not before it)")
            }
            numberTo = to
        }
        var documentType: String? = nil
        if let typeText = field("document_type") {
            guard let type = DocumentNumber.normalized(typeText), type.utf8.count <= 3 else {
                return .failure("document_type is not 1–3 letters or digits")
            }
            documentType = type
        }
        var reportedOn: String? = nil
        if let date = field("reported_on") {
            guard MRZDate(iso: date) != nil else { return .failure("reported_on is not a date YYYY-MM-DD") }
            reportedOn = date
        }
        return .success(.upsert(ListRecord(
            recordID: recordID, issuingState: state, documentNumber: number, documentType: documentType,
            status: status, reportedOn: reportedOn, numberTo: numberTo)))
    }
}

/// Why a row was skipped (an error type so it can travel in a `Result`).
struct RowReason: Error, ExpressibleByStringLiteral, Equatable {
    let text: String
    init(stringLiteral text: String) { self.text = text }
    init(_ text: String) { self.text = text }
}
