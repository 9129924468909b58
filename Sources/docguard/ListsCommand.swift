import ArgumentParser
import Foundation
import Lists
import Pipeline

/// `docguard lists import|sync|lookup|info`: load, sync and query stolen/lost lists (SPEC.md).
struct ListsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lists",
        abstract: "Load stolen/lost document lists into a store and query them.",
        subcommands: [ListsImportCommand.self, ListsSyncCommand.self, ListsLookupCommand.self, ListsInfoCommand.self]
    )
}

/// `docguard lists import FILE ... --store STORE [--replace]`.
struct ListsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load list files (CSV or JSONL) into a store; prints counts as one JSON line.",
        discussion: """
            Rows are keyed by record_id: importing a record again replaces it, and status "withdrawn" \
            removes it (daily delta files). Bad rows are reported on stderr with their line number and \
            skipped; the good rows load. The whole import is one transaction: if it fails, the previous \
            list stays as it was. --replace loads the files as the complete new list. A record_id that comes \
            again in the same file is reported and counted (repeated_ids); the later row stands. An import that \
            would leave the list empty is refused unless --allow-empty is given, and a --replace that keeps fewer \
            than half of the records the list had unless --allow-shrink is given; a refused import changes nothing. \
            On a terminal a progress line goes to stderr (rows read, rate).
            """
    )

    @Argument(help: "List files, CSV with a header row or JSONL, loaded in the order given.")
    var files: [String]

    @Option(name: .long, help: "The store: a SQLite file path or a postgres:// URL.")
    var store: String

    @Flag(name: .long, help: "Replace the whole list instead of applying the files as changes.")
    var replace = false

    @Flag(name: .customLong("allow-empty"), help: "Allow the import to leave the list with no records.")
    var allowEmpty = false

    @Flag(
        name: .customLong("allow-shrink"),
        help: "Allow --replace to keep fewer than half of the records the list had.")
    var allowShrink = false

    @Option(name: .customLong("list-version"), help: "Version label to record (default: the files' names).")
    var listVersion: String?

    func validate() throws {
        if let listVersion,
            listVersion.isEmpty || listVersion.utf8.count > 200
                || listVersion.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        {
            throw ValidationError("--list-version must be 1–200 bytes without control characters")
        }
    }

    func run() throws {
        let listStore = try ListStores.open(store, create: true)
        var shown = 0
        let version = listVersion ?? files.map { ($0 as NSString).lastPathComponent }.joined(separator: "+")
        let progress = ProgressDisplay.start(unit: "rows", alerts: false)
        let report: ListImportReport
        do {
            defer { progress?.finish() }  // the bar's last line before the counts, and before any error
            report = try ListImporter.run(
                files: files, into: listStore, replace: replace, version: version, importedAt: Clock.nowISO(),
                safety: ListImportSafety(allowEmpty: allowEmpty, allowShrink: allowShrink)
            ) { rows in
                progress?.add(rows)
            } badRow: { problem in
                shown += 1
                if shown <= 100 { ProgressDisplay.warn("skipped \(problem)", above: progress) }
            }
        }
        if report.badRows > 100 { ProgressDisplay.warn("... \(report.badRows - 100) more bad rows skipped") }
        for repeated in report.repeatedRows { ProgressDisplay.warn("\(repeated)") }
        if report.repeatedIDs > report.repeatedRows.count {
            ProgressDisplay.warn(
                "... \(report.repeatedIDs - report.repeatedRows.count) more rows repeat a record_id of their file")
        }
        let output = OutputFile()
        let counts: JSONObject = [
            "upserted": .int(report.upserted),
            "withdrawn": .int(report.withdrawn),
            "withdrawn_unknown": .int(report.withdrawnUnknown),
            "bad_rows": .int(report.badRows),
            "repeated_ids": .int(report.repeatedIDs),
            "replaced": .bool(report.replaced),
        ]
        output.writeLine(JSONValue.object(counts.merging(report.info.jsonMembers)))
        try output.finish()
    }
}

