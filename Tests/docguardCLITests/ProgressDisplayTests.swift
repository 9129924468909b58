import Foundation
import TestSupport
import Testing

@testable import docguard

#if canImport(Glibc)
    import Glibc
#endif

/// The progress line: its text from counts and times, and the real binary on a pseudo-terminal (the bar
/// shows) and on pipes (nothing of it shows).
@Suite struct ProgressDisplayTests {
    let space = CLIWorkspace()

    struct Line: Sendable {
        var done: Int, total: Int?, alerts: Int?, seconds: Double, unit: String
        var text: String
    }

    static let lines: [Line] = [
        Line(
            done: 3, total: 12, alerts: 1, seconds: 2, unit: "scans",
            text: "[#####...............] 3/12 scans  1.5/s  ETA 0m06s  alerts 1"),
        Line(
            done: 0, total: 4, alerts: nil, seconds: 0.5, unit: "scans",
            text: "[....................] 0/4 scans  0.0/s  ETA --"),
        Line(
            done: 4, total: 4, alerts: 0, seconds: 2, unit: "scans",
            text: "[####################] 4/4 scans  2.0/s  ETA 0m00s  alerts 0"),
        Line(
            done: 0, total: 0, alerts: nil, seconds: 0, unit: "scans",
            text: "[####################] 0/0 scans  0.0/s  ETA 0m00s"),
        Line(
            done: 1, total: 10_000, alerts: nil, seconds: 1, unit: "scans",
            text: "[....................] 1/10000 scans  1.0/s  ETA 2h46m"),
        Line(
            done: 250_000, total: nil, alerts: 7, seconds: 2, unit: "records",
            text: "250000 records  125000.0/s  alerts 7"),
        Line(done: 10_000, total: nil, alerts: nil, seconds: 2, unit: "rows", text: "10000 rows  5000.0/s"),
    ]

    @Test(arguments: lines)
    func renders(_ line: Line) {
        let text = ProgressDisplay.line(
            done: line.done, total: line.total, alerts: line.alerts, seconds: line.seconds, unit: line.unit)
        #expect(text == line.text)
    }

