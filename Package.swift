// swift-tools-version: 6.1
//
// roo — exact non-regional-content tables from customs import extracts.
//
// Module dependencies point one way (docs/architecture.md); each target
// declares exactly the modules it imports (scripts/check/modules.py):
//   CZstd, CSystemZlib, CBrotli, MappedIO  <-  Parquet, Delimited
//   Customs  <-  TextFormats  <-  Reports;  Customs  <-  Aggregation;  Delimited, Customs  <-  Layouts
//   Parallel (the ordered parallel map)  <-  Aggregation, Reports, Summarize, Ingest, Generate
//   leaf libraries  <-  RooSupport  <-  Partial  <-  Summarize  <-  Bench  <-  roo
//                       RooSupport  <-  Ingest, Generate, Inspect           <-  roo
// The command layer (RooSupport and one module per command) uses `package`
// access; only the leaf libraries (each a library product) and `Bench` (for
// Benchmarks/) are public.
// `Parquet` and `Aggregation` never import each other, so each is tested
// and benchmarked on its own.
//
// Flags:
// - `PARQUET_INTERNAL_CHECKS`: turns on expensive invariant checks inside the
//   decoders (debug builds only). Bad input is always checked regardless.
import PackageDescription

let internalChecks: [SwiftSetting] = [
    .define("PARQUET_INTERNAL_CHECKS", .when(configuration: .debug))
]

