import MRZ

/// The flights, travellers and documents of a generated file, before any is written.
extension PaxlstGenerator {
    static let nationalSurnames = [
        "MÜLLER", "ØSTERGÅRD", "O'NEIL", "D'ARTAGNAN", "GARCÍA LÓPEZ", "ÇELİK", "ŁUKASIEWICZ", "SMITH-JONES",
        "ĐORĐEVIĆ", "NÚÑEZ", "VAN DER BERG", "SCHÖNBERGER",
    ]
    static let plainSurnames = [
        "ERIKSSON", "MUSTERMANN", "NGUYEN", "KOWALSKA", "DUBOIS", "ROSSI", "OKONKWO", "SATO", "PAPADOPOULOS",
        "IVANOVA", "KIM", "DE LA CRUZ", "AL BASRI", "OCONNOR",
    ]
    static let nationalGivenNames = [
        "JOSÉ RAMÓN", "MARIE-ÉLISE", "SØREN", "JÜRGEN", "ZOË", "ÅSA", "FRANÇOIS", "ŞEBNEM",
    ]
    static let plainGivenNames = [
        "ANNA MARIA", "JOHN", "LI", "OLUWASEUN", "YUKI", "PIERRE", "GIULIA", "AHMED", "DEBORAH MING", "JAN",
    ]
    static let states = [
        "DEU", "FRA", "GBR", "USA", "CAN", "UKR", "POL", "TUR", "ESP", "ITA", "NLD", "SWE", "NOR", "FIN", "CHE",
        "IRL", "PRT", "GRC", "JPN", "CHN", "IND", "BRA", "NGA", "EGY", "MDA", "ROU",
    ]
    static let carriers = ["LH", "AF", "BA", "UA", "EK", "TK", "SK", "LO", "KL", "IB"]
    static let airports = ["FRA", "CDG", "LHR", "JFK", "YVR", "DXB", "IST", "ARN", "WAW", "AMS", "MAD", "KBP", "PRG"]
    static let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
    static let digits = Array("0123456789")

    /// One passenger message per flight, then its crew message when it has crew; no fault, no planted document.
    static func plan(_ options: Options, using random: inout SeededGenerator) -> [PaxlstMessage] {
        var messages: [PaxlstMessage] = []
        for _ in 0..<max(0, options.flights) {
            let flight = flight(year: options.year, using: &random)
            let lower = max(1, options.passengersPerFlight.lowerBound)
            let passengers = Int.random(in: lower...max(lower, options.passengersPerFlight.upperBound), using: &random)
            let crew = Int.random(in: options.crewPerFlight, using: &random)
            for (role, count) in [(PaxlstRole.passenger, passengers), (.crew, crew)] where count > 0 {
                let position = messages.count + 1
                var message = PaxlstMessage(
                    position: position, reference: "PAX\(position)",
                    directory: Bool.random(using: &random) ? "D05B" : "D02B",
                    interchangeReference: options.messagesPerInterchange.map {
                        "IC\((position - 1) / max(1, $0) + 1)"
                    })
                message.listKind = role == .crew ? .crew : .passengers
                message.legs = [flight]
                message.travellers = (1...count).map { travellerPosition in
                    traveller(
                        role, messageReference: message.reference, position: (position, travellerPosition),
                        flightYear: options.year, options: options, using: &random)
                }
                message.declaredTravellerCount = count
                messages.append(message)
            }
        }
        return messages
    }

    static func flight(year: Int, using random: inout SeededGenerator) -> PaxlstFlight {
        let carrier = carriers.randomElement(using: &random)!
        let departurePlace = airports.randomElement(using: &random)!
        let arrivalPlace = airports.filter { $0 != departurePlace }.randomElement(using: &random)!
        let date = date(years: year...year, using: &random)
        let hour = Int.random(in: 0...13, using: &random)
        let minute = Int.random(in: 0...59, using: &random)
        return PaxlstFlight(
            identification: carrier + String(Int.random(in: 1...9999, using: &random)), carrier: carrier,
            departure: PaxlstStop(place: departurePlace, time: PaxlstDateTime(date: date, hour: hour, minute: minute)),
            arrival: PaxlstStop(
                place: arrivalPlace,
                time: PaxlstDateTime(
                    date: date, hour: hour + Int.random(in: 1...10, using: &random),
                    minute: Int.random(in: 0...59, using: &random))))
    }

