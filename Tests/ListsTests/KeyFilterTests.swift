import Foundation
import Testing

@testable import Lists

/// A filter of `keys` (state, folded number), built as an import builds one (in memory at this size).
func makeFilter(_ keys: some Sequence<(String, String)>, capacity: Int) throws -> KeyFilter {
    let builder = try KeyFilterBuilder(capacity: capacity, scratchDirectory: NSTemporaryDirectory())
    for (state, number) in keys { builder.insert(state: state, foldedNumber: number) }
    var bytes: [UInt8] = []
    try builder.finish { bytes += $0 }
    return try #require(KeyFilter(serialized: bytes))
}

/// The serialized filter of `keys`, made here bit by bit from the hash and block rules alone.
func referenceFilterBytes(_ keys: [(String, String)]) -> [UInt8] {
    let blockCount = KeyFilter.blockCount(capacity: keys.count)
    var words = [UInt64](repeating: 0, count: blockCount * KeyFilter.wordsPerBlock)
    words.withUnsafeMutableBufferPointer { words in
        for (state, number) in keys {
            let hash = KeyFilter.hash(state: state, foldedNumber: number)
            KeyFilter.set(
                hash,
                in: words.baseAddress! + KeyFilter.block(of: hash, blockCount: blockCount) * KeyFilter.wordsPerBlock)
        }
    }
    return KeyFilter.header(blockCount: blockCount, count: keys.count)
        + words.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
}

@Suite struct KeyFilterTests {
    @Test func neverForgetsAKeyAndRarelyClaimsAnUnknownOne() throws {
        let filter = try makeFilter((0..<50_000).map { ("UTO", "A\($0)") }, capacity: 50_000)
        #expect((0..<50_000).allSatisfy { filter.mightContain(state: "UTO", foldedNumber: "A\($0)") })
        // About 0.1 % at 16 bits per key (12 bits gave 0.5 %).
        let falsePositives = (0..<50_000).filter { filter.mightContain(state: "UTO", foldedNumber: "B\($0)") }.count
        #expect(falsePositives < 50_000 * 3 / 1_000)
        // The state is part of the key.
        let otherState = (0..<5_000).filter { filter.mightContain(state: "UTA", foldedNumber: "A\($0)") }.count
        #expect(otherState < 15)
    }

    @Test func survivesSerialisation() throws {
        let filter = try makeFilter((0..<1_000).map { ("D", "\($0)") }, capacity: 1_000)
        let copy = try #require(KeyFilter(serialized: filter.serialized()))
        #expect(copy == filter)
        #expect(copy.mightContain(state: "D", foldedNumber: "999"))
        #expect(KeyFilter(serialized: Array(filter.serialized().dropLast())) == nil)
        #expect(KeyFilter(serialized: [1, 2, 3]) == nil)
    }
}

@Suite struct KeyFilterBuilderTests {
    /// The bytes a builder hands out, joined, and how many pieces they came in.
    private func built(keys: Int, partBytes: Int, scratch: String) throws -> (bytes: [UInt8], pieces: Int) {
        let builder = try KeyFilterBuilder(capacity: keys, scratchDirectory: scratch, partBytes: partBytes)
        for index in 0..<keys { builder.insert(state: index % 3 == 0 ? "D" : "UTO", foldedNumber: "N\(index)") }
        var bytes: [UInt8] = []
        var pieces = 0
        try builder.finish { piece in
            bytes += piece
            pieces += 1
        }
        return (bytes, pieces)
    }

