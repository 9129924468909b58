import Foundation
import TestSupport
import Testing

/// Runs the built `docguard` binary: stdout, stderr and exit status, as users see them.
struct MRZCommandTests {
    let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    let td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]

    @Test("lines as arguments, groups separated by an empty argument, one JSON line each, in order")
    func arguments() throws {
        let run = try Docguard.run(["mrz"] + td3 + [""] + td1)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains(#""format":"TD3""#) && lines[0].contains(#""valid":true"#))
        #expect(lines[1].contains(#""format":"TD1""#) && lines[1].contains(#""documentNumber":"D23145890""#))
    }

    @Test("standard input when no arguments; invalid documents still exit 0")
    func standardInput() throws {
        let broken = [td3[0], String(td3[1].dropLast()) + "7"]
        let input = (td3 + [""] + broken + [""] + ["garbage"]).joined(separator: "\n") + "\n"
        let run = try Docguard.run(["mrz"], input: input)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].contains(#""valid":true"#))
        #expect(lines[1].contains(#""errors":["COMPOSITE_CHECK"]"#))
        #expect(lines[2].contains(#""errors":["FORMAT"]"#))
    }

    @Test("known ICAO deviations (a name starting <<, X for sex) are MRZ_DEVIATION findings, not FORMAT errors")
    func deviations() throws {
        let indian = ["P<IND<<SURYA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "J8369854<4IND8503150X3001019<<<<<<<<<<<<<<<2"]
        let card = [td1[0], "7408122X1204159UTO<<<<<<<<<<<6", "<<ANNA<MARIA<<<<<<<<<<<<<<<<<<"]
        let oneFiller = [String(indian[0].prefix(5)) + "<SURYA" + String(repeating: "<", count: 33), indian[1]]
        let run = try Docguard.run(["mrz"] + indian + [""] + card + [""] + oneFiller)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for line in lines.prefix(2) {
            #expect(line.contains(#""errors":[]"#) && line.contains(#""valid":true"#) && line.contains(#""sex":"X""#))
        }
        #expect(lines[0].contains(#""surname":"""#) && lines[0].contains(#""givenNames":"SURYA""#))
        #expect(lines[0].contains(#"{"code":"MRZ_DEVIATION","detail":"name starts with <<"#))
        #expect(lines[0].contains(#""field":"name"},{"code":"MRZ_DEVIATION","detail":"sex is printed as X"#))
        #expect(lines[0].contains(#""field":"sex"}]"#))
        #expect(lines[1].contains(#""givenNames":"ANNA MARIA""#) && lines[1].contains(#""field":"name"}"#))
        // One filler before the name is still a structure failure (its X sex is still only a deviation).
        #expect(lines[2].contains(#""errors":["FORMAT"]"#) && lines[2].contains(#""valid":false"#))
        #expect(lines[2].contains(#"{"code":"FORMAT","detail":"name must start with the primary identifier","#))
        #expect(!lines[2].contains("name starts with <<"))
    }

    @Test("the French identity card (1988–2021) is FRA_ID: its own fields, no expiry; TD2 beside it stays TD2")
    func frenchIdentityCard() throws {
        let card = ["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"]
        let td2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
        let renamed = ["IDFRABERTHIEZ<<<<<<<<<<<<<<<<<<<<<<<", card[1]]
        let digitInName = ["IDFRABERTH1ER<<<<<<<<<<<<<<<<<<<<<<<", card[1]]
        let run = try Docguard.run(["mrz"] + card + [""] + td2 + [""] + renamed + [""] + digitInName)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(
            lines[0] == #"{"birthDate":"1965-12-06","checks":{"birthDate":true,"composite":true,"#
                + #""documentNumber":true,"expiryDate":null,"optionalData":null},"documentCode":"ID","#
                + #""documentNumber":"940992310285","errors":[],"expiryDate":null,"findings":[],"format":"FRA_ID","#
                + #""givenNames":"CORINNE","issuingState":"FRA","lines":["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<","#
                + #""9409923102854CORINNE<<<<<<<6512068F4"],"nameMayBeTruncated":false,"nationality":"FRA","#
                + #""optionalData":"","optionalData2":null,"sex":"F","surname":"BERTHIER","valid":true}"#)
        #expect(lines[1].contains(#""format":"TD2""#) && lines[1].contains(#""valid":true"#))
        #expect(lines[2].contains(#""format":"FRA_ID""#) && lines[2].contains(#""errors":["COMPOSITE_CHECK"]"#))
        #expect(lines[3].contains(#""errors":["FORMAT","COMPOSITE_CHECK"]"#))
        #expect(lines[3].contains(#"{"code":"FORMAT","detail":"character not allowed in name at line 1 position 11""#))
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let first = try Docguard.run(["mrz"] + td3)
        let second = try Docguard.run(["mrz"] + td3)
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test("an unknown option is a usage error: exit 2 and a message on stderr")
    func usageError() throws {
        let run = try Docguard.run(["mrz", "--no-such-option"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("docguard: ") && run.stderr.split(separator: "\n").count == 1)
    }
}

/// The built executable, found beside the test bundle.
enum Docguard {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        if let override = ProcessInfo.processInfo.environment["DOCGUARD_BIN"] { return URL(fileURLWithPath: override) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("docguard")
            if FileManager.default.isExecutableFile(atPath: candidate.path),
                !candidate.hasDirectoryPath
            {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/docguard")
    }

    static func run(_ arguments: [String], input: String = "", in directory: URL? = nil, binary: URL = executable)
        throws -> Run
    {
        let process = try ChildProcess(
            binary.path, arguments, directory: directory?.path,
            stdin: .pipe, stdout: .pipe, stderr: .pipe)
        let outcome = process.finish(input: Data(input.utf8))
        return Run(
            status: outcome.status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
            stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }
}
