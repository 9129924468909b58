import MRZ
import Testing

/// Properties over many random, seeded documents of every format.
struct PropertyTests {
    static let documentsPerFormat = 300

    /// Random valid documents of `format`, the same ones every run.
    static func samples(_ format: MRZFormat, seed: UInt64) -> [(fields: MRZFields, lines: [[UInt8]])] {
        var generator = SeededGenerator(seed: seed)
        return (0..<documentsPerFormat).map { _ in
            let fields = SpecimenFactory.fields(format: format, using: &generator, birthYears: 1930...2024)
            return (fields, MRZComposer.compose(fields))
        }
    }

    @Test("random valid MRZs validate and read back their data", arguments: MRZFormat.allCases)
    func roundTrip(format: MRZFormat) {
        for (fields, lines) in Self.samples(format, seed: 1) {
            let document = MRZParser.parse(lines, currentYear: testYear)
            #expect(document.valid, "\(document.findings)")
            #expect(document.format == format)
            #expect(document.documentNumber == fields.documentNumber)
            #expect(document.issuingState == fields.issuingState)
            #expect(document.nationality == fields.nationality)
            #expect(document.optionalData == fields.optionalData)
            #expect(document.documentCode == fields.documentCode)
            #expect(
                document.birthDate.map { String($0.description.dropFirst(2).filter { $0 != "-" }) } == fields.birthDate)
            #expect(document.sex == (fields.sex == "<" ? "X" : fields.sex))
            let name = (fields.surname + " " + fields.givenNames).split(separator: " ").joined(separator: " ")
            let read = ((document.surname ?? "") + " " + (document.givenNames ?? "")).split(separator: " ").joined(
                separator: " ")
            #expect(document.nameMayBeTruncated || read == name)
        }
    }

    /// ICAO check digits weigh each character by 7, 3 or 1 modulo 10, so a change is visible exactly
    /// when the two characters' values differ modulo 10 (`<`, `0`, `A`, `K`, `U` all count as 0): any
    /// such change, or a character the field cannot hold, must be caught.
    @Test("changing any single character a check digit protects is detected", arguments: MRZFormat.allCases)
    func singleChangesDetected(format: MRZFormat) {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<".utf8)
        func value(_ byte: UInt8) -> Int { CheckDigit.compute([byte]).map { $0 * 3 % 10 } ?? -1 }
        for (_, lines) in Self.samples(format, seed: 2).prefix(20) {
            let layout = MRZLayout.of(format)
            let protected = Set(
                layout.fieldChecks(for: lines).flatMap(\.positions)
                    + (layout.compositeCheckRule?.positions ?? []))
            #expect(!protected.isEmpty)
            for position in protected.sorted() {
                let original = lines[position.line][position.index]
                let kind = layout.positionKinds[position.line][position.index]
                for replacement in alphabet where replacement != original {
                    guard value(replacement) != value(original) || !kind.allows(replacement) else { continue }
                    let changed = replacing(lines, line: position.line, index: position.index, with: replacement)
                    let document = MRZParser.parse(changed, currentYear: testYear)
                    #expect(!document.valid, "\(position): \(original) -> \(replacement) went unnoticed")
                }
            }
        }
    }

    @Test("characters of equal value modulo 10 are invisible to check digits, as ICAO 9303-3 §4.9 defines them")
    func equalValuesInvisible() {
        let lines = bytes([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        for replacement in Array("0AKU".utf8) {
            let document = MRZParser.parse(
                replacing(lines, line: 1, index: 40, with: replacement), currentYear: testYear)
            #expect(document.valid)
        }
    }

    @Test("a single O/0-type confusion in a digits field is repaired back and reported", arguments: MRZFormat.allCases)
    func confusionRepaired(format: MRZFormat) {
        let confusions: [UInt8: UInt8] = [
            UInt8(ascii: "0"): UInt8(ascii: "O"), UInt8(ascii: "1"): UInt8(ascii: "I"),
            UInt8(ascii: "8"): UInt8(ascii: "B"), UInt8(ascii: "5"): UInt8(ascii: "S"),
            UInt8(ascii: "2"): UInt8(ascii: "Z"), UInt8(ascii: "6"): UInt8(ascii: "G"),
        ]
        let repairer = MRZRepairer()
        var repairedCount = 0
        for (_, lines) in Self.samples(format, seed: 3).prefix(100) {
            let layout = MRZLayout.of(format)
            let digitPositions = layout.fieldChecks(for: lines).filter {
                $0.field != .documentNumber && $0.field != .optionalData
            }
            .flatMap(\.positions)
            for position in digitPositions {
                guard let misread = confusions[lines[position.line][position.index]] else { continue }
                let read = replacing(lines, line: position.line, index: position.index, with: misread)
                let result = repairer.repair(read)
                #expect(result.outcome == .repaired)
                #expect(result.lines == lines)
                #expect(
                    result.corrections == [
                        MRZCorrection(position: position, from: misread, to: lines[position.line][position.index])
                    ])
                repairedCount += 1
            }
        }
        #expect(repairedCount > 100)
    }
}
