import MRZ

extension MRZDocument: JSONWritable {
    /// The `mrz` object of SPEC.md, plus `nameMayBeTruncated` and `findings` (what is wrong, where).
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("birthDate"); writer.string(birthDate?.description)
        writer.key("checks")
        writer.beginObject()
        writer.key("birthDate"); writer.bool(checks.birthDate)
        writer.key("composite"); writer.bool(checks.composite)
        writer.key("documentNumber"); writer.bool(checks.documentNumber)
        writer.key("expiryDate"); writer.bool(checks.expiryDate)
        writer.key("optionalData"); writer.bool(checks.optionalData)
        writer.endObject()
        writer.key("documentCode"); writer.string(documentCode)
        writer.key("documentNumber"); writer.string(documentNumber)
        writer.key("errors"); writer.strings(errorCodes.map(\.rawValue))
        writer.key("expiryDate"); writer.string(expiryDate?.description)
        writer.key("findings")
        writer.beginArray()
        for finding in findings {
            writer.element()
            writer.beginObject()
            writer.key("code"); writer.string(finding.code.rawValue)
            writer.key("detail"); writer.string(finding.detail)
            writer.key("field"); writer.string(finding.field.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("format"); writer.string(format?.rawValue)
        writer.key("givenNames"); writer.string(givenNames)
        writer.key("issuingState"); writer.string(issuingState)
        writer.key("lines")
        writer.beginArray()
        for line in lines {
            writer.element()
            writer.string(bytes: line)
        }
        writer.endArray()
        writer.key("nameMayBeTruncated"); writer.bool(nameMayBeTruncated)
        writer.key("nationality"); writer.string(nationality)
        writer.key("optionalData"); writer.string(optionalData)
        writer.key("optionalData2"); writer.string(optionalData2)
        writer.key("sex"); writer.string(sex)
        writer.key("surname"); writer.string(surname)
        writer.key("valid"); writer.bool(valid)
        writer.endObject()
    }
}
