/// How a repair attempt ended.
public enum MRZRepairOutcome: String, Sendable {
    /// Every check digit passed as read; at most unprotected fields were normalised.
    case notNeeded
    /// The check digits pass after the listed corrections.
    case repaired
    /// Every field check digit passed as read and only the composite failed: a tampering signal,
    /// not OCR noise, so the MRZ is left exactly as read.
    case compositeOnly
    /// More than one repair explains the check digits equally well; left as read.
    case ambiguous
    /// No repair within the search bounds makes the check digits pass; left as read.
    case unrepairable
}

/// The lines after a repair attempt and every change made to them.
public struct MRZRepairResult: Sendable {
    /// The lines, repaired or as read.
    public let lines: [[UInt8]]
    /// Every change, in position order; empty unless repaired.
    public let corrections: [MRZCorrection]
    /// How the attempt ended.
    public let outcome: MRZRepairOutcome
}

/// Check-digit-driven OCR repair: for lines whose check digits fail, searches substitutions that
/// OCR makes (the engine's own second choices first, then known confusions such as O/0, I/1, B/8,
/// K/`<`), constrained by what each position may hold, until the check digits pass. A repair is
/// taken only when it is the one cheapest explanation and the composite check digit agrees.
/// Known deviations that genuine documents print (`X` for sex, a name starting `<<`) are what the layout
/// allows, so repair never changes them.
public struct MRZRepairer: Sendable {
    /// Changes tried per check digit beyond those forced by a character its field cannot hold.
    public var maxOptionalChangesPerCheck = 2
    /// Forced changes (a letter in a date, a digit in a name) beyond which a field is not repaired.
    public var maxForcedChangesPerCheck = 4
    /// Candidate repairs kept per check digit.
    public var maxCandidatesPerCheck = 16
    /// Check-digit evaluations allowed in one repair, so garbage input stays fast.
    public var evaluationBudget = 50_000

    /// Costs: the engine's own alternative is cheaper than a blind confusion.
    static let engineChoiceCost = 1
    static let confusionCost = 2

    /// The default bounds.
    public init() {}

    /// Repairs `lines`, trying `alternatives` (the OCR engine's choices) before known confusions.
    public func repair(_ lines: [[UInt8]], alternatives: CharacterAlternatives = .none) -> MRZRepairResult {
        guard let format = MRZFormat.detect(lines),
            lines.allSatisfy({ $0.count == format.lineLength })
        else { return MRZRepairResult(lines: lines, corrections: [], outcome: .unrepairable) }
        var search = RepairSearch(layout: MRZLayout.of(format), alternatives: alternatives, bounds: self)
        return search.run(lines)
    }
}

extension MRZRepairer {
    /// Repairs, then parses and validates: the document as the pipeline uses it, carrying every
    /// correction and the repair's outcome.
    public func read(_ lines: [[UInt8]], alternatives: CharacterAlternatives = .none, currentYear: Int) -> MRZDocument {
        let result = repair(lines, alternatives: alternatives)
        var document = MRZParser.parse(result.lines, currentYear: currentYear)
        document.corrections = result.corrections
        document.repairOutcome = result.outcome
        return document
    }
}

/// One repair attempt over lines of the right shape.
private struct RepairSearch {
    let layout: MRZLayout
    let alternatives: CharacterAlternatives
    let bounds: MRZRepairer
    var evaluations = 0

    init(layout: MRZLayout, alternatives: CharacterAlternatives, bounds: MRZRepairer) {
        self.layout = layout
        self.alternatives = alternatives
        self.bounds = bounds
    }

    /// A set of substitutions and what they cost.
    struct Candidate {
        var changes: [MRZCorrection]
        var cost: Int
    }

    mutating func run(_ read: [[UInt8]]) -> MRZRepairResult {
        let fieldResults = layout.fieldChecks(for: read).map { $0.evaluate(read) }
        let compositeResult = layout.compositeCheckRule?.evaluate(read)
        if !fieldResults.contains(false) {
            if compositeResult == false {
                return repairCompositeOnlyPositions(read)
                    ?? MRZRepairResult(lines: read, corrections: [], outcome: .compositeOnly)
            }
            var lines = read
            let changes = normaliseUnprotected(&lines)
            return MRZRepairResult(
                lines: lines, corrections: changes, outcome: changes.isEmpty ? .notNeeded : .repaired)
        }
        return repairCheckDigits(read)
    }

