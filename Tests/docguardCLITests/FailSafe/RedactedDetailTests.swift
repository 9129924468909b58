import Foundation
import Testing

/// Reason details carry no personal data: `BIRTH_IN_FUTURE` says that the birth date is after the as-of
/// date, not which date it is (issue 17); the date itself is in `mrz.birthDate` only.
@Suite struct RedactedDetailTests {
    @Test func birthInFutureDetailHoldsNoBirthDate() throws {
        let lines = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO2612155F3404159ZE184226B<<<<<12\n"
        let run = try Docguard.run(["screen", "-", "--no-lists", "--as-of", "2026-11-30"], input: lines)
        #expect(run.status == 0)
        let result = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((result["mrz"] as? [String: Any])?["birthDate"] as? String == "2026-12-15")
        let reasons = try #require((result["risk"] as? [String: Any])?["reasons"] as? [[String: Any]])
        let detail = try #require(reasons.first { $0["code"] as? String == "BIRTH_IN_FUTURE" }?["detail"] as? String)
        #expect(detail == "the date of birth is after the as-of date 2026-11-30")
        for form in ["2026-12-15", "261215", "12-15"] { #expect(!detail.contains(form)) }
    }
}