    /// Three TestImages scans, copied into the workspace; their paths.
    func scans() throws -> [String] {
        let folder = ScanCommandTests.testImages.appendingPathComponent("td3")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jpg") }
        return try names.sorted().prefix(3).map {
            try space.write("scans/\($0)", try Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    @Test func scanShowsTheBarOnATerminalAndNothingOnAPipe() throws {
        let arguments = ["scan"] + (try scans()) + ["--no-lists", "--jobs", "2", "--out"]
        let shown = try Terminal.run(arguments + [space.path("shown.jsonl")])
        #expect(shown.status == 0, "\(shown.terminal)")
        #expect(shown.terminal.contains("\r[####################] 3/3 scans  "), "\(shown.terminal)")
        #expect(shown.terminal.contains("ETA 0m00s  alerts "), "\(shown.terminal)")

        let piped = try Docguard.run(arguments + [space.path("piped.jsonl")])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty && piped.stdout.isEmpty, "\(piped.stderr)")
        let results = try String(contentsOfFile: space.path("piped.jsonl"), encoding: .utf8)
        #expect(results.split(separator: "\n").count == 3)
        #expect(try String(contentsOfFile: space.path("shown.jsonl"), encoding: .utf8) == results)
    }

    @Test func noBarWhenTheResultsGoToTheTerminalToo() throws {
        let shown = try Terminal.run(["scan"] + (try scans()).prefix(1) + ["--no-lists"], stdoutToo: true)
        #expect(shown.status == 0)
        #expect(shown.terminal.contains(#""file":"#), "\(shown.terminal)")
        #expect(!shown.terminal.contains("scans  "), "\(shown.terminal)")
    }

    @Test func screenAndListsImportShowDoneAndRate() throws {
        let list = try space.write(
            "list.csv",
            """
            record_id,issuing_state,document_number,document_type,status,reported_on,number_to
            R-1,UTO,L898902C3,P,stolen,2024-03-01,
            R-2,UTOX,123,P,stolen,,

            """)
        let imported = try Terminal.run(["lists", "import", list, "--store", space.path("lists.sqlite")])
        #expect(imported.status == 0)
        #expect(imported.terminal.contains("\r2 rows  "), "\(imported.terminal)")
        // The bad row's warning has a line of its own.
        #expect(imported.terminal.contains("\r\u{1B}[Kdocguard: skipped "), "\(imported.terminal)")

        let td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
        let records = try space.write("crossings.txt", td3 + "\n" + td3)
        let screened = try Terminal.run(
            ["screen", records, "--lists", space.path("lists.sqlite"), "--out", space.path("screened.jsonl")])
        #expect(screened.status == 0)
        #expect(screened.terminal.contains("\r2 records  "), "\(screened.terminal)")
        #expect(screened.terminal.contains("/s  alerts 2"), "\(screened.terminal)")
        let piped = try Docguard.run(["screen", records, "--lists", space.path("lists.sqlite")])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
    }

    @Test func runAndEvalShowTheBar() throws {
        _ = try scans()
        let batch = try Terminal.run(["run", try space.batchPipeline(lists: " none", more: "jobs: 2")])
        #expect(batch.status == 0, "\(batch.terminal)")
        #expect(batch.terminal.contains("\r[####################] 3/3 scans  "), "\(batch.terminal)")

        let (folder, _, _, _) = try EvalCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let eval = try Terminal.run(["eval", folder.path, "--jobs", "2"])
        #expect(eval.status == 0, "\(eval.terminal)")
        #expect(eval.terminal.contains("\r[####################] 2/2 scans  "), "\(eval.terminal)")
        #expect(!eval.terminal.contains("alerts"), "\(eval.terminal)")
    }

    @Test func watchModeCountsWhatItTakesUntilStopped() throws {
        let inbox = space.path("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let pipeline = try space.watchPipeline(more: "settle_seconds: 0.2\njobs: 1")
        let watched = try Terminal.run(["run", pipeline]) { process in
            try space.scan("inbox/a.jpg")
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline,
                (try? String(contentsOfFile: space.path("results.jsonl"), encoding: .utf8))?
                    .hasSuffix("\n") != true
            {
                usleep(100_000)
            }
            process.send(SIGTERM)
        }
        #expect(watched.status == 0, "\(watched.terminal)")
        #expect(watched.terminal.contains("\r1 scans  "), "\(watched.terminal)")
        #expect(watched.terminal.contains("/s  alerts "), "\(watched.terminal)")
    }
}

/// The built binary with its stderr (and stdout when asked) on a pseudo-terminal opened here.
enum Terminal {
    struct Run {
        let status: Int32
        /// What the terminal received.
        let terminal: String
    }

    /// Runs the binary with `arguments`; `during` is called once it has started (to feed and stop it).
    static func run(
        _ arguments: [String], stdoutToo: Bool = false,
        during: (ChildProcess) throws -> Void = { _ in }
    ) throws -> Run {
        var controller: Int32 = -1
        var device: Int32 = -1
        guard openpty(&controller, &device, nil, nil, nil) == 0 else { throw POSIXError(.ENXIO) }
        defer { close(controller) }
        // Other tests' children must not inherit either end.
        _ = fcntl(controller, F_SETFD, FD_CLOEXEC)
        _ = fcntl(device, F_SETFD, FD_CLOEXEC)
        let process: ChildProcess
        do {
            process = try ChildProcess(
                Docguard.executable.path, arguments,
                stdout: stdoutToo ? .descriptor(device) : .null, stderr: .descriptor(device))
        } catch {
            close(device)
            throw error
        }
        close(device)
        do {
            try during(process)
        } catch {
            process.send(SIGTERM)
            throw error
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        // Read while the process runs (a full terminal would block it), then what is left.
        while true {
            var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) > 0 {
                let count = read(controller, &buffer, buffer.count)
                guard count > 0 else { break }  // EIO: the process and its terminal end are gone
                received += buffer[..<count]
            } else if !process.isRunning {
                break
            }
        }
        return Run(status: process.wait(), terminal: String(decoding: received, as: UTF8.self))
    }
}
