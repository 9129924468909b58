/// A JSON value as docguard writes it: objects keep their members sorted by key, so the same value gives
/// the same bytes (SPEC.md "keys sorted").
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A string, or null when nil.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// A boolean, or null when nil.
    public static func bool(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }
}

/// A JSON object: members kept sorted by key as they are added (a later value for a key replaces the
/// earlier one), so writing needs no sort and building one needs no hashing — result lines are written a
/// quarter of a million times a second. Keys compare as Swift strings, which for the ASCII keys docguard
/// writes is byte order.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The members, sorted by key.
    public private(set) var members: [(key: String, value: JSONValue)] = []

    /// An object from a literal; keys written in sorted order cost one comparison each.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// The value for `key`; setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            let index = insertionIndex(of: key)
            return index < members.count && members[index].key == key ? members[index].value : nil
        }
        set {
            let index = insertionIndex(of: key)
            let present = index < members.count && members[index].key == key
            switch (newValue, present) {
            case (let value?, true): members[index].value = value
            case (let value?, false): members.insert((key, value), at: index)
            case (nil, true): members.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// This object with `other`'s members added (`other` wins on equal keys).
    public func merging(_ other: JSONObject) -> JSONObject {
        var merged = self
        for (key, value) in other.members { merged[key] = value }
        return merged
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Where `key` is or would go; checks the end first, since members mostly arrive in order.
    private func insertionIndex(of key: String) -> Int {
        guard let last = members.last, key <= last.key else { return members.count }
        var low = 0
        var high = members.count - 1
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