    private mutating func repairCheckDigits(_ read: [[UInt8]]) -> MRZRepairResult {
        var lines = read
        // A `<` misread at a long-number marker changes which rules apply: settle single forced
        // changes first, then search what the check digits still reject.
        var changes = applySingleForcedChanges(&lines)
        let rules = layout.fieldChecks(for: lines)
        var candidatesPerRule: [[Candidate]] = []
        for rule in rules where rule.evaluate(lines) == false {
            let candidates = search(rule, in: lines)
            guard !candidates.isEmpty, evaluations < bounds.evaluationBudget else {
                return unchanged(read, .unrepairable)
            }
            candidatesPerRule.append(candidates)
        }
        guard let chosen = choose(candidatesPerRule, base: lines) else { return unchanged(read, .ambiguous) }
        // A search cut short by the budget may have missed an equally good repair.
        guard evaluations < bounds.evaluationBudget else { return unchanged(read, .unrepairable) }
        for change in chosen { lines[change.position.line][change.position.index] = change.to }
        changes += chosen
        guard layout.fieldChecks(for: lines).allSatisfy({ $0.evaluate(lines) != false }),
            layout.compositeCheckRule?.evaluate(lines) != false
        else { return unchanged(read, .unrepairable) }
        changes += normaliseUnprotected(&lines)
        return MRZRepairResult(lines: lines, corrections: merged(changes, read: read), outcome: .repaired)
    }

    /// On some formats the composite is the only check over some positions (TD1's and TD2's optional data; the
    /// French identity card's names and administrative code), so when it alone fails, OCR noise there may explain
    /// it. Only what those positions' own layout forces is tried: K, X or C in a name's trailing fillers (what
    /// stock models read for `<`), and a character the position cannot hold (a digit in a name). Taken when that,
    /// one cheapest way, makes the composite pass with every field check digit still right; nil otherwise, and
    /// the tampering signal stands. On TD3 and visas nothing is tried: their composite covers only fields with
    /// check digits of their own.
    private mutating func repairCompositeOnlyPositions(_ read: [[UInt8]]) -> MRZRepairResult? {
        guard let composite = layout.compositeCheckRule else { return nil }
        let fieldCovered = Set(layout.fieldChecks(for: read).flatMap(\.positions))
        var own = Set(composite.positions).subtracting(fieldCovered)
        own.remove(composite.check)
        guard !own.isEmpty else { return nil }
        var lines = read
        var changes: [MRZCorrection] = []
        for span in nameSpans { changes += restoreTrailingFillers(in: span, of: &lines, covered: fieldCovered) }
        if composite.evaluate(lines) != true {
            let candidates = search(composite, in: lines, changeable: own, optionalChangeLimit: 0)
            guard let best = candidates.first, candidates.dropFirst().first.map({ $0.cost > best.cost }) ?? true
            else { return nil }
            for change in best.changes { lines[change.position.line][change.position.index] = change.to }
            changes += best.changes
        }
        guard !changes.isEmpty, composite.evaluate(lines) == true,
            layout.fieldChecks(for: lines).allSatisfy({ $0.evaluate(lines) != false })
        else { return nil }
        changes += normaliseUnprotected(&lines)
        return MRZRepairResult(lines: lines, corrections: merged(changes, read: read), outcome: .repaired)
    }

    /// The name fields: the whole name, or the surname and the given names where they are apart.
    private var nameSpans: [MRZSpan] { [layout.name] + (layout.givenNames.map { [$0] } ?? []) }

    /// The issuing state and, where the format prints it, the nationality.
    private var stateSpans: [MRZSpan] { [layout.issuingState] + (layout.nationality.map { [$0] } ?? []) }

    private func unchanged(_ read: [[UInt8]], _ outcome: MRZRepairOutcome) -> MRZRepairResult {
        MRZRepairResult(lines: read, corrections: [], outcome: outcome)
    }

