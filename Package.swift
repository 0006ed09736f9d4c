// swift-tools-version: 6.1
// DarkScan: a dark-sector search at an e+e- B-factory, from theory to limits, in one Swift package.
// Layout and dependency directions: ../shared/ARCHITECTURE.md (mirrored in README.md).

import PackageDescription

// MARK: - Public library targets (dependencies point down the analysis flow only)

let publicTargets: [Target] = [
    // Cuts on feature columns, mass-dependent thresholds, cut flows, the seed's cut set.
    .target(name: "Selection", dependencies: ["HEPCore", "Features"]),
    // The Punzi-loss network: MLP on OpenBLAS, Adam, binary cross-entropy and Punzi losses.
    .target(name: "NeuralSelection", dependencies: ["HEPCore", "COpenBLAS", .product(name: "RealModule", package: "swift-numerics")]),
    .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    // HistFactory likelihoods (pyhf JSON workspaces), fits, CLs limits with expected bands, the Z' model
    // builder and the conversion of signal-strength limits to g' limits.
    .target(name: "Statistics", dependencies: ["HEPCore", "Theory", .product(name: "RealModule", package: "swift-numerics")]),
    // Units, PDG constants, four-momenta, Lorentz boosts, collider frames, particle data,
    // the counter-based random number generator, histograms, integration and root finding.
    .target(name: "HEPCore", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
    // Mediator models: the L_mu - L_tau Z' (widths, branching ratios, lifetime, (g-2)_mu).
    .target(name: "Theory", dependencies: ["HEPCore", .product(name: "RealModule", package: "swift-numerics")]),
    // Tables (aligned text, CSV, JSON) and, later, plots, the HTML report and exports.
    .target(name: "Reporting", dependencies: ["HEPCore", "Theory"]),
    // The native columnar event store (self-describing, memory-mappable) and, later, other formats.
    .target(
        name: "EventIO",
        dependencies: ["HEPCore", "CZlib", "CLZ4", "CZstd", "CLZMA", .product(name: "Yams", package: "Yams")],
        resources: [.copy("Basf2/zprime-basf2-columns.yaml")]
    ),
    // The compression libraries of ROOT files (and gzip for LHE), from Debian's -dev packages
    // (scripts/system-packages.txt): zlib, LZ4, Zstandard, liblzma.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
    // The analysis spec (YAML, versioned) and the orchestration of `darkscan run`: stages cached under
    // keys of their inputs, the limits of both selections, plots, the HTML report and the exports.
    .target(
        name: "Pipeline",
        dependencies: [
            "HEPCore", "Theory", "EventIO", "EventGeneration", "DetectorSimulation", "Features", "Selection",
            "NeuralSelection", "Statistics", "Reporting", .product(name: "Yams", package: "Yams"),
        ],
        resources: [.copy("Resources")]
    ),
    // The Belle and Belle II fast simulation: detector cards (YAML), the module chain (tracking,
    // calorimeter, particle identification, trigger) and reconstructed samples.
    .target(
        name: "DetectorSimulation",
        dependencies: [
            "HEPCore", "EventIO",
            .product(name: "Yams", package: "Yams"),
            .product(name: "RealModule", package: "swift-numerics"),
        ],
        resources: [.copy("Cards")]
    ),
    // Per-event observables of the Z' searches (recoil mass, thrust, vertex fit, the network inputs).
    .target(
        name: "Features",
        dependencies: ["HEPCore", "EventIO", "DetectorSimulation", .product(name: "RealModule", package: "swift-numerics")]
    ),
    // Helicity amplitudes, phase-space channels, VEGAS integration, unweighting and the processes
    // (the Z' signal, mu mu (gamma)), with initial-state radiation and beam-energy spread.
    .target(
        name: "EventGeneration",
        dependencies: [
            "HEPCore", "Theory",
            .product(name: "RealModule", package: "swift-numerics"),
            .product(name: "ComplexModule", package: "swift-numerics"),
        ]
    ),
]

// MARK: - The command-line program (thin commands over the libraries)

let executableTargets: [Target] = [
    .executableTarget(
        name: "darkscan",
        dependencies: [
            "Pipeline", "Statistics", "Selection", "NeuralSelection", "HEPCore", "Theory", "Reporting", "EventGeneration", "EventIO", "DetectorSimulation", "Features",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
]

// MARK: - Tests (Swift Testing)

let testTargets: [Target] = [
    .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "HEPCore", "Reporting", "EventGeneration", "DetectorSimulation", "Features"]),
    .testTarget(name: "NeuralSelectionTests", dependencies: ["NeuralSelection", "HEPCore"]),
    .testTarget(name: "SelectionTests", dependencies: ["Selection", "Features", "HEPCore"]),
    .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "HEPCore", "Theory"]),
    .testTarget(name: "DetectorSimulationTests", dependencies: ["DetectorSimulation", "HEPCore", "EventIO"]),
    .testTarget(name: "FeaturesTests", dependencies: ["Features", "DetectorSimulation", "EventGeneration", "HEPCore"]),
    .testTarget(name: "EventIOTests", dependencies: ["EventIO", "HEPCore"], resources: [.copy("Fixtures")]),
    .testTarget(name: "HEPCoreTests", dependencies: ["HEPCore", .product(name: "RealModule", package: "swift-numerics")]),
    .testTarget(
        name: "EventGenerationTests",
        dependencies: ["EventGeneration", "HEPCore", "Theory", .product(name: "ComplexModule", package: "swift-numerics")]
    ),
    .testTarget(name: "TheoryTests", dependencies: ["Theory", "HEPCore", .product(name: "RealModule", package: "swift-numerics")]),
    .testTarget(
        name: "ReportingTests",
        dependencies: ["Reporting", "Theory", "HEPCore", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
        exclude: ["__Snapshots__"]
    ),
    .testTarget(
        name: "CLITests",
        dependencies: [
            "darkscan", "Theory", "HEPCore",
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ],
        exclude: ["__Snapshots__"]
    ),
]

let package = Package(
    name: "DarkScan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "darkscan", targets: ["darkscan"]),
        .library(name: "HEPCore", targets: ["HEPCore"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "Selection", targets: ["Selection"]),
        .library(name: "NeuralSelection", targets: ["NeuralSelection"]),
        .library(name: "Theory", targets: ["Theory"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "EventIO", targets: ["EventIO"]),
        .library(name: "EventGeneration", targets: ["EventGeneration"]),
        .library(name: "DetectorSimulation", targets: ["DetectorSimulation"]),
        .library(name: "Features", targets: ["Features"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: publicTargets + executableTargets + testTargets,
    swiftLanguageModes: [.v6]
)
