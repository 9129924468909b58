import MRZ

/// One row's values by column, trimmed, nil when empty or absent.
struct ListRowFields {
    /// The columns of the list format, in the order `values` holds them.
    static let columns = [
        "record_id", "issuing_state", "document_number", "document_type", "status", "reported_on",
        "number_to",
    ]
    /// Columns every file must have (a withdrawal row needs only `record_id` and `status` filled).
    static let requiredColumns = ["record_id", "issuing_state", "document_number", "status"]

    /// Values in the order of `columns`.
    var values: [String?]

    /// A column of the list format.
    enum Column: Int {
        case recordID, issuingState, documentNumber, documentType, status, reportedOn, numberTo
    }

    subscript(column: Column) -> String? { values[column.rawValue] }
}

/// Turns one row's fields into a change to the list, or says what is wrong with it.
enum ListRowValidator {
    static func change(from row: ListRowFields) -> Result<ListChange, RowReason> {
        guard let recordID = row[.recordID] else { return .failure("record_id is empty") }
        guard recordID.utf8.count <= 64, recordID.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
            return .failure("record_id is longer than 64 bytes or holds control characters")
        }
        guard let statusText = row[.status] else { return .failure("status is empty") }
        guard let status = ListStatus(rawValue: statusText.lowercased()) else {
            return .failure("status is not one of stolen, lost, revoked, invalidated, stolen_blank, withdrawn")
        }
        if status == .withdrawn { return .success(.withdraw(recordID: recordID)) }
        guard let stateText = row[.issuingState], let state = DocumentNumber.state(stateText) else {
            return .failure("issuing_state is not a 1–3 letter code")
        }
        guard let numberText = row[.documentNumber], let number = DocumentNumber.normalized(numberText),
            number.utf8.count <= 24
        else { return .failure("document_number is empty, longer than 24 characters or not A–Z, 0–9") }
        var numberTo: String? = nil
        if let toText = row[.numberTo] {
            guard let to = DocumentNumber.normalized(toText), NumberRange(from: number, to: to) != nil
            else {
                return .failure(
                    "number_to does not close a range with document_number (same prefix and length, not before it)")
            }
            numberTo = to
        }
        var documentType: String? = nil
        if let typeText = row[.documentType] {
            guard let type = DocumentNumber.normalized(typeText), type.utf8.count <= 3 else {
                return .failure("document_type is not 1–3 letters or digits")
            }
            documentType = type
        }
        var reportedOn: String? = nil
        if let date = row[.reportedOn] {
            guard MRZDate(iso: date) != nil else { return .failure("reported_on is not a date YYYY-MM-DD") }
            reportedOn = date
        }
        return .success(
            .upsert(
                ListRecord(
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
