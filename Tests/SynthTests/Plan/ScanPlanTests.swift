import MRZ
import Testing

@testable import Synth

/// Plans: what each scan will be, drawn from (seed, index) alone.
struct ScanPlanTests {
    let options = SynthOptions(count: 500, seed: 2026)

    @Test("formats cycle evenly over the indices")
    func formatsCycle() {
        for index in 0..<20 {
            let plan = ScanPlan.draw(index: index, options: options)
            #expect(plan.fields.format == MRZFormat.icao[index % 5])
            #expect(plan.number == index / 5 + 1)
        }
    }

    @Test("neighbouring scans hold different MRZs")
    func differentIndexDifferentMRZ() {
        let lines = (0..<50).map { MRZComposer.compose(ScanPlan.draw(index: $0, options: options).fields) }
        #expect(Set(lines).count == lines.count)
        let otherSeed = SynthOptions(count: 50, seed: 2027)
        #expect(MRZComposer.compose(ScanPlan.draw(index: 0, options: otherSeed).fields) != lines[0])
    }

    @Test("every planned MRZ parses valid")
    func plannedMRZsAreValid() {
        for index in 0..<200 {
            let lines = MRZComposer.compose(ScanPlan.draw(index: index, options: options).fields)
            let document = MRZParser.parse(lines, currentYear: 2026)
            #expect(document.valid, "scan \(index): \(lines.map { String(decoding: $0, as: UTF8.self) })")
        }
    }

    @Test("about a third clean, every degradation class well represented, at most one turn")
    func degradationMix() {
        let plans = (0..<options.count).map { ScanPlan.draw(index: $0, options: options) }
        let clean = plans.filter(\.degradations.isEmpty).count
        #expect((125...225).contains(clean))
        for degradation in Degradation.scannerDefects {
            let share = plans.filter { $0.degradations.contains(degradation) }.count
            #expect(share >= 20, "\(degradation) in only \(share) of \(plans.count)")
        }
        for plan in plans {
            #expect(plan.degradations.count <= 2)
            #expect(plan.degradations.filter { $0.turn != nil }.count <= 1)
            #expect(plan.rotation == (plan.degradations.lazy.compactMap(\.turn).first ?? 0))
            #expect(plan.dpi % 10 == 0)
            let dpis = plan.degradations.contains(.lowDPI) ? 100...130 : 150...300
            #expect(dpis.contains(plan.dpi))
            #expect(
                plan.degradations.contains(.skew)
                    ? (3...10).contains(abs(plan.skewDegrees)) : abs(plan.skewDegrees) <= 1.5)
        }
    }

    @Test("clean-only options plan no degradations")
    func cleanOnly() {
        let clean = SynthOptions(count: 50, seed: 1, cleanOnly: true)
        #expect((0..<50).allSatisfy { ScanPlan.draw(index: $0, options: clean).degradations.isEmpty })
    }
}
