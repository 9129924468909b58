import MRZ

/// Risk reasons in the MRZ itself: its validation findings, its dates against the as-of date, specimens.
enum DocumentFindings {
    /// Adds every reason `document` gives to `found`.
    static func collect(
        _ document: MRZDocument, asOf: MRZDate, policy: RiskPolicy,
        into found: inout [RiskScorer.Finding]
    ) {
        validation(document, into: &found)
        dates(document, asOf: asOf, maxAge: policy.maxAgeYears, into: &found)
        if let mark = policy.specimens.mark(of: document) { found.append((.specimen, "specimen document: \(mark)")) }
    }

    /// The parser's findings, one reason per rule (details joined), check digits weighed by what repair made of
    /// them: a composite failure beside right field digits is the tampering signal.
    private static func validation(_ document: MRZDocument, into found: inout [RiskScorer.Finding]) {
        var details: [RiskRule: [String]] = [:]
        var order: [RiskRule] = []
        for finding in document.findings {
            let rule = rule(for: finding.code, checks: document.checks)
            if details[rule] == nil { order.append(rule) }
            details[rule, default: []].append(finding.detail)
        }
        for rule in order {
            var detail = details[rule]!.joined(separator: "; ")
            switch rule {
            case .compositeOnly:
                detail += "; every field check digit is right, so the data may have been altered after issue"
            case .checkDigit where document.repairOutcome != nil:
                detail += "; OCR repair found no single reading that explains it"
            default: break
            }
            found.append((rule, detail))
        }
    }

    private static func rule(for code: MRZErrorCode, checks: MRZCheckResults) -> RiskRule {
        switch code {
        case .format: return .format
        case .checkDigit: return .checkDigit
        case .compositeCheck: return checks.fieldsPass ? .compositeOnly : .compositeCheck
        case .dateInvalid: return .dateInvalid
        case .unknownState: return .unknownState
        case .deviation: return .mrzDeviation
        }
    }

    /// Birth, expiry and age against each other and the as-of date (only dates that are real dates).
    private static func dates(
        _ document: MRZDocument, asOf: MRZDate, maxAge: Int,
        into found: inout [RiskScorer.Finding]
    ) {
        if let birth = document.birthDate {
            if birth > asOf {
                // The birth date itself stays out: a detail carries no personal data (it is in `mrz`).
                found.append((.birthInFuture, "the date of birth is after the as-of date \(asOf)"))
            } else if let age = asOf.years(since: birth), age > maxAge {
                found.append((.implausibleAge, "the holder would be \(age) years old, more than \(maxAge)"))
            }
        }
        if let expiry = document.expiryDate {
            if let birth = document.birthDate, expiry < birth {
                found.append((.expiryBeforeBirth, "date of expiry \(expiry) is before the date of birth"))
            }
            if expiry < asOf {
                found.append((.expired, "expired on \(expiry), before the as-of date \(asOf)"))
            }
        } else if let latest = FrenchIdentityCard.latestPossibleExpiry(of: document), latest < asOf {
            // No expiry date in this MRZ: a card past the longest validity of its model is expired all the same.
            found.append(
                (
                    .expired,
                    "a French identity card of this model is valid \(FrenchIdentityCard.longestValidityYears) years at "
                        + "most after its month of issue (in its number): expired by \(latest), "
                        + "before the as-of date \(asOf)"
                ))
        }
    }
}
