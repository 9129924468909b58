import MRZ
import Testing

@testable import Pipeline

struct CloneRegisterTests {
    typealias F = RiskFixtures

    @Test("the same document with another holder is a clone of the earlier sighting, not the other way round")
    func laterSightingIsFlagged() {
        let register = CloneRegister()
        let first = F.document(surname: "MUELLER", givenNames: "JAN")
        let second = F.document(surname: "SCHMIDT", givenNames: "PETRA")
        register.note(first, order: 0, source: "a.png")
        register.note(second, order: 1, source: "b.png")
        #expect(register.sighting(for: first, order: 0) == nil)
        #expect(register.sighting(for: second, order: 1)?.detail.contains("a.png") == true)
        #expect(register.sighting(for: second, order: 1)?.detail.contains("name") == true)
    }

    @Test("noting a chunk in any order gives the answers of one pass in order")
    func orderIndependent() {
        let documents = [
            F.document(surname: "MUELLER"), F.document(surname: "MUELLER"), F.document(surname: "SCHMIDT"),
            F.document(surname: "MUELLER", birth: "810101"), F.document(number: "X1234567"),
        ]
        let inOrder = CloneRegister()
        let expected = documents.enumerated().map { index, document in
            inOrder.note(document, order: index, source: "\(index)")
            return inOrder.sighting(for: document, order: index)
        }
        let shuffled = CloneRegister()
        for index in documents.indices.reversed() { shuffled.note(documents[index], order: index, source: "\(index)") }
        let answers = documents.enumerated().map { shuffled.sighting(for: $1, order: $0) }
        #expect(answers == expected)
        #expect(expected.map { $0 != nil } == [false, false, true, true, false])
        #expect(expected[3]?.detail.contains("date of birth") == true)
    }

    @Test("the notes of a chunk noted in any order name every document whose clone check can find something")
    func notesNameEveryCheckNeeded() {
        let names = ["MUELLER", "NGUYEN", "OKONKWO", "PAPANDROPOULOUS", "KIM"]
        // Every third document repeats the number of the one two places before it, mostly with another holder.
        let documents = (0..<60).map { index in
            let source = index % 3 == 2 ? index - 2 : index
            return F.document(
                number: "C\(10_000 + source)", surname: names[(index % 4 == 0 ? source + 1 : source) % names.count])
        }
        let inOrder = CloneRegister()
        let expected = documents.enumerated().map { index, document in
            inOrder.note(document, order: index, source: nil)
            return inOrder.sighting(for: document, order: index) != nil
        }
        let shuffled = CloneRegister()
        var flagged = Set<Int>()
        for index in documents.indices.reversed() {
            let noted = shuffled.note(documents[index], order: index, source: nil)
            if noted.seenEarlier { flagged.insert(index) }
            if let displaced = noted.displaced { flagged.insert(displaced) }
        }
        let found = documents.indices.filter { shuffled.sighting(for: documents[$0], order: $0) != nil }
        #expect(found == expected.indices.filter { expected[$0] })
        #expect(!found.isEmpty)
        #expect(Set(found).isSubset(of: flagged), "a clone whose check the notes would skip")
        #expect(flagged == Set(documents.indices.filter { $0 % 3 == 2 }), "only repeated numbers need a check")
    }

    @Test("an OCR slip in the name is not a clone; a number whose check digit fails takes no part")
    func slipsAndBadNumbers() {
        let register = CloneRegister()
        register.note(F.document(surname: "MUELLER", givenNames: "JAN PETER"), order: 0, source: "a")
        #expect(register.sighting(for: F.document(surname: "MUELIER", givenNames: "JAN PETER"), order: 1) == nil)
        let badNumber = F.document(surname: "SCHMIDT") {
            $0[1][9] = $0[1][9] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        }
        register.note(badNumber, order: 2, source: "b")
        #expect(register.sighting(for: badNumber, order: 2) == nil)
    }
}