    /// One correction per position, from the byte as read to the final byte, in position order.
    private func merged(_ changes: [MRZCorrection], read: [[UInt8]]) -> [MRZCorrection] {
        var last: [MRZPosition: UInt8] = [:]
        for change in changes { last[change.position] = change.to }
        return last.keys.sorted().compactMap { position in
            let from = read[position.line][position.index]
            let to = last[position]!
            return from == to ? nil : MRZCorrection(position: position, from: from, to: to)
        }
    }

    // MARK: Candidates at one position

    /// What `position` may become, cheapest first; the byte as read is not among them.
    private func options(at position: MRZPosition, current: UInt8) -> [(byte: UInt8, cost: Int)] {
        let kind = layout.positionKinds[position.line][position.index]
        var result: [(byte: UInt8, cost: Int)] = []
        for byte in alternatives.at(position) where byte != current && kind.allows(byte) {
            if !result.contains(where: { $0.byte == byte }) { result.append((byte, MRZRepairer.engineChoiceCost)) }
        }
        for byte in OCRConfusion.alternatives(for: current) where kind.allows(byte) {
            if !result.contains(where: { $0.byte == byte }) { result.append((byte, MRZRepairer.confusionCost)) }
        }
        return result
    }

    private func isAllowed(_ byte: UInt8, at position: MRZPosition) -> Bool {
        layout.positionKinds[position.line][position.index].allows(byte)
    }

    /// Positions holding a character their field cannot hold and with exactly one candidate
    /// (a letter O in a date can only be 0) are changed at once.
    private func applySingleForcedChanges(_ lines: inout [[UInt8]]) -> [MRZCorrection] {
        replaceDisallowed(in: &lines) { _, _, candidates in candidates.count == 1 ? candidates[0].byte : nil }
    }

    /// Replaces each character its field cannot hold by the candidate `pick` chooses (nil: leave it).
    private func replaceDisallowed(
        in lines: inout [[UInt8]],
        pick: (MRZPosition, UInt8, [(byte: UInt8, cost: Int)]) -> UInt8?
    ) -> [MRZCorrection] {
        var changes: [MRZCorrection] = []
        for line in lines.indices {
            for index in lines[line].indices {
                let position = MRZPosition(line: line, index: index)
                let current = lines[line][index]
                guard !isAllowed(current, at: position),
                    let replacement = pick(position, current, options(at: position, current: current))
                else { continue }
                lines[line][index] = replacement
                changes.append(MRZCorrection(position: position, from: current, to: replacement))
            }
        }
        return changes
    }

    // MARK: Search for one check digit

    /// Every way, within bounds, of making `rule` pass: forced changes where a character is not
    /// allowed, plus up to `maxOptionalChangesPerCheck` (or `optionalChangeLimit`) others; cheapest first.
    /// Only positions in `changeable` change, when it is given.
    private mutating func search(
        _ rule: CheckDigitRule, in lines: [[UInt8]], changeable: Set<MRZPosition>? = nil,
        optionalChangeLimit: Int? = nil
    ) -> [Candidate] {
        let positions = rule.positions
        let optionalLimit = optionalChangeLimit ?? bounds.maxOptionalChangesPerCheck
        var choices: [[(byte: UInt8, cost: Int)]] = []
        var forcedCount = 0
        for position in positions {
            let current = lines[position.line][position.index]
            if let changeable, !changeable.contains(position) {
                choices.append([(current, 0)])
                continue
            }
            let forced = !isAllowed(current, at: position)
            let alternatives = options(at: position, current: current)
            if forced {
                guard !alternatives.isEmpty else { return [] }
                forcedCount += 1
            }
            choices.append((forced ? [] : [(current, 0)]) + alternatives)
        }
        guard forcedCount <= bounds.maxForcedChangesPerCheck else { return [] }

        var found: [Candidate] = []
        var working = lines
        var picked: [MRZCorrection] = []
        func explore(_ slot: Int, optionalChanges: Int, cost: Int, search: inout RepairSearch) {
            guard search.evaluations < search.bounds.evaluationBudget else { return }
            if slot == positions.count {
                search.evaluations += 1
                if rule.evaluate(working) == true { found.append(Candidate(changes: picked, cost: cost)) }
                return
            }
            let position = positions[slot]
            let original = working[position.line][position.index]
            let forced = !search.isAllowed(original, at: position)
            for (byte, byteCost) in choices[slot] {
                let isChange = byte != original
                let used = optionalChanges + (isChange && !forced ? 1 : 0)
                guard used <= optionalLimit else { continue }
                if isChange {
                    working[position.line][position.index] = byte
                    picked.append(MRZCorrection(position: position, from: original, to: byte))
                }
                explore(slot + 1, optionalChanges: used, cost: cost + byteCost, search: &search)
                if isChange {
                    working[position.line][position.index] = original
                    picked.removeLast()
                }
            }
        }
        explore(0, optionalChanges: 0, cost: 0, search: &self)
        found.sort { $0.cost < $1.cost }
        guard found.count > bounds.maxCandidatesPerCheck else { return found }
        // Never cut between equally cheap candidates: that would make a tie look unique.
        let firstDropped = found[bounds.maxCandidatesPerCheck].cost
        return found.prefix { $0.cost < firstDropped }
    }

