import MRZ
import Pipeline
import Testing

struct MRZJSONTests {
    @Test("the mrz object of SPEC.md, byte for byte, for the ICAO TD3 specimen")
    func specExample() {
        let lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        let document = MRZParser.parse(lines.map { Array($0.utf8) }, currentYear: 2026)
        let expected =
            #"{"birthDate":"1974-08-12","checks":{"birthDate":true,"composite":true,"documentNumber":true,"#
            + #""expiryDate":true,"optionalData":true},"documentCode":"P","documentNumber":"L898902C3","errors":[],"#
            + #""expiryDate":"2012-04-15","findings":[],"format":"TD3","givenNames":"ANNA MARIA","issuingState":"UTO","#
            + #""lines":["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<","L898902C36UTO7408122F1204159ZE184226B<<<<<10"],"#
            + #""nameMayBeTruncated":false,"nationality":"UTO","optionalData":"ZE184226B","optionalData2":null,"#
            + #""sex":"F","surname":"ERIKSSON","valid":true}"#
        #expect(JSONWriter.text(document) == expected)
    }

    @Test("an unreadable group has null fields, FORMAT and its finding")
    func malformed() {
        let document = MRZParser.parse([Array("NOT AN MRZ".utf8)], currentYear: 2026)
        let text = JSONWriter.text(document)
        #expect(text.contains(#""format":null"#))
        #expect(text.contains(#""errors":["FORMAT"]"#))
        #expect(text.contains(#""valid":false"#))
        #expect(
            text.contains(
                #""checks":{"birthDate":null,"composite":null,"documentNumber":null,"expiryDate":null,"optionalData":null}"#
            ))
    }
}
