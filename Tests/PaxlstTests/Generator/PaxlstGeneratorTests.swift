import MRZ
import Testing

@testable import Paxlst

extension PaxlstMessage {
    /// The message with every issue removed, to hold against the generator's truth.
    var withoutIssues: PaxlstMessage {
        var message = self
        message.issues = []
        for index in message.travellers.indices {
            message.travellers[index].issues = []
            for document in message.travellers[index].documents.indices {
                message.travellers[index].documents[document].issues = []
            }
        }
        return message
    }
}

@Suite struct PaxlstGeneratorTests {
    static let separatorSets = [
        EdifactSeparators.standard, EdifactSeparators(una: Array("^|,!~#".utf8))!,
        EdifactSeparators(una: Array(":*.? $".utf8))!,
    ]

    /// Options that vary with the seed: separators, layout, envelopes, groups, names, counts.
    static func options(seed: UInt64) -> PaxlstGenerator.Options {
        var options = PaxlstGenerator.Options()
        options.flights = Int(seed % 3) + 1
        options.separators = separatorSets[Int(seed % 3)]
        options.writesServiceAdvice = seed % 5 != 0
        options.lineBreak = ["", "\n", "\r\n"][Int(seed / 3 % 3)]
        options.messagesPerInterchange = [nil, 1, 3][Int(seed / 9 % 3)]
        options.groups = seed % 2 == 0
        options.nationalCharacters = seed % 7 != 0
        options.visaOneIn = 2
        options.expiredOneIn = 3
        return options
    }

    @Test(arguments: 0..<120)
    func roundTripReadsBackWhatWasWritten(_ seed: Int) {
        let generated = PaxlstGenerator.generate(seed: UInt64(seed), options: Self.options(seed: UInt64(seed)))
        #expect(PaxlstReader.looksLikePaxlst(Array(generated.text.utf8)))
        let file = PaxlstReader.read(generated.text, asOfYear: 2026)
        #expect(file.issues.isEmpty, "seed \(seed): \(file.issues)")
        #expect(file.messages.map(\.withoutIssues) == generated.messages, "seed \(seed)")
        #expect(file.travellers == generated.travellers)
        #expect(!generated.travellers.isEmpty)
    }