    @Test("a filter built in parts through scratch files is byte for byte the one built in memory, and leaves no file")
    func partsEqualWholeFilter() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("filter-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let whole = referenceFilterBytes((0..<20_000).map { (($0 % 3 == 0 ? "D" : "UTO"), "N\($0)") })

        let inMemory = try built(keys: 20_000, partBytes: 1 << 20, scratch: scratch)
        #expect(inMemory.pieces == 2)  // header, words
        #expect(inMemory.bytes == whole)

        let spilled = try built(keys: 20_000, partBytes: 4096, scratch: scratch)
        #expect(spilled.pieces > 5)
        #expect(spilled.bytes == whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }

    @Test(
        "a loader takes the bytes in any pieces, and refuses more bytes than the store holds or a header announcing another size"
    )
    func loaderTakesPieces() throws {
        let filter = try makeFilter((0..<3_000).map { ("D", "\($0)") }, capacity: 3_000)
        let bytes = filter.serialized()
        for pieceSize in [1, 7, 24, 1000, bytes.count] {
            var loader = KeyFilterLoader(totalBytes: bytes.count)
            for start in stride(from: 0, to: bytes.count, by: pieceSize) {
                #expect(bytes[start..<min(bytes.count, start + pieceSize)].withUnsafeBytes { loader.append($0) })
            }
            #expect(loader.finish() == filter)
        }
        var overlong = KeyFilterLoader(totalBytes: bytes.count)
        #expect(!(bytes + [0]).withUnsafeBytes { overlong.append($0) })
        #expect(overlong.finish() == nil)
        // A header announcing more than the store holds is refused before anything is allocated for it.
        var lying = bytes
        lying.replaceSubrange(8..<16, with: withUnsafeBytes(of: UInt64(1 << 40).littleEndian, Array.init))
        var loader = KeyFilterLoader(totalBytes: bytes.count)
        #expect(!lying.withUnsafeBytes { loader.append($0) })
        #expect(loader.finish() == nil)
    }
}

@Suite struct NumberRangeTests {
    @Test func alphanumericPrefixesAndFixedWidthSerials() throws {
        let range = try #require(NumberRange(from: "B0100000", to: "B0100999"))
        #expect(range.prefix == "B" && range.width == 7)
        #expect(range.contains("B0100000") && range.contains("B0100999") && range.contains("B0100123"))
        #expect(!range.contains("B0101000") && !range.contains("A0100500") && !range.contains("B100500"))
        #expect(range.containsFolded("8O1OO5OO"))
        #expect(!range.containsFolded("8O1O15OO"))
        #expect(NumberRange(from: "B0100999", to: "B0100000") == nil)
        #expect(NumberRange(from: "B0100000", to: "C0100999") == nil)
        #expect(NumberRange(from: "ABC", to: "ABD") == nil)
        #expect(NumberRange(from: "123", to: "1234") == nil)
    }
}

@Suite struct RangeIndexTests {
    @Test("the index finds exactly the ranges a scan of every range of the state finds, as read and folded")
    func sameHitsAsScanningEveryRange() throws {
        var generator = SystemRandomNumberGenerator()
        let prefixes = ["", "B", "BO", "X1Z", "AB"]
        var records: [ListRecord] = []
        for index in 0..<600 {
            let prefix = prefixes[index % prefixes.count]
            let width = [4, 5, 7][index % 3]
            let limit = (0..<width).reduce(UInt64(1)) { product, _ in product * 10 }
            let start = UInt64.random(in: 0..<limit - 200, using: &generator)
            let end = start + UInt64.random(in: 0..<200, using: &generator)
            func number(_ serial: UInt64) -> String {
                let digits = String(serial)
                return prefix + String(repeating: "0", count: width - digits.count) + digits
            }
            records.append(
                ListRecord(
                    recordID: "R\(index)", issuingState: index % 4 == 0 ? "D" : "UTO",
                    documentNumber: number(start), status: .stolenBlank, numberTo: number(end)))
        }
        let index = RangeIndex(records)
        let ranges = records.map { ($0, NumberRange(from: $0.documentNumber, to: $0.numberTo!)!) }
        var probes = records.flatMap { [$0.documentNumber, $0.numberTo!] }
        probes += probes.map { String($0.map { $0 == "0" ? "O" : $0 == "1" ? "I" : $0 }) }  // folded forms
        probes += (0..<2_000).map { _ in
            prefixes.randomElement(using: &generator)! + String(UInt64.random(in: 0..<10_000_000, using: &generator))
        }
        var found = 0
        for state in ["UTO", "D", "F"] {
            for number in probes {
                let folded = DocumentNumber.folded(number)
                let expected = ranges.filter { $0.0.issuingState == state }.compactMap { record, range in
                    Array(number.utf8).withUnsafeBufferPointer { bytes in
                        Array(folded.utf8).withUnsafeBufferPointer { range.kind(of: bytes, folded: $0) }
                    }.map { ListHit(record: record, kind: $0) }
                }
                let hits = index.hits(state: state, number: number, folded: folded)
                #expect(Set(hits.map(\.record.recordID)) == Set(expected.map(\.record.recordID)), "\(state) \(number)")
                #expect(hits.count == expected.count)
                #expect(
                    Set(hits.map { "\($0.record.recordID) \($0.kind)" })
                        == Set(expected.map { "\($0.record.recordID) \($0.kind)" }))
                found += hits.count
            }
        }
        #expect(found > 1_000)
    }
}

@Suite struct CSVLineTests {
    @Test func quotedFieldsAndEscapedQuotes() throws {
        #expect(
            try CSVLine.fields(Array("a,\"b,c\",\"d\"\"e\",".utf8)[...]).get().map { CSVLine.text($0) } == [
                "a", "b,c", "d\"e", "",
            ])
        #expect(throws: RowReason.self) { try CSVLine.fields(Array("a,\"b".utf8)[...]).get() }
        #expect(throws: RowReason.self) { try CSVLine.fields(Array("\"a\"b,c".utf8)[...]).get() }
    }
}