/// `docguard lists sync --from postgres://... --store STORE`.
struct ListsSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Bring a post's store up to the central PostgreSQL list; prints what was done as one JSON line.",
        discussion: """
            Applies the records added, changed and withdrawn at the centre since the post's generation, or copies \
            the whole list when the post holds none, holds a list from elsewhere, or is further behind than the \
            centre keeps changes. Atomic: until the sync completes the post keeps its previous list, whatever \
            stops it. The post's list then carries the central version, import time and generation. On a \
            terminal a progress line goes to stderr.
            """
    )

    @Option(
        name: .long,
        help:
            "The central store: a postgres:// URL (password from PGPASSWORD or a password_file= parameter; never shown)."
    )
    var from: String

    @Option(name: .long, help: "The post's store: a SQLite file path (created when missing).")
    var store: String

    func validate() throws {
        guard from.hasPrefix("postgres://") || from.hasPrefix("postgresql://") else {
            throw ValidationError("--from must be a postgres:// URL (the central list)")
        }
    }

    func run() throws {
        guard let central = try ListStores.open(from) as? PostgresListStore else {
            throw ValidationError("--from must be a postgres:// URL (the central list)")
        }
        let post = try ListStores.open(store, create: true)
        let progress = ProgressDisplay.start(unit: "records", alerts: false)
        let report: ListSyncReport
        do {
            defer { progress?.finish() }
            report = try ListSync.run(from: central, into: post) { progress?.add($0) }
        }
        let output = OutputFile()
        var members: JSONObject = [
            "sync": .string(report.kind.rawValue),
            "from_generation": report.fromGeneration.map { .int($0) } ?? .null,
            "upserted": .int(report.upserted),
            "withdrawn": .int(report.withdrawn),
        ]
        if let reason = report.reason { members["reason"] = .string(reason) }
        output.writeLine(JSONValue.object(members.merging(report.info.jsonMembers)))
        try output.finish()
    }
}

/// `docguard lists lookup --store STORE --state XXX --number N`.
struct ListsLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Print the listed records a document matches, one JSON line each; exit 1 when none.",
        discussion: """
            Matches are exact (same state and number), range (inside a listed range of stolen blanks) or \
            fuzzy (equal only when O/0, I/1, B/8, S/5, Z/2, G/6 are taken as equal). Each line is the \
            listed record plus "match".
            """
    )

    @Option(name: .long, help: "The store: a SQLite file path or a postgres:// URL.")
    var store: String

    @Option(name: .long, help: "Issuing state, e.g. UKR (D for Germany).")
    var state: String

    @Option(name: .long, help: "Document number.")
    var number: String

    func validate() throws {
        guard DocumentNumber.state(state) != nil else { throw ValidationError("--state must be a 1–3 letter code") }
        guard DocumentNumber.normalized(number) != nil else {
            throw ValidationError("--number must hold letters A–Z and digits only")
        }
    }

    func run() throws {
        let matcher = try ListMatcher(store: try ListStores.open(store))
        let verdict = try matcher.verdict(issuingState: state, documentNumber: number)
        let output = OutputFile()
        for hit in verdict.hits { output.writeLine(hit) }
        try output.finish()
        if !verdict.hit {
            FileHandle.standardError.write(Data("docguard: no listed record matches\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `docguard lists info --store STORE`.
struct ListsInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the loaded list's version, import time and record count as one JSON line; exit 1 when empty."
    )

    @Option(name: .long, help: "The store: a SQLite file path or a postgres:// URL.")
    var store: String

    func run() throws {
        let listStore = try ListStores.open(store)
        guard let info = try listStore.info() else {
            FileHandle.standardError.write(Data("docguard: \(ListError.noList(store: listStore.displayName))\n".utf8))
            throw ExitCode(1)
        }
        let output = OutputFile()
        output.writeLine(JSONValue.object(info.jsonMembers))
        try output.finish()
    }
}

extension ListInfo {
    /// `version`, `imported_at`, `records`, `generation`, and `source` for a list synced from a central one.
    var jsonMembers: JSONObject {
        var members: JSONObject = [
            "version": .string(version), "imported_at": .string(importedAt), "records": .int(records),
            "generation": .int(generation),
        ]
        if let source { members["source"] = .string(source) }
        return members
    }
}
