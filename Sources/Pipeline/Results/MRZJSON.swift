import MRZ

extension MRZDocument {
    /// The `mrz` object of SPEC.md, plus `nameMayBeTruncated` and `findings` (what is wrong, where).
    public var json: JSONValue {
        .object([
            "birthDate": .string(birthDate?.description),
            "documentCode": .string(documentCode),
            "documentNumber": .string(documentNumber),
            "expiryDate": .string(expiryDate?.description),
            "format": .string(format?.rawValue),
            "givenNames": .string(givenNames),
            "issuingState": .string(issuingState),
            "nameMayBeTruncated": .bool(nameMayBeTruncated),
            "nationality": .string(nationality),
            "optionalData": .string(optionalData),
            "optionalData2": .string(optionalData2),
            "sex": .string(sex),
            "surname": .string(surname),
            "checks": .object([
                "birthDate": .bool(checks.birthDate),
                "composite": .bool(checks.composite),
                "documentNumber": .bool(checks.documentNumber),
                "expiryDate": .bool(checks.expiryDate),
                "optionalData": .bool(checks.optionalData),
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
