/// Typed reads of a JSON object's members, strictly: a member that is absent or null reads as nil, one of
/// another type is an error naming it (`mrz.lines is not a list of texts`), never a silent nil.
struct JSONFields {
    /// A member of the wrong type; `why` names it.
    struct Mismatch: Error, Equatable {
        var why: String
    }

    /// The object read.
    let object: JSONObject
    /// Where it sits in the line (`mrz.`), for messages.
    let prefix: String

    init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    private func member(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    private func mismatch(_ key: String, _ kind: String) -> Mismatch { Mismatch(why: "\(prefix)\(key) is not \(kind)") }

    /// A member `extract` takes, or nil when absent or null; `kind` names what it must be.
    private func scalar<Value>(_ key: String, _ kind: String, _ extract: (JSONValue) -> Value?) throws(Mismatch)
        -> Value?
    {
        guard let value = member(key) else { return nil }
        guard let typed = extract(value) else { throw mismatch(key, kind) }
        return typed
    }

    func string(_ key: String) throws(Mismatch) -> String? {
        try scalar(key, "a text") { if case .string(let text) = $0 { text } else { nil } }
    }

    func int(_ key: String) throws(Mismatch) -> Int? {
        try scalar(key, "a whole number") { if case .int(let number) = $0 { number } else { nil } }
    }

    /// A number, whole or not.
    func double(_ key: String) throws(Mismatch) -> Double? {
        try scalar(key, "a number") {
            switch $0 {
            case .int(let number): Double(number)
            case .double(let number): number
            default: nil
            }
        }
    }

    func bool(_ key: String) throws(Mismatch) -> Bool? {
        try scalar(key, "true or false") { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    /// A list member whose every element `extract` takes, or nil when absent or null.
    private func list<Element>(_ key: String, _ kind: String, _ extract: (JSONValue) -> Element?)
        throws(Mismatch) -> [Element]?
    {
        guard let value = member(key) else { return nil }
        guard case .array(let elements) = value else { throw mismatch(key, kind) }
        var typed: [Element] = []
        for element in elements {
            guard let item = extract(element) else { throw mismatch(key, kind) }
            typed.append(item)
        }
        return typed
    }

    func strings(_ key: String) throws(Mismatch) -> [String]? {
        try list(key, "a list of texts") { if case .string(let text) = $0 { text } else { nil } }
    }

    func object(_ key: String) throws(Mismatch) -> JSONFields? {
        switch member(key) {
        case nil: return nil
        case .object(let object)?: return JSONFields(object, prefix: "\(prefix)\(key).")
        default: throw mismatch(key, "an object")
        }
    }

    func objects(_ key: String) throws(Mismatch) -> [JSONFields]? {
        try list(key, "a list of objects") {
            if case .object(let object) = $0 { JSONFields(object, prefix: "\(prefix)\(key)[].") } else { nil }
        }
    }

    /// A text member that must be one of `Value`'s raw values.
    func code<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(Mismatch) -> Value? {
        guard let text = try string(key) else { return nil }
        guard let value = Value(rawValue: text) else { throw mismatch(key, "a known code") }
        return value
    }

    /// A text member that must be there and be one of `Value`'s raw values.
    func requiredCode<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(Mismatch) -> Value {
        guard let value = try code(key, as: type) else { throw Mismatch(why: "no \(prefix)\(key)") }
        return value
    }

    /// A member that must be there.
    func required<Value>(_ key: String, _ read: (String) throws(Mismatch) -> Value?) throws(Mismatch) -> Value {
        guard let value = try read(key) else { throw Mismatch(why: "no \(prefix)\(key)") }
        return value
    }
}
