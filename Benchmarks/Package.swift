// swift-tools-version: 6.1
//
// roo's benchmarks, kept out of the main package so package-benchmark never
// slows the main build or CI. Run: `swift package --disable-sandbox benchmark`.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder: find roo's folder name.
let rooPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent

let package = Package(
    name: "RooBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Decode",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Parquet", package: rooPackage),
            ],
            path: "Benchmarks/Decode",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Kernel",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Bench", package: rooPackage),
                .product(name: "Aggregation", package: rooPackage),
            ],
            path: "Benchmarks/Kernel",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
