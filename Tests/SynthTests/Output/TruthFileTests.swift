import Foundation
import GroundTruth
import Testing

@testable import Synth

/// Truth files: `docguard.truth/1` with the additive `otherDocuments` key.
struct TruthFileTests {
    static let truth = ScanTruth(
        format: "TD1",
        lines: ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
        degradations: ["two_documents"], dpi: 150, rotation: 0, skewDegrees: 0.5)
    static let other = TruthDocument(
        format: "TD3",
        lines: ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"])

    @Test func oneDocumentIsExactlyWhatScanTruthWrites() throws {
        #expect(try TruthFile(Self.truth).encoded() == Self.truth.encoded())
    }

    @Test func otherDocumentsRoundTripAndOldReadersSkipThem() throws {
        let file = TruthFile(Self.truth, otherDocuments: [Self.other])
        let bytes = try file.encoded()
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""otherDocuments":[{"format":"TD3","lines":["#))
        #expect(bytes.last == 0x0A && !bytes.dropLast().contains(0x0A))
        #expect(try TruthFile.decode(bytes) == file)
        #expect(try ScanTruth.decode(bytes) == Self.truth)
    }

    @Test func oldFilesReadWithNoOtherDocuments() throws {
        let old = try TruthFile.decode(Self.truth.encoded())
        #expect(old == TruthFile(Self.truth))
        #expect(old.otherDocuments.isEmpty)
    }
}

/// The additive `tampering` key of a tampered page's truth.
struct TamperingTruthTests {
    @Test func genuineTruthHasNoKeyAndTamperedRoundTrips() throws {
        var truth = TruthFileTests.truth
        let genuine = String(decoding: try truth.encoded(), as: UTF8.self)
        #expect(!genuine.contains("tampering"))
        truth.tampering = Tampering(kind: "viz_birth_date", fields: ["birthDate"])
        let bytes = try truth.encoded()
        #expect(
            String(decoding: bytes, as: UTF8.self).contains(
                #""tampering":{"fields":["birthDate"],"kind":"viz_birth_date"}"#))
        #expect(try ScanTruth.decode(bytes) == truth)
        #expect(try TruthFile.decode(bytes).truth == truth)
        #expect(try ScanTruth.decode(Data(genuine.utf8)).tampering == nil)
    }
}
