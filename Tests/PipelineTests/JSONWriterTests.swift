import Pipeline
import Testing

struct JSONWriterTests {
    @Test("keys are sorted byte-wise at every depth, so equal values give equal bytes")
    func sortedKeys() {
        let value = JSONValue.object(["b": .int(1), "a": .object(["z": .null, "Z": .bool(true)]), "B": .array([])])
        #expect(JSONWriter.text(value) == #"{"B":[],"a":{"Z":true,"z":null},"b":1}"#)
    }

    @Test(
        "strings are escaped",
        arguments: [
            ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#), ("line\nbreak", #""line\nbreak""#),
            ("\u{01}", #""\u0001""#), ("ÉÖ", "\"ÉÖ\""),
        ])
    func escaping(input: String, expected: String) {
        #expect(JSONWriter.text(JSONValue.string(input)) == expected)
    }

    @Test(
        "numbers",
        arguments: [(0.97, "0.97"), (1.0, "1"), (-0.5, "-0.5"), (12.000001, "12.000001"), (Double.nan, "null")])
    func doubles(input: Double, expected: String) {
        #expect(JSONWriter.text(JSONValue.double(input)) == expected)
    }
}

struct JSONStreamingTests {
    @Test("members and elements written one by one get their commas, nested at any depth")
    func streaming() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.strings(["x", "y"])
        writer.key("b")
        writer.beginArray()
        writer.element()
        writer.beginObject()
        writer.endObject()
        writer.element()
        writer.int(2)
        writer.endArray()
        writer.key("c")
        writer.value(JSONValue?.none)
        writer.key("d")
        writer.value(JSONValue.bool(false))
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":["x","y"],"b":[{},2],"c":null,"d":false}"#)
    }
}