    static func traveller(
        _ role: PaxlstRole, messageReference: String, position: (message: Int, traveller: Int), flightYear: Int,
        options: Options, using random: inout SeededGenerator
    ) -> PaxlstTraveller {
        let national = options.nationalCharacters && Int.random(in: 0..<3, using: &random) == 0
        let givenNames = (national ? nationalGivenNames : plainGivenNames).randomElement(using: &random)!
        let nationality = states.randomElement(using: &random)!
        let expired = options.expiredOneIn > 0 && Int.random(in: 0..<options.expiredOneIn, using: &random) == 0
        var documents = [
            PaxlstTravelDocument(
                position: 1, segmentPosition: 0, type: Int.random(in: 0..<8, using: &random) == 0 ? "I" : "P",
                number: number(letters: 2, digits: 7, using: &random),
                expiryDate: Int.random(in: 0..<12, using: &random) == 0
                    ? nil
                    : date(
                        years: expired ? (flightYear - 5)...(flightYear - 1) : (flightYear + 1)...(flightYear + 10),
                        using: &random),
                issuingState: nationality)
        ]
        if options.visaOneIn > 0, Int.random(in: 0..<options.visaOneIn, using: &random) == 0 {
            documents.append(
                visa(
                    number: number(letters: 0, digits: 8, using: &random), state: states.randomElement(using: &random)!,
                    year: flightYear, using: &random))
        }
        return PaxlstTraveller(
            role: role, messagePosition: position.message, messageReference: messageReference,
            position: position.traveller, segmentPosition: 0,
            surname: (national ? nationalSurnames : plainSurnames).randomElement(using: &random)!,
            givenNames: Bool.random(using: &random)
                ? givenNames.split(separator: " ").map(String.init) : [givenNames],
            sex: ["M", "F", "M", "F", "X", "U"].randomElement(using: &random)!,
            birthDate: date(years: (flightYear - 90)...(flightYear - 1), using: &random), nationality: nationality,
            documents: documents)
    }

    static func visa(number: String, state: String, year: Int, using random: inout SeededGenerator)
        -> PaxlstTravelDocument
    {
        PaxlstTravelDocument(
            position: 2, segmentPosition: 0, type: "V", number: number,
            expiryDate: date(years: (year + 1)...(year + 3), using: &random), issuingState: state)
    }

    /// Gives each listed document to a traveller of its own, and each clone another holder's first document.
    static func plant(
        _ hits: [PaxlstListedDocument], clones: Int, in messages: inout [PaxlstMessage], year: Int,
        using random: inout SeededGenerator
    ) {
        var places = messages.indices.flatMap { message in
            messages[message].travellers.indices.map { (message, $0) }
        }
        places.shuffle(using: &random)
        for hit in hits {
            guard let (message, traveller) = places.popLast() else { return }
            if hit.type == "V" {
                let visa = visa(number: hit.number, state: hit.issuingState, year: year, using: &random)
                messages[message].travellers[traveller].documents = [
                    messages[message].travellers[traveller].documents[0], visa,
                ]
            } else {
                messages[message].travellers[traveller].documents[0].type = hit.type
                messages[message].travellers[traveller].documents[0].number = hit.number
                messages[message].travellers[traveller].documents[0].issuingState = hit.issuingState
            }
        }
        for _ in 0..<clones {
            guard places.count >= 2, let (sourceMessage, source) = places.popLast(),
                let (message, traveller) = places.popLast()
            else { return }
            let original = messages[sourceMessage].travellers[source]
            var clone = messages[message].travellers[traveller]
            clone.documents[0].number = original.documents[0].number
            clone.documents[0].issuingState = original.documents[0].issuingState
            clone.documents[0].type = original.documents[0].type
            if PaxlstName.mrz(clone.surname) == PaxlstName.mrz(original.surname) {
                clone.surname = plainSurnames.first { PaxlstName.mrz($0) != PaxlstName.mrz(original.surname) }!
            }
            messages[message].travellers[traveller] = clone
        }
    }

    static func number(letters letterCount: Int, digits digitCount: Int, using random: inout SeededGenerator)
        -> String
    {
        String((0..<letterCount).map { _ in letters.randomElement(using: &random)! })
            + String((0..<digitCount).map { _ in digits.randomElement(using: &random)! })
    }

    static func date(years: ClosedRange<Int>, using random: inout SeededGenerator) -> MRZDate {
        let year = Int.random(in: years, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        return MRZDate(
            year: year, month: month, day: Int.random(in: 1...MRZDate.daysIn(month: month, year: year), using: &random))!
    }
}