    // MARK: Choosing among candidates

    /// The one cheapest combination of per-check candidates that also satisfies the composite
    /// check digit (where the format has one); nil when none does or two tie.
    private mutating func choose(_ candidatesPerRule: [[Candidate]], base: [[UInt8]]) -> [MRZCorrection]? {
        let composite = layout.compositeCheckRule
        var best: (changes: [MRZCorrection], cost: Int)?
        var tied = false
        var working = base
        var picked: [MRZCorrection] = []
        func combine(_ rule: Int, cost: Int, search: inout RepairSearch) {
            guard search.evaluations < search.bounds.evaluationBudget else { return }
            if rule == candidatesPerRule.count {
                search.evaluations += 1
                if let composite, composite.evaluate(working) != true { return }
                if let current = best, current.cost < cost { return }
                tied = best?.cost == cost
                best = (picked, cost)
                return
            }
            for candidate in candidatesPerRule[rule] {
                for change in candidate.changes { working[change.position.line][change.position.index] = change.to }
                picked.append(contentsOf: candidate.changes)
                combine(rule + 1, cost: cost + candidate.cost, search: &search)
                picked.removeLast(candidate.changes.count)
                for change in candidate.changes { working[change.position.line][change.position.index] = change.from }
            }
        }
        combine(0, cost: 0, search: &self)
        guard let best, !tied else { return nil }
        return best.changes
    }

    // MARK: Fields no check digit protects

    /// Once the check digits pass, characters their field cannot hold are changed to the engine's or
    /// the table's first candidate: a digit in a name, `K` read for a filler in a code. Where a check
    /// digit covers the position, only a candidate of equal check value qualifies (`L` in a date can
    /// only be `1`), so no passing check digit is broken.
    private func normaliseUnprotected(_ lines: inout [[UInt8]]) -> [MRZCorrection] {
        let covered = Set(
            layout.fieldChecks(for: lines).flatMap(\.positions) + (layout.compositeCheckRule?.positions ?? []))
        // State codes first: among a misread character's candidates, the one that makes a listed code wins.
        var changes = stateSpans.flatMap { restoreStateFromChoices(in: $0, of: &lines) }
        // A state code that no single change makes a listed code is left as read: digits printed where a code
        // belongs (a forged or non-conforming document) must stay visible as FORMAT, not be made into letters.
        let stateCodes = stateSpans.map { span in
            Set((span.start..<(span.start + span.length)).map { MRZPosition(line: span.line, index: $0) })
        }
        changes += replaceDisallowed(in: &lines) { position, current, candidates in
            guard !stateCodes.contains(where: { $0.contains(position) }) else { return nil }
            guard covered.contains(position) else { return candidates.first?.byte }
            let value = MRZCharacter.checkValue(current)
            guard value != MRZCharacter.invalidValue else { return nil }
            return candidates.first { MRZCharacter.checkValue($0.byte) % 10 == value % 10 }?.byte
        }
        for span in nameSpans { changes += restoreTrailingFillers(in: span, of: &lines, covered: covered) }
        for span in stateSpans { changes += restoreStateFillers(in: span, of: &lines) }
        return changes
    }