let package = Package(
    name: "roo",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "roo", targets: ["roo"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        // Decoded work units for the Kernel benchmark suite (Benchmarks/).
        .library(name: "Bench", targets: ["Bench"]),
        .library(name: "MappedIO", targets: ["MappedIO"]),
        .library(name: "Aggregation", targets: ["Aggregation"]),
        .library(name: "Customs", targets: ["Customs"]),
        .library(name: "Delimited", targets: ["Delimited"]),
        .library(name: "Layouts", targets: ["Layouts"]),
        .library(name: "Parallel", targets: ["Parallel"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "TextFormats", targets: ["TextFormats"]),
        // libFuzzer targets (scripts/fuzz/run.sh); a plain build makes input replayers.
        .executable(name: "fuzz-parquet", targets: ["FuzzParquet"]),
        .executable(name: "fuzz-pages", targets: ["FuzzPages"]),
        .executable(name: "fuzz-csv", targets: ["FuzzCSV"]),
        .executable(name: "fuzz-layouts", targets: ["FuzzLayouts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        .systemLibrary(
            name: "CSystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CBrotli",
            pkgConfig: "libbrotlidec",
            providers: [.apt(["libbrotli-dev"]), .brew(["brotli"])]
        ),
        .target(name: "CPrefetch"),
        // Signal handlers (temporary-file cleanup, SIGBUS on a mapped input) must be C.
        .target(name: "CProcessGuard"),
        .target(name: "MappedIO", dependencies: ["CProcessGuard"]),
        .target(name: "Delimited", dependencies: ["MappedIO", "CSystemZlib", "CZstd"]),
        .target(
            name: "Parquet",
            dependencies: ["MappedIO", "CZstd", "CSystemZlib", "CBrotli"],
            swiftSettings: internalChecks
        ),
        .target(name: "Customs"),
        // The one ordered parallel map (Dispatch), for the tables and the commands.
        .target(name: "Parallel"),
        // The one escaping of each text format (CSV/TSV fields, JSON strings, Markdown, HTML/SVG, XML).
        .target(name: "TextFormats", dependencies: ["Customs"]),
        .target(
            name: "Layouts",
            dependencies: ["Delimited", "Customs", "MappedIO"]
        ),
        .target(
            name: "Aggregation",
            dependencies: ["Customs", "CPrefetch", "Parallel", .product(name: "Atomics", package: "swift-atomics")]
        ),
        .target(
            name: "Reports",
            dependencies: [
                "CPrefetch", "Customs", "Parallel", "TextFormats",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The command layer: a small shared core, then one module per command.
        .target(
            name: "RooSupport",
            dependencies: ["Customs", "Delimited", "Layouts", "MappedIO", "Parquet", "Reports", "TextFormats"]),
        .target(name: "Partial", dependencies: ["Customs", "MappedIO", "Parquet", "Reports", "RooSupport"]),
        .target(
            name: "Summarize",
            dependencies: [
                "Aggregation", "Customs", "Delimited", "Layouts", "MappedIO", "Parallel", "Parquet", "Partial",
                "Reports", "RooSupport", "TextFormats",
            ]
        ),
        .target(
            name: "Ingest",
            dependencies: [
                "Customs", "Delimited", "Layouts", "MappedIO", "Parallel", "Parquet", "RooSupport", "TextFormats",
            ]),
        .target(name: "Generate", dependencies: ["CZstd", "MappedIO", "Parallel", "Parquet", "RooSupport"]),
        .target(
            name: "Inspect",
            dependencies: [
                "Customs", "Delimited", "Layouts", "MappedIO", "Parquet", "RooSupport", "TextFormats",
            ]),
        // roo mirror: two sides summarized by the summarize engine, joined product by product.
        .target(name: "Mirror", dependencies: ["Customs", "Layouts", "Parquet", "Reports", "RooSupport", "Summarize"]),
        .target(
            name: "Bench",
            dependencies: ["Aggregation", "Customs", "Parquet", "Reports", "RooSupport", "Summarize", "TextFormats"]),
        .executableTarget(
            name: "roo",
            dependencies: [
                "Aggregation", "Bench", "Customs", "Generate", "Ingest", "Inspect", "Layouts", "MappedIO", "Mirror",
                "Parquet", "Partial", "Reports", "RooSupport", "Summarize",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", "Customs"]),
        .executableTarget(name: "FuzzParquet", dependencies: ["Parquet", "FuzzSupport"]),
        .executableTarget(name: "FuzzPages", dependencies: ["Parquet", "FuzzSupport"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["Delimited", "FuzzSupport"]),
        .executableTarget(name: "FuzzLayouts", dependencies: ["Layouts", "FuzzSupport"]),
        // Test helpers (fixture paths, encoders, a JSON scanner): no roo module, so every test target builds only what
        // it imports.
        .target(name: "TestSupport"),
        .testTarget(name: "MappedIOTests", dependencies: ["MappedIO", "TestSupport"]),
        .testTarget(name: "ParallelTests", dependencies: ["Parallel"]),
        .testTarget(name: "TextFormatsTests", dependencies: ["TextFormats"]),
        .testTarget(name: "InspectTests", dependencies: ["Inspect", "Parquet", "TestSupport"]),
        .testTarget(name: "BenchTests", dependencies: ["Aggregation", "Bench", "Parquet", "Summarize", "TestSupport"]),
        .testTarget(
            name: "PartialTests", dependencies: ["Customs", "Partial", "Reports", "RooSupport", "TestSupport"]),
        .testTarget(
            name: "RooSupportTests", dependencies: ["Delimited", "Layouts", "MappedIO", "Parquet", "RooSupport"]),
        .testTarget(name: "ParquetTests", dependencies: ["Inspect", "Parquet", "RooSupport", "TestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "Customs", "Parquet", "Partial", "Reports", "Summarize", "TestSupport", "TextFormats",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(name: "CustomsTests", dependencies: ["Customs"]),
        .testTarget(name: "LayoutsTests", dependencies: ["Customs", "Delimited", "Layouts"]),
        .testTarget(name: "MirrorTests", dependencies: ["Mirror"]),
        .testTarget(name: "DelimitedTests", dependencies: ["CSystemZlib", "CZstd", "Delimited", "TestSupport"]),
        .testTarget(name: "GenerateTests", dependencies: ["Generate", "Parquet", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Parquet", "Reports", "RooSupport", "TestSupport"]),
        .testTarget(name: "AggregationTests", dependencies: ["Aggregation", "Customs"]),
        .testTarget(name: "ReportsTests", dependencies: ["Customs", "Reports", "Summarize", "TestSupport"]),
        .testTarget(
            name: "SummarizeTests",
            dependencies: [
                "Aggregation", "Customs", "Generate", "Parquet", "Partial", "Reports", "RooSupport", "Summarize",
                "TestSupport",
            ]
        ),
    ]
)
