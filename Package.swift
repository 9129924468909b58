// swift-tools-version:6.0
import PackageDescription

// Linux only (no `platforms:`): watch mode waits on inotify and night runs write with O_DIRECT, neither of
// which exists on macOS, so a macOS deployment target would promise a build that cannot be made.
let package = Package(
    name: "docguard",
    products: [
        .executable(name: "docguard", targets: ["docguard"]),
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
    ],
    targets: [
        // ICAO 9303 text: formats, check digits, parse, validate, repair. Imports nothing.
        .target(name: "MRZ"),
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
        .target(name: "OCR", dependencies: ["CTesseract", "MRZ"]),
        // Stolen/lost lists: the store protocol, SQLite (GRDB) and PostgreSQL (postgres-nio), import, matching.
        .target(
            name: "Lists",
            dependencies: [
                "MRZ", "CMemory",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // Renders specimen scans with ground truth (`docguard synth`).
        .target(name: "Synth", dependencies: ["CFreeType", "CJPEG", "OCR", "MRZ", "Pipeline"]),
        // The stages wired together; results, ingest.
        .target(
            name: "Pipeline",
            dependencies: [
                "MRZ", "OCR", "Lists", "CMemory",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            linkerSettings: [.linkedLibrary("m")]),
        // The command line: argument parsing, building a config, rendering errors.
        .executableTarget(
            name: "docguard",
            dependencies: [
                "Pipeline",
                "Lists",
                "MRZ",
                "Synth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Prints throughput figures; never run as a test.
        .executableTarget(
            name: "MRZBenchmark",
            dependencies: ["MRZ", "Pipeline"],
            path: "benchmarks/MRZBenchmark"
        ),
        // Synthetic lists and crossings, lookup latency (benchmarks/lists-benchmark.sh); never run as a test.
        .executableTarget(
            name: "ListBenchmark",
            dependencies: ["Lists", "MRZ"],
            path: "benchmarks/ListBenchmark"
        ),
        // Starts the built binary for the tests that run it (posix_spawn, not Foundation's Process).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MRZTests", dependencies: ["MRZ"]),
        .testTarget(name: "OCRTests", dependencies: ["OCR", "MRZ"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "OCR", "MRZ", "Pipeline"]),
        // GRDB: the watch journal tests write journals as earlier versions left them.
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "MRZ", "Lists", "OCR", "Synth", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "ListsTests",
            dependencies: [
                "Lists", "MRZ", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // OCR and Synth make the images some CLI tests feed the binary (multi-page TIFFs, fuzzed files).
        .testTarget(name: "docguardCLITests", dependencies: ["docguard", "OCR", "Synth", "MRZ", "TestSupport"],
                    exclude: ["Golden"]),
    ]
)