    /// A code that is not on the ICAO list but becomes exactly one listed code by taking the engine's second
    /// choice (or a common confusion) at one position: `DAM` read for `DOM`. Several listed codes within one
    /// change, or none: left as read, and UNKNOWN_STATE says so.
    private func restoreStateFromChoices(in span: MRZSpan, of lines: inout [[UInt8]]) -> [MRZCorrection] {
        let code = Array(lines[span.line][span.range])
        func known(_ bytes: [UInt8]) -> Bool {
            let letters = bytes.prefix { $0 != MRZCharacter.filler }
            return bytes.dropFirst(letters.count).allSatisfy { $0 == MRZCharacter.filler } && StateCode.isKnown(letters)
        }
        guard !known(code) else { return [] }
        var found: [MRZCorrection] = []
        for offset in code.indices {
            let position = MRZPosition(line: span.line, index: span.start + offset)
            for option in options(at: position, current: code[offset]) {
                var candidate = code
                candidate[offset] = option.byte
                if known(candidate), !found.contains(where: { $0.position == position && $0.to == option.byte }) {
                    found.append(MRZCorrection(position: position, from: code[offset], to: option.byte))
                }
            }
        }
        guard found.count == 1, let change = found.first else { return [] }
        lines[change.position.line][change.position.index] = change.to
        return [change]
    }

    /// Stock models read runs of `<` as K, X or C. In the trailing run of a name, a K/X/C with two
    /// real fillers before it and one after cannot be a name component (ICAO 9303-3 §4.6 separates
    /// components by a single `<`): it is a filler. A letter at the very end stays, since a truncated
    /// name may end in an initial. A run that is the whole name is left alone: `<<K` is a one-part name
    /// printed without a primary identifier (a known deviation), and the fillers before its K are not a
    /// name's end. Where a check digit covers the name (the French identity card's composite), only a K
    /// becomes a filler: it weighs as `<` does, so no passing check digit breaks.
    private func restoreTrailingFillers(
        in span: MRZSpan, of lines: inout [[UInt8]], covered: Set<MRZPosition>
    ) -> [MRZCorrection] {
        let fillerLike = OCRConfusion.fillerReadings + [MRZCharacter.filler]
        var start = span.upperBound
        while start > span.start && fillerLike.contains(lines[span.line][start - 1]) { start -= 1 }
        guard start > span.start else { return [] }
        let run = Array(lines[span.line][start..<span.upperBound])
        var changes: [MRZCorrection] = []
        var fillersBefore = 0
        for (offset, byte) in run.enumerated() {
            if byte == MRZCharacter.filler {
                fillersBefore += 1
                continue
            }
            guard fillersBefore >= 2, run[(offset + 1)...].contains(MRZCharacter.filler) else { continue }
            let position = MRZPosition(line: span.line, index: start + offset)
            guard !covered.contains(position) || MRZCharacter.checkValue(byte) % 10 == 0 else { continue }
            changes.append(MRZCorrection(position: position, from: byte, to: MRZCharacter.filler))
            lines[span.line][start + offset] = MRZCharacter.filler
        }
        return changes
    }

    /// A code that is not on the ICAO list but becomes one when its trailing K/X/C are fillers
    /// (`DKK` for Germany's `D<<`).
    private func restoreStateFillers(in span: MRZSpan, of lines: inout [[UInt8]]) -> [MRZCorrection] {
        let code = lines[span.line][span.range]
        guard !StateCode.isKnown(code.prefix { $0 != MRZCharacter.filler }) else { return [] }
        for keep in (1..<span.length).reversed() {
            let tail = code.dropFirst(keep)
            guard tail.allSatisfy({ OCRConfusion.fillerReadings.contains($0) || $0 == MRZCharacter.filler }),
                StateCode.isKnown(code.prefix(keep))
            else { continue }
            var changes: [MRZCorrection] = []
            for index in (span.start + keep)..<span.upperBound where lines[span.line][index] != MRZCharacter.filler {
                changes.append(
                    MRZCorrection(
                        position: MRZPosition(line: span.line, index: index),
                        from: lines[span.line][index], to: MRZCharacter.filler))
                lines[span.line][index] = MRZCharacter.filler
            }
            return changes
        }
        return []
    }
}
