import Foundation
import Plumbing

/// Streams the rows of one list file (SPEC.md list format) as changes or problems. CSV needs a header
/// row naming the columns, in any order; JSONL has one object per line with the same keys. The format is
/// told by the first non-blank character (`{` is JSONL).
final class ListFileReader {
    /// One row's outcome.
    enum Row {
        case change(ListChange, line: Int)
        case problem(ListRowProblem)
    }

    private let path: String
    private let lines: LineReader
    private var format: Format?

    private enum Format {
        /// For each of `ListRowFields.columns`, its position in the file's rows (nil when absent).
        case csv(positions: [Int?])
        case jsonl
    }

    /// Opens `path`; the header is read with the first row.
    init(path: String) throws {
        self.path = path
        lines = try ListError.reading { try LineReader(path: path) }
    }

    /// The next row; nil at the end of the file. Blank lines are skipped.
    func next() throws -> Row? {
        while let line = try ListError.reading({ try lines.next() }) {
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
        case .csv(let positions)?:
            outcome = CSVLine.fields(line).flatMap { fields in
                var values: [String?] = []
                values.reserveCapacity(positions.count)
                for position in positions {
                    guard let position, position < fields.count else {
                        values.append(nil)
                        continue
                    }
                    guard let text = CSVLine.text(fields[position]) else { return .failure("not UTF-8 text") }
                    values.append(text.isEmpty ? nil : text)
                }
                return ListRowValidator.change(from: ListRowFields(values: values))
            }
        case .jsonl?, nil:
            outcome = Self.jsonObject(line).flatMap { object in
                ListRowValidator.change(
                    from: ListRowFields(
                        values: ListRowFields.columns.map { key in
                            Self.present(object[key] as? String)
                        }))
            }
        }
        switch outcome {
        case .success(let change): return .change(change, line: lines.lineNumber)
        case .failure(let reason):
            return .problem(ListRowProblem(file: path, line: lines.lineNumber, reason: reason.text))
        }
    }

    /// The value trimmed of spaces, nil when nothing is left.
    private static func present(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func jsonObject(_ line: ArraySlice<UInt8>) -> Result<[String: Any], RowReason> {
        guard let value = try? JSONSerialization.jsonObject(with: Data(line)), let object = value as? [String: Any]
        else {
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
        guard case .success(let fields) = CSVLine.fields(line) else {
            throw ListError.badFile(path: path, reason: "the CSV header row cannot be read")
        }
        let names = fields.map { CSVLine.text($0)?.lowercased() ?? "" }
        let missing = ListRowFields.requiredColumns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw ListError.badFile(
                path: path,
                reason: "not a list file: the CSV header lacks \(missing.joined(separator: ", ")) (or use JSONL)")
        }
        return .csv(positions: ListRowFields.columns.map { names.firstIndex(of: $0) })
    }
}

/// Splits one CSV line into fields (RFC 4180 quoting within the line: `"a,b"`, `""` for a quote). Fields
/// are slices of the line (a copy only for a quoted field holding `""`), so a row costs few allocations.
enum CSVLine {
    static func fields(_ line: ArraySlice<UInt8>) -> Result<[ArraySlice<UInt8>], RowReason> {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(8)
        var index = line.startIndex
        while true {
            if index < line.endIndex, line[index] == quote {
                var field: [UInt8] = []
                var escaped = false
                let start = index + 1
                index += 1
                while true {
                    guard index < line.endIndex else { return .failure("a quoted field is not closed") }
                    if line[index] == quote {
                        if index + 1 < line.endIndex, line[index + 1] == quote {
                            if !escaped {
                                field = Array(line[start..<index])
                                escaped = true
                            }
                            field.append(quote)
                            index += 2
                            continue
                        }
                        break
                    }
                    if escaped { field.append(line[index]) }
                    index += 1
                }
                fields.append(escaped ? field[...] : line[start..<index])
                index += 1  // the closing quote
                guard index == line.endIndex || line[index] == comma else {
                    return .failure("text after a closing quote")
                }
            } else {
                let end = line[index...].firstIndex(of: comma) ?? line.endIndex
                fields.append(line[index..<end])
                index = end
            }
            guard index < line.endIndex else { return .success(fields) }
            index += 1  // the comma
        }
    }

    /// A field as text without surrounding spaces and tabs; nil when it is not UTF-8.
    static func text(_ field: ArraySlice<UInt8>) -> String? {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = field.firstIndex(where: { !isSpace($0) }), let last = field.lastIndex(where: { !isSpace($0) })
        else { return "" }
        let trimmed = field[first...last]
        if trimmed.allSatisfy({ $0 < 0x80 }) { return String(decoding: trimmed, as: UTF8.self) }
        return String(validating: trimmed, as: UTF8.self)
    }
}
