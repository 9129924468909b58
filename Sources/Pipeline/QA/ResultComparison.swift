import Foundation

/// Two result files compared result by result (matched by file, or record number), field by field: what
/// QA reads before a change ships.
public struct ResultComparison {
    /// One field that differs: its path in the result (`risk.reasons[0].code`) and both values as JSON.
    public struct FieldDifference: Equatable {
        public var path: String
        public var golden: String
        public var actual: String
        /// For a field that holds personal data, the difference without the values (shapes, positions).
        public var redacted: String?

        init(path: String, golden: JSONValue?, actual: JSONValue?) {
            self.path = path
            self.golden = golden.map(ResultComparison.text) ?? "(absent)"
            self.actual = actual.map(ResultComparison.text) ?? "(absent)"
            let personal = PersonalFields.isPersonal(golden, at: path) || PersonalFields.isPersonal(actual, at: path)
            redacted = personal ? PersonalFields.difference(golden: golden, actual: actual) : nil
        }
    }

    /// Results whose fields differ, by key, in golden file order.
    public private(set) var changed: [(key: String, fields: [FieldDifference])] = []
    /// Keys in the golden file that the actual file lacks.
    public private(set) var missing: [String] = []
    /// Keys in the actual file that the golden file lacks.
    public private(set) var extra: [String] = []
    /// Results compared (present in both).
    public private(set) var compared = 0

    /// Compares `actual` with `golden`, leaving out fields whose path is in `ignoring` (and everything below
    /// them), e.g. `ocr.confidence`.
    public init(actual: ResultFile, golden: ResultFile, ignoring: Set<String> = []) {
        for key in golden.keys {
            guard let actualResult = actual.results[key] else {
                missing.append(key)
                continue
            }
            compared += 1
            var fields: [FieldDifference] = []
            Self.compare(
                .object(golden.results[key]!.fields), .object(actualResult.fields), path: "", ignoring: ignoring,
                into: &fields)
            if !fields.isEmpty { changed.append((key, fields)) }
        }
        extra = actual.keys.filter { golden.results[$0] == nil }
    }

    /// True when nothing differs.
    public var isEqual: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty }

    /// The differences for a person: each changed result with its fields, golden value then actual value,
    /// then what is missing or extra, then a count. A personal field's values (names, numbers, dates) are
    /// shown only with `showingPersonalData`; otherwise the line says how it differs, not what it says.
    public func report(actualPath: String, goldenPath: String, showingPersonalData: Bool = false) -> String {
        var lines: [String] = []
        var hidden = false
        for (key, fields) in changed {
            lines.append(key)
            for field in fields {
                if let redacted = field.redacted, !showingPersonalData {
                    hidden = true
                    lines.append("  \(field.path): \(redacted)")
                } else {
                    lines.append("  \(field.path): \(field.golden) -> \(field.actual)")
                }
            }
        }
        for key in missing { lines.append("\(key): missing from \(actualPath)") }
        for key in extra { lines.append("\(key): not in \(goldenPath)") }
        if hidden { lines.append("(values of personal data fields hidden; --show-personal-data shows them)") }
        lines.append(
            isEqual
                ? "\(compared) results, all equal"
                : "\(changed.count) of \(compared) results differ, \(missing.count) missing, \(extra.count) extra")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func compare(
        _ golden: JSONValue, _ actual: JSONValue, path: String, ignoring: Set<String>,
        into differences: inout [FieldDifference]
    ) {
        guard !ignoring.contains(path) else { return }
        switch (golden, actual) {
        case (.object(let golden), .object(let actual)):
            for key in Set(golden.members.map(\.key)).union(actual.members.map(\.key)).sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                switch (golden[key], actual[key]) {
                case (let g?, let a?): compare(g, a, path: child, ignoring: ignoring, into: &differences)
                case (let g?, nil) where !ignoring.contains(child):
                    differences.append(FieldDifference(path: child, golden: g, actual: nil))
                case (nil, let a?) where !ignoring.contains(child):
                    differences.append(FieldDifference(path: child, golden: nil, actual: a))
                default: break
                }
            }
        case (.array(let golden), .array(let actual)) where golden.count == actual.count:
            for (index, (g, a)) in zip(golden, actual).enumerated() {
                compare(g, a, path: "\(path)[\(index)]", ignoring: ignoring, into: &differences)
            }
        default:
            if text(golden) != text(actual) {
                differences.append(FieldDifference(path: path, golden: golden, actual: actual))
            }
        }
    }

    /// A value as compact JSON with sorted keys (so equal values read equal), as Foundation writes it:
    /// numbers as read (`0.989`, `1e-07`), not rounded as result lines are written.
    static func text(_ value: JSONValue) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: [foundationObject(value)], options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "\(value)" }
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    private static func foundationObject(_ value: JSONValue) -> Any {
        switch value {
        case .null: NSNull()
        case .bool(let flag): NSNumber(value: flag)
        case .int(let number): NSNumber(value: number)
        case .double(let number): NSNumber(value: number)
        case .string(let text): text
        case .array(let elements): elements.map(foundationObject)
        case .object(let object):
            Dictionary(uniqueKeysWithValues: object.members.map { ($0.key, foundationObject($0.value)) })
        }
    }
}
