// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "docguard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docguard", targets: ["docguard"]),
        .library(name: "MRZ", targets: ["MRZ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // ICAO 9303 text: formats, check digits, parse, validate, repair. Imports nothing.
        .target(name: "MRZ"),
        // The stages wired together; results, ingest.
        .target(name: "Pipeline", dependencies: ["MRZ"], linkerSettings: [.linkedLibrary("m")]),
        // The command line: argument parsing, building a config, rendering errors.
        .executableTarget(
            name: "docguard",
            dependencies: [
                "Pipeline",
                "MRZ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Prints throughput figures; never run as a test.
        .executableTarget(
            name: "MRZBenchmark",
            dependencies: ["MRZ", "Pipeline"],
            path: "benchmarks/MRZBenchmark"
        ),
        .testTarget(name: "MRZTests", dependencies: ["MRZ"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "MRZ"]),
        .testTarget(name: "docguardCLITests", dependencies: ["docguard"]),
    ]
)
