import VisualZone

extension VisualZoneCheck: JSONWritable {
    /// The `viz` object (SPEC.md additions): per field, in key order, its `verdict` (`agrees`, `differs`, `unread`)
    /// and the value as `printed` on the page (null when unread).
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        for field in Self.keyOrder {
            writer.key(Self.key(field))
            let comparison = self[field]
            writer.beginObject()
            writer.key("printed")
            writer.string(comparison.printed)
            writer.key("verdict")
            writer.string(comparison.verdict.rawValue)
            writer.endObject()
        }
        writer.endObject()
    }

    /// The fields in the order of their keys.
    static let keyOrder: [VisualField] = VisualField.allCases.sorted { $0.rawValue < $1.rawValue }

    private static func key(_ field: VisualField) -> StaticString {
        switch field {
        case .documentNumber: "documentNumber"
        case .surname: "surname"
        case .givenNames: "givenNames"
        case .birthDate: "birthDate"
        case .expiryDate: "expiryDate"
        case .sex: "sex"
        }
    }
}