    @Test func theSameSeedGivesTheSameBytes() {
        let options = Self.options(seed: 4)
        #expect(
            PaxlstGenerator.generate(seed: 4, options: options).text
                == PaxlstGenerator.generate(seed: 4, options: options).text)
        #expect(
            PaxlstGenerator.generate(seed: 4, options: options).text
                != PaxlstGenerator.generate(seed: 5, options: options).text)
    }

    @Test(arguments: 0..<20)
    func everyFaultIsReportedInItsMessageAndHidesNoTraveller(_ seed: Int) throws {
        var options = Self.options(seed: UInt64(seed))
        options.flights = 6
        options.faults = PaxlstFault.allCases
        let generated = PaxlstGenerator.generate(seed: UInt64(seed), options: options)
        #expect(generated.faults.map(\.fault) == PaxlstFault.allCases)
        let file = PaxlstReader.read(generated.text, asOfYear: 2026)
        #expect(file.messages.map(\.withoutIssues) == generated.messages)
        for (fault, position) in generated.faults {
            let message = try #require(file.messages.first { $0.position == position })
            #expect(message.issues.map(\.code) == [fault.issueCode], "seed \(seed), \(fault)")
            #expect(message.issues.allSatisfy { $0.messagePosition == position })
        }
        let faulty = Set(generated.faults.map(\.messagePosition))
        #expect(file.messages.filter { !faulty.contains($0.position) }.allSatisfy { $0.issues.isEmpty })
        #expect(file.fileIssues.isEmpty)
        let unreadable = file.travellers.flatMap(\.documents).filter { !$0.isReadable }
        #expect(unreadable.count == 1)
    }

    @Test func listHitsPassportsAndVisasAreGivenToTravellers() {
        var options = PaxlstGenerator.Options()
        options.listHits = [
            PaxlstListedDocument(issuingState: "UKR", number: "FA123456"),
            PaxlstListedDocument(issuingState: "USA", number: "V0099887", type: "V"),
        ]
        let generated = PaxlstGenerator.generate(seed: 11, options: options)
        let documents = PaxlstReader.read(generated.text, asOfYear: 2026).travellers.flatMap(\.documents)
        #expect(documents.contains { $0.number == "FA123456" && $0.issuingState == "UKR" && $0.type == "P" })
        #expect(
            documents.contains {
                $0.number == "V0099887" && $0.issuingState == "USA" && $0.type == "V" && $0.position == 2
            })
    }

    @Test func clonesShareANumberWithAnotherHolder() {
        var options = PaxlstGenerator.Options()
        options.clones = 2
        options.flights = 3
        let travellers = PaxlstReader.read(PaxlstGenerator.generate(seed: 3, options: options).text, asOfYear: 2026)
            .travellers
        let holders = Dictionary(grouping: travellers, by: { $0.documents[0].number ?? "" })
            .filter { $0.value.count > 1 }
        #expect(holders.count == 2)
        #expect(holders.values.allSatisfy { Set($0.map(\.mrzSurname)).count == 2 })
    }

    @Test func expiredDocumentsExpireBeforeTheFlight() {
        var options = PaxlstGenerator.Options()
        options.expiredOneIn = 1
        options.visaOneIn = 0
        let file = PaxlstReader.read(PaxlstGenerator.generate(seed: 8, options: options).text, asOfYear: 2026)
        for message in file.messages {
            let departure = message.flight!.departure!.time!.date
            let expiries = message.travellers.compactMap { $0.documents[0].expiryDate }
            #expect(expiries.allSatisfy { $0 < departure })
        }
        #expect(file.travellers.contains { $0.documents[0].expiryDate != nil })
    }

    @Test func namesWithSeparatorsAreReleasedAndNationalCharactersKept() throws {
        var options = PaxlstGenerator.Options()
        options.flights = 6
        options.writesServiceAdvice = false
        let seed = try #require(
            (0..<200).map(UInt64.init).first {
                PaxlstGenerator.generate(seed: $0, options: options).travellers.contains { $0.surname == "O'NEIL" }
            })
        let generated = PaxlstGenerator.generate(seed: seed, options: options)
        #expect(generated.text.contains("+++O?'NEIL"))
        #expect(generated.text.contains("UNOY"))
        #expect(generated.text.contains("COM+?+44"))
        let file = PaxlstReader.read(generated.text, asOfYear: 2026)
        #expect(file.travellers.contains { $0.surname == "O'NEIL" && $0.mrzSurname == "ONEIL" })
    }

    @Test func crewListsCarryCrewOnly() {
        var options = PaxlstGenerator.Options()
        options.crewPerFlight = 2...2
        let file = PaxlstReader.read(PaxlstGenerator.generate(seed: 1, options: options).text, asOfYear: 2026)
        let crewMessages = file.messages.filter { $0.listKind == .crew }
        #expect(crewMessages.count == 2)
        #expect(crewMessages.allSatisfy { $0.travellers.count == 2 && $0.travellers.allSatisfy { $0.role == .crew } })
        #expect(
            file.messages.filter { $0.listKind == .passengers }.allSatisfy {
                $0.travellers.allSatisfy { $0.role == .passenger }
            })
    }
}

@Suite struct StreamingReadTests {
    @Test func eachMessageIsHandedOutInFileOrderAsTheWholeFileReadsIt() {
        var options = PaxlstGenerator.Options()
        options.flights = 4
        options.faults = [.missingTrailer, .wrongSegmentCount]
        let bytes = Array(PaxlstGenerator.generate(seed: 21, options: options).text.utf8)
        var streamed: [PaxlstMessage] = []
        let fileIssues = PaxlstReader.read(bytes, asOfYear: 2026) { streamed.append($0) }
        let whole = PaxlstReader.read(bytes, asOfYear: 2026)
        #expect(streamed == whole.messages)
        #expect(fileIssues == whole.fileIssues)
        #expect(streamed.map(\.position) == Array(1...whole.messages.count))
        #expect(streamed[0].issues.map(\.code) == [.missingMessageTrailer])
    }
}
