// swift-tools-version: 6.1
// DarkScan's benchmarks, a package of their own so that the main build and CI never compile
// ordo-one/benchmark. Run from this folder: `swift package --allow-writing-to-package-directory benchmark`.

import PackageDescription

let package = Package(
    name: "DarkScanBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DarkScan", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "DarkScanBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HEPCore", package: "DarkScan"),
                .product(name: "Theory", package: "DarkScan"),
                .product(name: "EventGeneration", package: "DarkScan"),
                .product(name: "DetectorSimulation", package: "DarkScan"),
                .product(name: "Features", package: "DarkScan"),
                .product(name: "NeuralSelection", package: "DarkScan"),
                .product(name: "EventIO", package: "DarkScan"),
                .product(name: "Statistics", package: "DarkScan"),
                .product(name: "Selection", package: "DarkScan"),
            ],
            path: "Benchmarks/DarkScanBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
