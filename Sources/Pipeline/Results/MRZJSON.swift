import MRZ

extension MRZDocument {
    /// The `mrz` object of SPEC.md, plus `nameMayBeTruncated` and `findings` (what is wrong, where).
    public var json: JSONValue {
        // Keys in sorted order: each member is then appended, not inserted.
        .object([
            "birthDate": .string(birthDate?.description),
            "checks": .object([
                "birthDate": .bool(checks.birthDate),
                "composite": .bool(checks.composite),
                "documentNumber": .bool(checks.documentNumber),
                "expiryDate": .bool(checks.expiryDate),
                "optionalData": .bool(checks.optionalData),
            ]),
            "documentCode": .string(documentCode),
            "documentNumber": .string(documentNumber),
            "errors": .array(errorCodes.map { .string($0.rawValue) }),
            "expiryDate": .string(expiryDate?.description),
            "findings": .array(findings.map {
                .object(["code": .string($0.code.rawValue), "detail": .string($0.detail),
                         "field": .string($0.field.rawValue)])
            }),
            "format": .string(format?.rawValue),
            "givenNames": .string(givenNames),
            "issuingState": .string(issuingState),
            "lines": .array(lineTexts.map(JSONValue.string)),
            "nameMayBeTruncated": .bool(nameMayBeTruncated),
            "nationality": .string(nationality),
            "optionalData": .string(optionalData),
            "optionalData2": .string(optionalData2),
            "sex": .string(sex),
            "surname": .string(surname),
            "valid": .bool(valid),
        ])
    }
}
