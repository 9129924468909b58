import Foundation
import VisualZone

/// One row per result, for spreadsheets: who, what was read, the decision and why. RFC 4180 quoting; a
/// cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
public final class CSVResultWriter: ResultWriter {
    /// The header row, in column order.
    public static let columns = [
        "file", "record", "status", "level", "score", "reasons", "problem", "format", "document_code", "issuing_state",
        "document_number", "nationality", "surname", "given_names", "birth_date", "sex", "expiry_date", "mrz_valid",
        "mrz_errors", "list_checked", "list_hit", "list_match", "list_records", "ocr_confidence", "ocr_corrected",
        "sha256", "viz_document_number", "viz_surname", "viz_given_names", "viz_birth_date", "viz_expiry_date",
        "viz_sex", "api_flight", "api_from", "api_to", "api_arrives", "api_role", "api_message", "api_traveller",
        "api_document",
    ]
    private let output: OutputFile

    /// Writes the header to `output`; rows follow.
    public init(_ output: OutputFile) {
        self.output = output
        output.write(text: Self.row(Self.columns))
    }

    public func write(_ result: ScanResult) throws {
        output.write(text: Self.row(Self.cells(of: result)))
    }

    public func finish() throws { try output.finish() }

    /// The cells of `result`, in `columns` order.
    static func cells(of result: ScanResult) -> [String] {
        let document = result.document
        let risk = result.risk
        let list = result.list
        let read: [String] = [
            result.file ?? "", result.record.map(String.init) ?? "", result.status.rawValue,
            risk?.level.rawValue ?? "", risk.map { String($0.score) } ?? "",
            risk?.reasons.map(\.code.rawValue).joined(separator: " ") ?? "",
            result.problem.map { "\($0.code.rawValue): \($0.detail)" } ?? "",
            document?.format?.rawValue ?? "", document?.documentCode ?? "", document?.issuingState ?? "",
            document?.documentNumber ?? "", document?.nationality ?? "", document?.surname ?? "",
            document?.givenNames ?? "", document?.birthDate?.description ?? "", document?.sex ?? "",
            document?.expiryDate?.description ?? "", document.map { $0.valid ? "true" : "false" } ?? "",
            document?.errorCodes.map(\.rawValue).joined(separator: " ") ?? "",
            list.map { $0.checked ? "true" : "false" } ?? "", list.map { $0.hit ? "true" : "false" } ?? "",
            list?.match?.rawValue ?? "", list?.hits.map(\.record.recordID).joined(separator: " ") ?? "",
            result.ocr.map { String(format3: $0.confidence) } ?? "",
            result.ocr?.corrected.joined(separator: " ") ?? "", result.sha256 ?? "",
        ]
        return read + VisualField.allCases.map { visualCell(result.visualZone, $0) } + apiCells(result.api)
    }

    /// The flight and the traveller's place, for an API traveller document; empty cells otherwise.
    private static func apiCells(_ api: APIContext?) -> [String] {
        guard let api else { return Array(repeating: "", count: 8) }
        return [
            api.flight ?? "", api.departure?.place ?? "", api.arrival?.place ?? "",
            api.arrival?.time?.description ?? "", api.role, String(api.message), String(api.traveller),
            api.document.map(String.init) ?? "",
        ]
    }

    /// `agrees`, `unread`, or `differs: ` and the value the page prints; empty when the check did not run.
    private static func visualCell(_ check: VisualZoneCheck?, _ field: VisualField) -> String {
        guard let comparison = check?[field] else { return "" }
        guard comparison.verdict == .differs else { return comparison.verdict.rawValue }
        return "differs: " + (comparison.printed ?? "")
    }

    /// One CSV row with its line break.
    static func row(_ cells: [String]) -> String {
        cells.map(quoted).joined(separator: ",") + "\r\n"
    }

    private static func quoted(_ cell: String) -> String {
        var cell = cell
        if let first = cell.utf8.first, "=+-@".utf8.contains(first) { cell = "'" + cell }
        guard
            cell.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
            })
        else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// A number with up to three decimals, as the result line writes it.
    init(format3 value: Double) {
        var writer = JSONWriter()
        writer.double((value * 1000).rounded() / 1000)
        self = writer.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
