import MRZ

extension MRZDocument {
    /// The `mrz` object of SPEC.md, plus `nameMayBeTruncated` and `findings` (what is wrong, where).
    public var json: JSONValue {
        .object([
            "format": .string(format?.rawValue),
            "documentCode": .string(documentCode),
            "issuingState": .string(issuingState),
            "documentNumber": .string(documentNumber),
            "nationality": .string(nationality),
            "birthDate": .string(birthDate?.description),
            "sex": .string(sex),
            "expiryDate": .string(expiryDate?.description),
            "optionalData": .string(optionalData),
            "optionalData2": .string(optionalData2),
            "surname": .string(surname),
            "givenNames": .string(givenNames),
            "nameMayBeTruncated": .bool(nameMayBeTruncated),
            "checks": .object([
                "documentNumber": .bool(checks.documentNumber),
                "birthDate": .bool(checks.birthDate),
                "expiryDate": .bool(checks.expiryDate),
                "optionalData": .bool(checks.optionalData),
                "composite": .bool(checks.composite),
            ]),
            "valid": .bool(valid),
            "errors": .array(errorCodes.map { .string($0.rawValue) }),
            "findings": .array(findings.map {
                .object(["code": .string($0.code.rawValue), "field": .string($0.field.rawValue),
                         "detail": .string($0.detail)])
            }),
            "lines": .array(lineTexts.map(JSONValue.string)),
        ])
    }
}
