import Foundation
import Lists
import MRZ
import Paxlst

// Synthetic stolen/lost lists and crossings for the list-stage benchmark (benchmarks/lists-benchmark.sh),
// and single-lookup latency. Never run as a test.
//
//   ListBenchmark list COUNT FILE.csv          a list of COUNT records (every 10 000th a range of 1 000 blanks)
//   ListBenchmark delta COUNT FILE.csv LISTED  a delta file of COUNT rows against that list of LISTED records:
//                                              half change a record's status, four in ten add one, one in ten
//                                              withdraws one
//   ListBenchmark crossings COUNT FILE.txt LISTED   COUNT TD3 MRZs, one in 100 carrying a listed number
//   ListBenchmark lookups STORE LISTED [N]     p50/p99 latency of single lookups, hits and misses
//   ListBenchmark paxlst COUNT DIR LISTED      PAXLST flight files holding about COUNT travellers, one in 100 with
//                                              a listed document, written DIR/flight-NNNNNN.edi
#if canImport(Glibc)
    import Glibc
#endif

/// Record `index` of the synthetic list: the same every run, no state kept.
struct SyntheticEntry {
    static let states = [
        "UKR", "MDA", "GBR", "FRA", "D", "ITA", "ESP", "POL", "ROU", "NLD", "BEL", "SWE", "USA",
        "CAN", "AUS", "BRA", "ARG", "MEX", "IND", "CHN", "JPN", "KOR", "TUR", "EGY", "NGA", "ZAF",
        "KEN", "MAR", "RUS", "KAZ", "IRN", "PAK", "BGD", "IDN", "PHL", "VNM", "THA", "MYS", "SGP",
        "NZL", "CHE", "AUT", "CZE", "SVK", "HUN", "GRC", "PRT", "IRL", "DNK", "NOR", "FIN", "UTO",
    ]
    static let statuses = ["stolen", "stolen", "stolen", "lost", "lost", "revoked", "invalidated"]
    let state: String
    let number: String
    let status: String
    let numberTo: String?

    init(_ index: Int) {
        var hash = mix(UInt64(index) &+ 0x5EED)
        func next(_ bound: Int) -> Int {
            hash = mix(hash)
            return Int(hash % UInt64(bound))
        }
        state = Self.states[next(Self.states.count)]
        let letters = Array("ACDEFHJKLMNPRTUVWXY")  // no letter OCR confuses with a digit
        let prefix = String(letters[next(letters.count)]) + String(letters[next(letters.count)])
        if index % 10_000 == 9_999 {
            let start = next(9_000) * 1_000
            number = prefix + Self.serial(start, width: 7)
            numberTo = prefix + Self.serial(start + 999, width: 7)
            status = "stolen_blank"
        } else {
            number = prefix + Self.serial(next(10_000_000), width: 7)
            numberTo = nil
            status = Self.statuses[next(Self.statuses.count)]
        }
    }

    static func serial(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

func mix(_ value: UInt64) -> UInt64 {
    var x = value &+ 0x9E37_79B9_7F4A_7C15
    x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
    x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 31)
}

/// Buffered writes to a file.
struct Output {
    let handle: FileHandle
    var buffer: [UInt8] = []
    init(_ path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)!
        buffer.reserveCapacity(1 << 20)
    }
    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }
    mutating func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

func writeList(count: Int, path: String) {
    var out = Output(path)
    out.write("record_id,issuing_state,document_number,document_type,status,reported_on,number_to\n")
    for index in 0..<count {
        let entry = SyntheticEntry(index)
        let month = index % 12 + 1
        out.write(
            "SL-\(SyntheticEntry.serial(index, width: 10)),\(entry.state),\(entry.number),P,\(entry.status),"
                + "2024-\(month < 10 ? "0" : "")\(month)-15,\(entry.numberTo ?? "")\n")
    }
    out.flush()
}

func writeDelta(count: Int, path: String, listed: Int) {
    var out = Output(path)
    out.write("record_id,issuing_state,document_number,document_type,status,reported_on,number_to\n")
    let stride = max(1, listed / max(1, count))  // distinct listed records, spread over the list
    for row in 0..<count {
        let index = row % 10 < 4 ? listed + row : row * stride % max(1, listed)
        let id = "SL-" + SyntheticEntry.serial(index, width: 10)
        if row % 10 == 9 {
            out.write("\(id),,,,withdrawn,,\n")
            continue
        }
        let entry = SyntheticEntry(index)
        let status = row % 10 < 4 || entry.numberTo != nil ? entry.status : "revoked"
        out.write("\(id),\(entry.state),\(entry.number),P,\(status),2025-01-15,\(entry.numberTo ?? "")\n")
    }
    out.flush()
}

