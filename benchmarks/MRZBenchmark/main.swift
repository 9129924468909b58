import MRZ
import Pipeline

// Prints MRZ throughput figures; run with `swift run -c release MRZBenchmark`.
// Targets (issue 2): parse + validate >= 1 M MRZs/s on one core; repairing garbage < 1 ms.
#if canImport(Glibc)
    import Glibc
#endif

let clock = ContinuousClock()
let currentYear = 2026

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double, decimals: Int = 2) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}

// Valid specimens of every format, the same every run.
var generator = SeededGenerator(seed: 42)
let documentCount = 500_000
let documents: [[[UInt8]]] = (0..<documentCount).map { index in
    let format = MRZFormat.icao[index % MRZFormat.icao.count]
    return MRZComposer.compose(SpecimenFactory.fields(format: format, using: &generator))
}

// Parse + validate, best of 5 rounds, one core.
var best = Double.infinity
var validCount = 0
for _ in 0..<5 {
    var valid = 0
    let elapsed = clock.measure {
        for lines in documents where MRZParser.parse(lines, currentYear: currentYear).valid { valid += 1 }
    }
    best = min(best, seconds(elapsed))
    validCount = valid
}
let parseOnly = CommandLine.arguments.contains("--parse-only")  // for profiling the hot path alone
print(
    "parse+validate: \(documentCount) MRZs in \(format(best, decimals: 3)) s = \(format(Double(documentCount) / best / 1e6)) M MRZs/s (one core; \(validCount) valid)"
)

if parseOnly { exit(0) }

// Parse + validate + JSON line, as `docguard mrz` does.
var writer = JSONWriter()
let jsonCount = 100_000
let jsonElapsed = clock.measure {
    for lines in documents.prefix(jsonCount) {
        MRZParser.parse(lines, currentYear: currentYear).write(to: &writer)
        writer.newline()
        if writer.bytes.count > 1 << 20 { writer.reset() }
    }
}
print("parse+validate+JSON: \(format(Double(jsonCount) / seconds(jsonElapsed) / 1e3, decimals: 0)) k MRZs/s")

// Repair: garbage two-line inputs (random characters) and single OCR confusions.
let repairer = MRZRepairer()
let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<".utf8)
var garbageTimes: [Double] = []
for index in 0..<2_000 {
    let length = index % 2 == 0 ? 44 : 36
    let lines = (0..<2).map { _ in (0..<length).map { _ in alphabet.randomElement(using: &generator)! } }
    let elapsed = clock.measure { _ = repairer.repair(lines) }
    garbageTimes.append(seconds(elapsed))
}
garbageTimes.sort()
func percentile(_ sorted: [Double], _ fraction: Double) -> Double { sorted[Int(Double(sorted.count - 1) * fraction)] }
print(
    "repair garbage 2-line: mean \(format(garbageTimes.reduce(0, +) / Double(garbageTimes.count) * 1e6, decimals: 1)) µs, p99 \(format(percentile(garbageTimes, 0.99) * 1e6, decimals: 1)) µs, max \(format(garbageTimes.last! * 1e6, decimals: 1)) µs"
)

var confusionTimes: [Double] = []
var repaired = 0
for lines in documents.prefix(2_000) {
    var read = lines
    let line = lines.count - 2
    guard let index = read[line].firstIndex(of: UInt8(ascii: "0")) else { continue }
    read[line][index] = UInt8(ascii: "O")
    var result: MRZRepairResult?
    let elapsed = clock.measure { result = repairer.repair(read) }
    if result?.lines == lines { repaired += 1 }
    confusionTimes.append(seconds(elapsed))
}
confusionTimes.sort()
print(
    "repair one O/0 confusion: \(repaired)/\(confusionTimes.count) restored, mean \(format(confusionTimes.reduce(0, +) / Double(confusionTimes.count) * 1e6, decimals: 1)) µs, max \(format(confusionTimes.last! * 1e6, decimals: 1)) µs"
)
