// swift-tools-version:6.0
import PackageDescription

// Linux only (no `platforms:`): watch mode waits on inotify and night runs write with O_DIRECT, neither of
// which exists on macOS, so a macOS deployment target would promise a build that cannot be made.
let package = Package(
    name: "docguard",
    products: [
        .executable(name: "docguard", targets: ["docguard"]),
        .executable(name: "docguard-synth", targets: ["docguard-synth"]),
        .library(name: "MRZ", targets: ["MRZ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    // Arrows point down only. The border-post binary: docguard -> {Eval, Hub, Pipeline, Lists, OCR, MRZ, Plumbing,
    // CommandLineSupport, CMemory}; Hub -> {Pipeline, Lists, MRZ, Plumbing}; Eval -> {Pipeline, GroundTruth, MRZ}; Pipeline ->
    // {OCR, Lists, Paxlst, VisualZone, MRZ, Plumbing, CMemory}; OCR -> {CTesseract, VisualZone, MRZ, Plumbing};
    // Lists -> {MRZ, Plumbing, CMemory}; Paxlst -> {MRZ}; VisualZone -> {MRZ, Plumbing}. Beside it, never linked into
    // it: docguard-synth -> {Synth, MRZ, CommandLineSupport}; Synth -> {OCR, MRZ, GroundTruth, Plumbing, CFreeType,
    // CJPEG}. MRZ, Plumbing and GroundTruth import nothing of docguard's.
    targets: [
        // ICAO 9303 text: formats, check digits, parse, validate, repair. Imports nothing.
        .target(name: "MRZ"),
        // General pieces with no document in them, shared by the targets above: a value under a lock, a
        // bounded pipe between two threads, a file read line by line, the folders model files are looked up in.
        .target(name: "Plumbing"),
        // The ground-truth file of a scan (`docguard.truth/1`): Synth writes it, Eval reads it.
        .target(name: "GroundTruth"),
        // The printed page (visual inspection zone) held against the MRZ, field by field: pure, no OCR in it.
        .target(name: "VisualZone", dependencies: ["MRZ", "Plumbing"]),
        // UN/EDIFACT PAXLST (Advance Passenger Information): syntax, envelopes, flights, travellers and their
        // documents, and a seeded generator of test files. Pure: bytes in, values out.
        .target(name: "Paxlst", dependencies: ["MRZ"]),
        // Tesseract's C API and Leptonica (module map links `lept` by name).
        .systemLibrary(
            name: "CTesseract",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]
        ),
        // Memory hints for tables far larger than the caches: prefetch, 2 MB pages.
        .systemLibrary(name: "CMemory"),
        // FreeType, for drawing OCR-B glyphs in synthetic scans.
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // libjpeg's compressor, for synthetic CMYK JPEGs (Leptonica writes none).
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        // The only importer of CTesseract: decode, locate the MRZ band, recognise. Swift values out.
        .target(name: "OCR", dependencies: ["CTesseract", "MRZ", "VisualZone", "Plumbing"]),
        // Stolen/lost lists: the store protocol, SQLite (GRDB) and PostgreSQL (postgres-nio), import, matching.
        .target(
            name: "Lists",
            dependencies: [
                "MRZ", "CMemory", "Plumbing",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // Renders specimen scans with ground truth, and training lines cut by OCR's own locator (`docguard synth`).
        .target(name: "Synth", dependencies: ["CFreeType", "CJPEG", "OCR", "MRZ", "GroundTruth", "Plumbing"]),
        // The stages wired together; results, ingest.
        .target(
            name: "Pipeline",
            dependencies: [
                "MRZ", "OCR", "VisualZone", "Lists", "Paxlst", "CMemory", "Plumbing",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            linkerSettings: [.linkedLibrary("m")]),
        // The central unit's read-only web view (`docguard hub`): the results the border posts forwarded to the
        // central PostgreSQL and the posts' contact reports, as HTML pages, JSON and Prometheus metrics.
        .target(
            name: "Hub",
            dependencies: [
                "Pipeline", "Lists", "MRZ", "Plumbing",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // Scores reads against ground truth (`docguard eval`): the production scanner over scans with truth.
        // Kept in the docguard executable, so that eval measures the binary that ships, with its model and
        // settings; it links nothing the pipeline does not (pure Swift over Pipeline and GroundTruth).
        .target(name: "Eval", dependencies: ["Pipeline", "GroundTruth", "MRZ", "VisualZone"]),
        // What both executables share: rendering a failure as one `docguard:` line with SPEC.md's exit codes,
        // and keeping the C libraries' own messages off stderr.
        .target(
            name: "CommandLineSupport",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // The command line: argument parsing, building a config, rendering errors. `docguard synth` runs
        // docguard-synth beside it (a separate executable rather than a library target: whatever the
        // docguard executable links ships to every border post, and the renderer needs FreeType, libjpeg's
        // compressor and the page code, none of which a scan uses).
        .executableTarget(
            name: "docguard",
            dependencies: [
                "CMemory",
                "Pipeline",
                "Eval",
                "Hub",
                "Lists",
                "MRZ",
                "OCR",
                "Plumbing",
                "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Renders specimen scans and training lines; run by `docguard synth`, never by a border post.
        .executableTarget(
            name: "docguard-synth",
            dependencies: [
                "Synth",
                "MRZ",
                "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Prints throughput figures; never run as a test.
        .executableTarget(
            name: "MRZBenchmark",
            dependencies: ["MRZ", "Pipeline"],
            path: "benchmarks/MRZBenchmark"
        ),
        // The visual zone check's CPU, part by part (benchmarks/scan-benchmark.sh); never run as a test.
        .executableTarget(
            name: "VisualZoneBenchmark",
            dependencies: ["OCR", "VisualZone"],
            path: "benchmarks/VisualZoneBenchmark"
        ),
        // Synthetic lists, crossings and PAXLST flights, lookup latency (benchmarks/lists-benchmark.sh,
        // benchmarks/api-benchmark.sh); never run as a test.
        .executableTarget(
            name: "ListBenchmark",
            dependencies: ["Lists", "MRZ", "Paxlst"],
            path: "benchmarks/ListBenchmark"
        ),
        // What the tests share: sample PAXLST text, and Plumbing's ChildProcess (re-exported) for the built binary.
        .target(name: "TestSupport", dependencies: ["Plumbing"], path: "Tests/TestSupport"),
        .testTarget(name: "MRZTests", dependencies: ["MRZ"]),
        .testTarget(name: "PlumbingTests", dependencies: ["Plumbing"]),
        .testTarget(name: "VisualZoneTests", dependencies: ["VisualZone", "MRZ"]),
        .testTarget(name: "PaxlstTests", dependencies: ["Paxlst", "MRZ"]),
        .testTarget(name: "OCRTests", dependencies: ["OCR", "MRZ", "Plumbing"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "OCR", "MRZ", "GroundTruth"]),
        .testTarget(name: "EvalTests", dependencies: ["Eval", "GroundTruth", "Pipeline", "MRZ"]),
        // A real PostgreSQL (DOCGUARD_TEST_POSTGRES_URL) holding three posts' results, the hub in process.
        .testTarget(
            name: "HubTests",
            dependencies: [
                "Hub", "Lists", "Pipeline", "Plumbing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // GRDB: the watch journal tests write journals as earlier versions left them.
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "MRZ", "Lists", "OCR", "Synth", "Plumbing", "VisualZone", "Paxlst", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "ListsTests",
            dependencies: [
                "Lists", "MRZ", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // OCR and Synth make the images some CLI tests feed the binary (multi-page TIFFs, fuzzed files);
        // docguard-synth is built for the tests of `docguard synth`.
        .testTarget(
            name: "docguardCLITests",
            dependencies: ["docguard", "docguard-synth", "OCR", "Synth", "MRZ", "TestSupport"],
            exclude: ["Golden"]),
    ]
)