func writeCrossings(count: Int, path: String, listed: Int) {
    var out = Output(path)
    var generator = SeededGenerator(seed: 2026)
    for index in 0..<count {
        var fields = SpecimenFactory.fields(format: .td3, using: &generator)
        if index % 100 == 0 {
            let entry = SyntheticEntry(Int(mix(UInt64(index)) % UInt64(max(1, listed))))
            fields.issuingState = entry.state
            fields.documentNumber = entry.number
        }
        for line in MRZComposer.compose(fields) { out.write(String(decoding: line, as: UTF8.self) + "\n") }
        out.write("\n")
    }
    out.flush()
}

func writeFlights(travellers: Int, directory: String, listed: Int) {
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // About 250 travellers a flight (a wide-body's load), two flights a file, a few crew each.
    var options = PaxlstGenerator.Options()
    options.flights = 2
    options.passengersPerFlight = 200...280
    options.crewPerFlight = 8...14
    let perFile = 2 * (240 + 11)
    var written = 0
    var file = 0
    while written < travellers {
        options.listHits = (0..<(perFile / 100)).map { hit in
            let entry = SyntheticEntry(Int(mix(UInt64(file * 7 + hit)) % UInt64(max(1, listed))))
            return PaxlstListedDocument(issuingState: entry.state, number: entry.number)
        }
        let output = PaxlstGenerator.generate(seed: UInt64(file), options: options)
        var out = Output(directory + "/flight-" + SyntheticEntry.serial(file, width: 6) + ".edi")
        out.write(output.text)
        out.flush()
        written += output.travellers.count
        file += 1
    }
    print("\(written) travellers in \(file) files")
}

func measureLookups(store location: String, listed: Int, count: Int) throws {
    let clock = ContinuousClock()
    var matcher: ListMatcher!
    let open = try clock.measure { matcher = try ListMatcher(store: try ListStores.open(location)) }
    print("open store and load filter: \(milliseconds(open)) ms (filter in use: \(matcher.usesFilter))")
    func percentiles(_ name: String, _ documents: [(String, String)], expectHit: Bool) throws {
        var micros: [Double] = []
        var hits = 0
        for (state, number) in documents {
            let elapsed = try clock.measure {
                if try matcher.verdict(issuingState: state, documentNumber: number).hit { hits += 1 }
            }
            micros.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        micros.sort()
        let p50 = micros[micros.count / 2]
        let p99 = micros[micros.count * 99 / 100]
        let worst = micros.last!
        print(
            "\(name): \(documents.count) lookups, \(hits) hits; p50 \(round1(p50)) µs, p99 \(round1(p99)) µs, max \(round1(worst)) µs"
        )
        if expectHit && hits != documents.count { print("  WARNING: \(documents.count - hits) listed numbers missed") }
    }
    let listedDocuments = (0..<count).map { index -> (String, String) in
        let entry = SyntheticEntry(Int(mix(UInt64(index) &+ 77) % UInt64(listed)))
        return (entry.state, entry.number)
    }
    let unlisted = (0..<count).map { index in ("UKR", "ZZ" + SyntheticEntry.serial(index, width: 7)) }
    try percentiles("listed numbers (database read)", listedDocuments, expectHit: true)
    try percentiles("unlisted numbers (filter only)", unlisted, expectHit: false)
}

func milliseconds(_ duration: Duration) -> String {
    round1(Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
}

func round1(_ value: Double) -> String { String((value * 10).rounded() / 10) }

let arguments = CommandLine.arguments.dropFirst().map { $0 }
switch arguments.first {
case "list" where arguments.count == 3:
    writeList(count: Int(arguments[1])!, path: arguments[2])
case "delta" where arguments.count == 4:
    writeDelta(count: Int(arguments[1])!, path: arguments[2], listed: Int(arguments[3])!)
case "crossings" where arguments.count == 4:
    writeCrossings(count: Int(arguments[1])!, path: arguments[2], listed: Int(arguments[3])!)
case "paxlst" where arguments.count == 4:
    writeFlights(travellers: Int(arguments[1])!, directory: arguments[2], listed: Int(arguments[3])!)
case "lookups" where arguments.count >= 3:
    try measureLookups(
        store: arguments[1], listed: Int(arguments[2])!, count: arguments.count > 3 ? Int(arguments[3])! : 20_000)
default:
    FileHandle.standardError.write(
        Data(
            ("usage: ListBenchmark list COUNT FILE | delta COUNT FILE LISTED | crossings COUNT FILE LISTED "
                + "| paxlst COUNT DIR LISTED "
                + "| lookups STORE LISTED [N]\n").utf8))
    exit(2)
}
