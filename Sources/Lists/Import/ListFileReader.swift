import Foundation

/// Streams the rows of one list file (SPEC.md list format) as changes or problems. CSV needs a header
/// row naming the columns, in any order; JSONL has one object per line with the same keys. The format is
/// told by the first non-blank character (`{` is JSONL).
final class ListFileReader {
    /// One row's outcome.
    enum Row {
        case change(ListChange)
        case problem(ListRowProblem)
    }

    private let path: String
    private let lines: LineReader
    private var format: Format?

    private enum Format {
        case csv(columns: [String: Int])
        case jsonl
    }

    /// Opens `path`; the header is read with the first row.
    init(path: String) throws {
        self.path = path
        lines = try LineReader(path: path)
    }

    /// The next row; nil at the end of the file. Blank lines are skipped.
    func next() throws -> Row? {
        while let line = try lines.next() {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            if format == nil {
                format = try Self.detect(line, path: path)
                if case .csv = format { continue }  // the header row
            }
            return row(line)
        }
        return nil
    }

    private func row(_ line: ArraySlice<UInt8>) -> Row {
        let outcome: Result<ListChange, RowReason>
        switch format {
        case .csv(let columns)?:
            switch CSVLine.fields(line) {
            case .success(let fields):
                outcome = ListRowValidator.change { column in
                    columns[column].flatMap { $0 < fields.count ? Self.present(fields[$0]) : nil }
                }
            case .failure(let reason):
                outcome = .failure(reason)
            }
        case .jsonl?, nil:
            outcome = Self.jsonObject(line).flatMap { object in
                ListRowValidator.change { key in Self.present(object[key] as? String) }
            }
        }
        switch outcome {
        case .success(let change): return .change(change)
        case .failure(let reason): return .problem(ListRowProblem(file: path, line: lines.lineNumber, reason: reason.text))
        }
    }

    /// The value trimmed of spaces, nil when nothing is left.
    private static func present(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func jsonObject(_ line: ArraySlice<UInt8>) -> Result<[String: Any], RowReason> {
        guard let value = try? JSONSerialization.jsonObject(with: Data(line)), let object = value as? [String: Any] else {
            return .failure("not a JSON object")
        }
        for (key, value) in object where !(value is String) && !(value is NSNull) {
            return .failure(RowReason("\(key) is not a string or null"))
        }
        return .success(object)
    }

    /// CSV when the first line is a header holding the required columns; JSONL when it is an object.
    private static func detect(_ first: ArraySlice<UInt8>, path: String) throws -> Format {
        var line = first
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }  // UTF-8 byte order mark
        if line.first(where: { $0 != UInt8(ascii: " ") }) == UInt8(ascii: "{") { return .jsonl }
        guard case .success(let names) = CSVLine.fields(line) else {
            throw ListError.badFile(path: path, reason: "the CSV header row cannot be read")
        }
        var columns: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            columns[name.trimmingCharacters(in: .whitespaces).lowercased()] = index
        }
        let missing = ListRowValidator.requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw ListError.badFile(
                path: path,
                reason: "not a list file: the CSV header lacks \(missing.joined(separator: ", ")) (or use JSONL)")
        }
        return .csv(columns: columns)
    }
}

/// Splits one CSV line into fields (RFC 4180 quoting within the line: `"a,b"`, `""` for a quote).
enum CSVLine {
    static func fields(_ line: ArraySlice<UInt8>) -> Result<[String], RowReason> {
        var fields: [String] = []
        var index = line.startIndex
        while true {
            var field: [UInt8] = []
            if index < line.endIndex, line[index] == UInt8(ascii: "\"") {
                index += 1
                while true {
                    guard index < line.endIndex else { return .failure("a quoted field is not closed") }
                    if line[index] == UInt8(ascii: "\"") {
                        if index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(line[index])
                    index += 1
                }
                guard index == line.endIndex || line[index] == UInt8(ascii: ",") else {
                    return .failure("text after a closing quote")
                }
            } else {
                let end = line[index...].firstIndex(of: UInt8(ascii: ",")) ?? line.endIndex
                field.append(contentsOf: line[index..<end])
                index = end
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                return .failure("not UTF-8 text")
            }
            fields.append(text)
            guard index < line.endIndex else { return .success(fields) }
            index += 1  // the comma
        }
    }
}
